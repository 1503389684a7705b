package dev.outbox.sample.payment;

import java.util.UUID;

/**
 * One money movement, and who asked for it.
 *
 * @param kind        {@code CHARGE} or {@code REFUND}
 * @param amountCents how much
 * @param sender      the service whose message caused it
 * @param actorKind   the actor of that message
 * @param actorUser   the user it acted for; {@code null} for a system action
 * @param messageId   the message
 */
public record PaymentTransaction(String kind, long amountCents, String sender, String actorKind, String actorUser, UUID messageId) {
}
