package dev.outbox.sample.payment;

/** Asks the notification backend to tell one user something; the two agree on the JSON only. */
public record NotifyUser(String recipient, String text) {

    public static final String TYPE = "notification.NotifyUser";
    public static final String DESTINATION = "notification.commands";
}
