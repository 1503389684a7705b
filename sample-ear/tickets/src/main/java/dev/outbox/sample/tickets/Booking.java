package dev.outbox.sample.tickets;

import java.time.Instant;

/**
 * A booking as its holder and the organizer see it.
 *
 * @param id                the booking's number
 * @param concert           the concert's name
 * @param holder            the user who booked and paid
 * @param priceCents        what was charged
 * @param state             {@code PENDING}, {@code CONFIRMED} or {@code CANCELLED}
 * @param confirmBy         the organizer's deadline
 * @param confirmedBy       the organizer who confirmed; {@code null} unless confirmed
 * @param cancelledBySender the service whose message cancelled it; {@code null} unless cancelled
 * @param cancelledByActor  the actor of that message ({@code SYSTEM} for the deadline)
 * @param deadlineHandledAt when the deadline message was handled, whatever the state was; {@code null} before
 */
public record Booking(long id, String concert, String holder, long priceCents, String state, Instant confirmBy,
                      String confirmedBy, String cancelledBySender, String cancelledByActor, Instant deadlineHandledAt) {
}
