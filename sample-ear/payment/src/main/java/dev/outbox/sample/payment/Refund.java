package dev.outbox.sample.payment;

/** The command that refunds a booking's charge; read from the message's JSON. */
public record Refund(long bookingId, String reason) {
}
