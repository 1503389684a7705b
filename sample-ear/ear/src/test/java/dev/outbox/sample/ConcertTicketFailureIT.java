package dev.outbox.sample;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static dev.outbox.sample.Concerts.awaitBookingState;
import static dev.outbox.sample.Concerts.awaitPaymentState;
import static dev.outbox.sample.Concerts.book;
import static dev.outbox.sample.Concerts.notificationsAbout;
import static dev.outbox.sample.Concerts.transactionKinds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4 under failure: the relay killed in the middle of the compensation, and a consumer
 * that fails once. Whatever is delivered again, each effect happens once.
 */
class ConcertTicketFailureIT extends OnWildFly {

    @Test
    void relayKilledDuringTheCompensationDeliversEverythingOnceAfterARestart() throws Exception {
        Player erin = Player.named("erin");
        long booking = book(erin);
        awaitPaymentState(erin, booking, "CAPTURED");

        // The deadline is already in the broker; the refund it causes is not: it waits in the WAL.
        SampleEnvironment.killRelay();
        try {
            awaitBookingState(erin, booking, "CANCELLED");
            Thread.sleep(1000);
            assertThat(erin.payment(booking).getString("state")).as("no relay, no refund yet").isEqualTo("CAPTURED");
        } finally {
            SampleEnvironment.restartRelay();
        }

        Concerts.await("erin told about booking " + booking, () -> notificationsAbout(erin, booking), n -> !n.isEmpty());
        JsonObject payment = awaitPaymentState(erin, booking, "REFUNDED");
        // Entries streamed before the kill may be sent again: the broker and the inboxes drop them.
        Thread.sleep(2000);
        assertThat(transactionKinds(erin.payment(booking))).as("charged once, refunded once").containsExactly("CHARGE", "REFUND");
        assertThat(notificationsAbout(erin, booking)).as("told once").hasSize(1);
        assertThat(payment.getString("state")).isEqualTo("REFUNDED");
    }

    /**
     * The test holds a lock on the payment table, as a long migration or a stuck session would:
     * the charge handler gives up after its lock timeout, the transaction rolls back, the failure
     * is recorded and the broker delivers the charge again; once the lock is gone it succeeds.
     */
    @Test
    void chargeFailingOnceIsHandledOnceAfterRedelivery() throws Exception {
        Player frank = Player.named("frank");
        long booking;
        try (Connection blocker = SampleEnvironment.database().connection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE payment IN SHARE MODE");
            }
            booking = book(frank);
            long id = booking;
            String error = Concerts.await("the charge's first failed attempt", () -> chargeFailure(id), e -> true);
            assertThat(error).contains("lock timeout");
            blocker.commit();
        }

        JsonObject charged = Concerts.await("payment of booking " + booking, () -> frank.payment(booking), p -> true);
        assertThat(charged.getJsonNumber("amountCents").longValue()).isEqualTo(5000);
        awaitBookingState(frank, booking, "CANCELLED");
        Concerts.await("frank told about booking " + booking, () -> notificationsAbout(frank, booking), n -> !n.isEmpty());
        awaitPaymentState(frank, booking, "REFUNDED");
        Thread.sleep(1000);
        assertThat(transactionKinds(frank.payment(booking))).as("charged once despite the failed attempt").containsExactly("CHARGE", "REFUND");
        assertThat(notificationsAbout(frank, booking)).hasSize(1);
    }

    /** @return the last error the payment consumer recorded for the booking's charge while it is retried, or {@code null} */
    private static String chargeFailure(long bookingId) throws Exception {
        try (Connection connection = SampleEnvironment.database().connection();
             PreparedStatement select = connection.prepareStatement("SELECT f.last_error FROM outbox_consumer_failure f"
                     + " JOIN outbox_message m ON m.id = f.message_id"
                     + " WHERE f.consumer = 'payment' AND m.message_type = 'payment.Charge' AND m.message_key = ?")) {
            select.setString(1, "booking:" + bookingId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }
}
