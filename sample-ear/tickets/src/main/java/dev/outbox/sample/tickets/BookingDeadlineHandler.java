package dev.outbox.sample.tickets;

import dev.outbox.ActionKind;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.consumer.HandlesMessage;
import dev.outbox.consumer.ReceivedMessage;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The compensation of a booking the organizer did not confirm in time: when the deadline message
 * arrives and the booking is still pending, cancel it and ask the payment backend to refund it
 * (which then tells the holder). A booking already confirmed (or cancelled) is left as it is.
 *
 * <p>Once only: the consumer's inbox drops a redelivered deadline, and the state check under the
 * row lock drops anything that still gets through (the second run finds the booking cancelled).
 * The refund command is written in the same transaction as the cancellation, so there is never a
 * cancelled booking without its refund, nor a refund of a booking that stayed confirmed.
 *
 * <p>Only the tickets service may send the deadline, and only as a system action: a deadline is
 * not something a user can ask for.
 */
@ApplicationScoped
public class BookingDeadlineHandler {

    @Resource(lookup = TicketsSchema.DATASOURCE)
    DataSource dataSource;

    @Inject
    @TicketsOutbox
    Outbox outbox;

    @HandlesMessage(value = BookingDeadline.TYPE, from = "tickets", actions = ActionKind.SYSTEM, consumers = TicketsListener.CONSUMER)
    public void deadlinePassed(BookingDeadline deadline, ReceivedMessage message) throws SQLException {
        long bookingId = deadline.bookingId();
        try (Connection connection = dataSource.getConnection()) {
            // The same row lock as Bookings.confirm: a confirmation running now either committed
            // before this read (we see CONFIRMED) or waits until this transaction ends (and then
            // sees CANCELLED).
            String state;
            try (PreparedStatement lock = connection.prepareStatement("SELECT state FROM booking WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, bookingId);
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        // Nothing to compensate; the booking's transaction committed, so this cannot
                        // happen unless the row was removed by hand.
                        return;
                    }
                    state = rows.getString(1);
                }
            }
            if (!"PENDING".equals(state)) {
                markHandled(connection, bookingId);
                return;
            }
            try (PreparedStatement cancel = connection.prepareStatement("UPDATE booking SET state = 'CANCELLED', cancelled_at = now(),"
                    + " cancelled_by_sender = ?, cancelled_by_actor = ?, deadline_handled_at = now() WHERE id = ?")) {
                cancel.setString(1, message.sender());
                cancel.setString(2, message.actor().kind().name());
                cancel.setLong(3, bookingId);
                cancel.executeUpdate();
            }
            // Sent while handling a SYSTEM message, so it acts as the system too: same correlation,
            // the deadline as its cause.
            outbox.send(Message.command(RefundPayment.TYPE)
                    .to(RefundPayment.DESTINATION)
                    .key("booking", bookingId)
                    .payload(new RefundPayment(bookingId, "booking " + bookingId + " was not confirmed by the organizer in time"))
                    .build());
        }
    }

    private static void markHandled(Connection connection, long bookingId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE booking SET deadline_handled_at = coalesce(deadline_handled_at, now()) WHERE id = ?")) {
            update.setLong(1, bookingId);
            update.executeUpdate();
        }
    }
}
