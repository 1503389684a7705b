package dev.outbox.sample.tickets;

/** Compensates {@link ChargePayment}: asks the payment backend to refund the booking's charge. */
public record RefundPayment(long bookingId, String reason) {

    public static final String TYPE = "payment.Refund";
    public static final String DESTINATION = "payment.commands";
}
