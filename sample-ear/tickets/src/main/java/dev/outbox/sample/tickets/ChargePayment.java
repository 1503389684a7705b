package dev.outbox.sample.tickets;

/**
 * Asks the payment backend to charge the booking's holder (the acting user of the message).
 * The payment backend has its own class for it; the two agree on the JSON only.
 */
public record ChargePayment(long bookingId, long amountCents, String description) {

    public static final String TYPE = "payment.Charge";
    public static final String DESTINATION = "payment.commands";
}
