package dev.outbox.sample.payment;

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
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Charges and refunds on the tickets service's commands. A charge is asked for by the paying user
 * (through the tickets service); a refund is the system's compensation of a booking that was not
 * confirmed in time, and never a user's request.
 */
@ApplicationScoped
public class PaymentHandlers {

    @Resource(lookup = PaymentSchema.DATASOURCE)
    DataSource dataSource;

    @Inject
    @PaymentOutbox
    Outbox outbox;

    @HandlesMessage(value = "payment.Charge", from = "tickets", actions = {ActionKind.USER, ActionKind.PROXIED_USER},
            permissions = "player", consumers = PaymentListener.CONSUMER)
    public void charge(Charge charge, ReceivedMessage message) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            failFastOnLocks(connection);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO payment (booking_id, payer, amount_cents, state)"
                    + " VALUES (?, ?, ?, 'CAPTURED') ON CONFLICT (booking_id) DO NOTHING")) {
                insert.setLong(1, charge.bookingId());
                insert.setString(2, message.actor().userId());
                insert.setLong(3, charge.amountCents());
                if (insert.executeUpdate() == 0) {
                    return;
                }
            }
            record(connection, charge.bookingId(), "CHARGE", charge.amountCents(), message);
        }
    }

    /**
     * Refunds once: only a captured payment becomes refunded, under the update's row lock, so a
     * second refund command (or a redelivery past the inbox) finds it refunded and does nothing.
     * The user is told in the same transaction, through this service's outbox.
     */
    @HandlesMessage(value = "payment.Refund", from = "tickets", actions = ActionKind.SYSTEM, consumers = PaymentListener.CONSUMER)
    public void refund(Refund refund, ReceivedMessage message) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            failFastOnLocks(connection);
            String payer;
            long amount;
            try (PreparedStatement update = connection.prepareStatement("UPDATE payment SET state = 'REFUNDED', updated_at = now()"
                    + " WHERE booking_id = ? AND state = 'CAPTURED' RETURNING payer, amount_cents")) {
                update.setLong(1, refund.bookingId());
                try (ResultSet rows = update.executeQuery()) {
                    if (!rows.next()) {
                        if (!exists(connection, refund.bookingId())) {
                            // The charge comes first on the booking's key, so this is not expected;
                            // failing makes the broker try again rather than lose the refund.
                            throw new IllegalStateException("booking " + refund.bookingId() + " has no payment to refund yet");
                        }
                        return;
                    }
                    payer = rows.getString(1);
                    amount = rows.getLong(2);
                }
            }
            record(connection, refund.bookingId(), "REFUND", amount, message);
            outbox.send(Message.command(NotifyUser.TYPE)
                    .to(NotifyUser.DESTINATION)
                    .key("booking", refund.bookingId())
                    .payload(new NotifyUser(payer, "Booking " + refund.bookingId() + " is cancelled and "
                            + Amounts.format(amount) + " refunded: " + refund.reason() + "."))
                    .build());
        }
    }

    /**
     * A handler waits at most two seconds for a lock, then fails and is retried by the broker,
     * rather than hold a consumer thread for as long as someone else holds the lock.
     */
    private static void failFastOnLocks(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '2s'");
        }
    }

    private static boolean exists(Connection connection, long bookingId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM payment WHERE booking_id = ?")) {
            select.setLong(1, bookingId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static void record(Connection connection, long bookingId, String kind, long amount, ReceivedMessage message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO payment_transaction"
                + " (booking_id, kind, amount_cents, message_id, sender, actor_kind, actor_user) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, bookingId);
            insert.setString(2, kind);
            insert.setLong(3, amount);
            insert.setObject(4, message.id());
            insert.setString(5, message.sender());
            insert.setString(6, message.actor().kind().name());
            insert.setString(7, message.actor().userId());
            insert.executeUpdate();
        }
    }
}
