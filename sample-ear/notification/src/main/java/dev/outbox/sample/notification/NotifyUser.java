package dev.outbox.sample.notification;

/**
 * The command that asks this backend to tell one user something; read from the message's JSON.
 *
 * @param recipient who is told
 * @param text      what they are told
 */
public record NotifyUser(String recipient, String text) {
}
