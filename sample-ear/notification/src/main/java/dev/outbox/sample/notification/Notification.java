package dev.outbox.sample.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * What a player is told, and by whom: the sending service and the user it acted for.
 *
 * @param id        the notification's number, increasing
 * @param text      what the player is told
 * @param sender    the service that asked for it
 * @param actorKind {@code USER}, {@code PROXIED_USER} or {@code SYSTEM}
 * @param actorUser the user on whose behalf it was sent; {@code null} for a system action
 * @param messageId the message that asked for it
 * @param createdAt when it was stored
 */
public record Notification(long id, String text, String sender, String actorKind, String actorUser, UUID messageId, Instant createdAt) {
}
