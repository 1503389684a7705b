package dev.outbox.sample.user;

/**
 * The answer to a service's call for a profile.
 *
 * @param answer  what was answered (and audited)
 * @param profile the profile as the user acted for may see it; {@code null} unless granted
 * @param reason  why it was refused; {@code null} when granted
 */
public record ProfileAnswer(Answer answer, UserProfile profile, String reason) {
}
