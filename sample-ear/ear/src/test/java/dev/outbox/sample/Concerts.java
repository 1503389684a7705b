package dev.outbox.sample;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** What the concert-ticket tests share: booking as a user, and waiting for what arrives asynchronously. */
final class Concerts {

    static final long CONCERT = 1;
    /** Generous: the deadline is seconds, but a relay restart or a redelivery takes longer on a busy machine. */
    static final long TIMEOUT_MS = TimeUnit.SECONDS.toMillis(90);

    private Concerts() {
    }

    /** @return the id of a new booking of the concert by {@code player}, which must be pending */
    static long book(Player player) throws Exception {
        HttpResponse<String> booked = player.book(CONCERT);
        assertThat(booked.statusCode()).as("book: %s", booked.body()).isEqualTo(200);
        JsonObject booking = Player.json(booked);
        assertThat(booking.getString("state")).isEqualTo("PENDING");
        assertThat(booking.getString("holder")).isEqualTo(player.name());
        return booking.getJsonNumber("id").longValue();
    }

    /** Polls until {@code done} holds for what {@code probe} returns, and returns that; fails after the timeout. */
    static <T> T await(String what, Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        T value = probe.call();
        while ((value == null || !done.test(value)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            value = probe.call();
        }
        assertThat(value != null && done.test(value)).as("%s within %d ms; last seen: %s%s", what, TIMEOUT_MS, value, Diagnostics.describe()).isTrue();
        return value;
    }

    static JsonObject awaitBookingState(Player holder, long bookingId, String state) throws Exception {
        return await("booking " + bookingId + " " + state, () -> holder.booking(bookingId), booking -> state.equals(booking.getString("state")));
    }

    static JsonObject awaitPaymentState(Player payer, long bookingId, String state) throws Exception {
        return await("payment of booking " + bookingId + " " + state, () -> payer.payment(bookingId),
                payment -> state.equals(payment.getString("state")));
    }

    /** @return the user's notifications about the booking */
    static List<JsonObject> notificationsAbout(Player player, long bookingId) throws Exception {
        JsonArray all = player.notifications();
        return all.getValuesAs(JsonObject.class).stream()
                .filter(notification -> notification.getString("text").startsWith("Booking " + bookingId + " "))
                .toList();
    }

    /** @return the kinds of the payment's transactions, oldest first */
    static List<String> transactionKinds(JsonObject payment) {
        return payment.getJsonArray("transactions").getValuesAs(JsonObject.class).stream().map(t -> t.getString("kind")).toList();
    }

    /** @return the member's text, or {@code null} when absent (JSON-B leaves nulls out) or null */
    static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : object.getString(name);
    }
}
