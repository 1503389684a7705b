package dev.outbox.sample.payment;

import java.util.List;

/**
 * A booking's payment as its payer sees it.
 *
 * @param bookingId    the booking paid for
 * @param amountCents  what was charged
 * @param state        {@code CAPTURED} or {@code REFUNDED}
 * @param transactions every charge and refund, oldest first
 */
public record Payment(long bookingId, long amountCents, String state, List<PaymentTransaction> transactions) {
}
