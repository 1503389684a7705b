package dev.outbox.sample;

import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.outbox.sample.Concerts.awaitBookingState;
import static dev.outbox.sample.Concerts.awaitPaymentState;
import static dev.outbox.sample.Concerts.book;
import static dev.outbox.sample.Concerts.notificationsAbout;
import static dev.outbox.sample.Concerts.text;
import static dev.outbox.sample.Concerts.transactionKinds;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4, a long-running transaction with compensation: a user books a concert ticket and pays;
 * the organizer must confirm before a deadline (4 s in the tests), written as a scheduled message
 * in the booking's transaction; if it passes first, the tickets backend cancels the booking and the
 * payment backend refunds it and tells the user. Asserted as the users see it over HTTP.
 */
class ConcertTicketIT extends OnWildFly {

    private static final Player ORGANIZER = Player.named("olga");

    @Test
    void bookingConfirmedInTimeKeepsTicketAndPaymentWhenTheDeadlinePasses() throws Exception {
        Player erin = Player.named("erin");
        long booking = book(erin);

        HttpResponse<String> confirmed = ORGANIZER.confirm(booking);
        assertThat(confirmed.statusCode()).as("confirm: %s", confirmed.body()).isEqualTo(200);
        assertThat(Player.json(confirmed).getString("state")).isEqualTo("CONFIRMED");
        assertThat(ORGANIZER.confirm(booking).statusCode()).as("confirming again changes nothing").isEqualTo(200);

        // The deadline message still arrives, finds the booking confirmed and leaves it so.
        JsonObject afterDeadline = Concerts.await("the deadline of booking " + booking + " handled",
                () -> erin.booking(booking), b -> text(b, "deadlineHandledAt") != null);
        assertThat(afterDeadline.getString("state")).isEqualTo("CONFIRMED");
        assertThat(afterDeadline.getString("confirmedBy")).isEqualTo("olga");
        assertThat(text(afterDeadline, "cancelledBySender")).isNull();

        JsonObject payment = awaitPaymentState(erin, booking, "CAPTURED");
        assertThat(payment.getJsonNumber("amountCents").longValue()).isEqualTo(5000);
        assertThat(transactionKinds(payment)).as("charged, never refunded").containsExactly("CHARGE");
        JsonObject charge = payment.getJsonArray("transactions").getJsonObject(0);
        assertThat(charge.getString("sender")).isEqualTo("tickets");
        assertThat(charge.getString("actorKind")).as("the user asked to pay").isEqualTo("USER");
        assertThat(charge.getString("actorUser")).isEqualTo("erin");
        assertThat(notificationsAbout(erin, booking)).as("nothing to tell").isEmpty();
    }

    @Test
    void bookingNotConfirmedInTimeIsCancelledRefundedAndTheUserToldOnce() throws Exception {
        Player frank = Player.named("frank");
        long booking = book(frank);

        JsonObject cancelled = awaitBookingState(frank, booking, "CANCELLED");
        assertThat(cancelled.getString("cancelledBySender")).isEqualTo("tickets");
        assertThat(cancelled.getString("cancelledByActor")).as("the deadline is the system's, not the user's").isEqualTo("SYSTEM");

        List<JsonObject> told = Concerts.await("frank told about booking " + booking, () -> notificationsAbout(frank, booking), n -> !n.isEmpty());
        JsonObject payment = awaitPaymentState(frank, booking, "REFUNDED");
        assertThat(transactionKinds(payment)).containsExactly("CHARGE", "REFUND");
        JsonObject refund = payment.getJsonArray("transactions").getJsonObject(1);
        assertThat(refund.getJsonNumber("amountCents").longValue()).isEqualTo(5000);
        assertThat(refund.getString("sender")).isEqualTo("tickets");
        assertThat(refund.getString("actorKind")).isEqualTo("SYSTEM");
        assertThat(text(refund, "actorUser")).as("a system action borrows no user").isNull();

        Thread.sleep(1000);
        told = notificationsAbout(frank, booking);
        assertThat(told).as("told once").hasSize(1);
        JsonObject notification = told.get(0);
        assertThat(notification.getString("text"))
                .isEqualTo("Booking " + booking + " is cancelled and 50.00 refunded: booking " + booking
                        + " was not confirmed by the organizer in time.");
        assertThat(notification.getString("sender")).isEqualTo("payment");
        assertThat(notification.getString("actorKind")).isEqualTo("SYSTEM");
        assertThat(text(notification, "actorUser")).isNull();
    }

    @Test
    void confirmationAfterTheCompensationIsRejectedAndChangesNothing() throws Exception {
        Player grace = Player.named("grace");
        long booking = book(grace);
        awaitBookingState(grace, booking, "CANCELLED");
        awaitPaymentState(grace, booking, "REFUNDED");

        HttpResponse<String> late = ORGANIZER.confirm(booking);

        assertThat(late.statusCode()).as("late confirm: %s", late.body()).isEqualTo(409);
        assertThat(Player.json(late).getString("error")).startsWith("booking " + booking + " was cancelled");
        JsonObject after = grace.booking(booking);
        assertThat(after.getString("state")).isEqualTo("CANCELLED");
        assertThat(text(after, "confirmedBy")).isNull();
        assertThat(transactionKinds(grace.payment(booking))).containsExactly("CHARGE", "REFUND");
    }

    /**
     * The organizer confirms at the last moment, while the deadline message is due: whichever
     * wins, the booking ends in one consistent state, never confirmed and refunded, never
     * cancelled and kept.
     */
    @Test
    void confirmationRacingTheDeadlineEndsInOneConsistentOutcome() throws Exception {
        Player grace = Player.named("grace");
        HttpResponse<String> booked = grace.book(Concerts.CONCERT);
        assertThat(booked.statusCode()).as("book: %s", booked.body()).isEqualTo(200);
        long booking = Player.json(booked).getJsonNumber("id").longValue();
        Instant confirmBy = Instant.parse(Player.json(booked).getString("confirmBy"));

        Thread.sleep(Math.max(0, Duration.between(Instant.now(), confirmBy).toMillis() - 30));
        HttpResponse<String> confirmed = ORGANIZER.confirm(booking);

        JsonObject after = Concerts.await("the deadline of booking " + booking + " handled",
                () -> grace.booking(booking), b -> text(b, "deadlineHandledAt") != null);
        if (confirmed.statusCode() == 200) {
            assertThat(after.getString("state")).isEqualTo("CONFIRMED");
            Thread.sleep(1000);
            assertThat(transactionKinds(awaitPaymentState(grace, booking, "CAPTURED"))).containsExactly("CHARGE");
            assertThat(notificationsAbout(grace, booking)).isEmpty();
        } else {
            assertThat(confirmed.statusCode()).as("confirm: %s", confirmed.body()).isEqualTo(409);
            assertThat(after.getString("state")).isEqualTo("CANCELLED");
            assertThat(text(after, "confirmedBy")).isNull();
            Concerts.await("grace told about booking " + booking, () -> notificationsAbout(grace, booking), n -> !n.isEmpty());
            assertThat(transactionKinds(awaitPaymentState(grace, booking, "REFUNDED"))).containsExactly("CHARGE", "REFUND");
            assertThat(notificationsAbout(grace, booking)).hasSize(1);
        }
    }

    @Test
    void onlyAnOrganizerConfirms() throws Exception {
        Player heidi = Player.named("heidi");
        long booking = book(heidi);

        HttpResponse<String> own = heidi.confirm(booking);

        assertThat(own.statusCode()).as("confirm by the holder: %s", own.body()).isEqualTo(403);
        assertThat(heidi.booking(booking).getString("state")).isEqualTo("PENDING");
    }
}
