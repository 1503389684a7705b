package dev.outbox.sample.payment;

/** The command that charges the acting user; read from the message's JSON. */
public record Charge(long bookingId, long amountCents, String description) {
}
