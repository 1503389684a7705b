package dev.outbox.sample.payment;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads payments: each payer sees only their own. */
@Stateless
@DeclareRoles("player")
@RolesAllowed("player")
public class Payments {

    @Resource(lookup = PaymentSchema.DATASOURCE)
    DataSource dataSource;

    @Resource
    SessionContext session;

    /** @return the caller's payment for the booking; empty while it is not charged yet (or not the caller's) */
    public Optional<Payment> forBooking(long bookingId) {
        String payer = session.getCallerPrincipal().getName();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT amount_cents, state FROM payment WHERE booking_id = ? AND payer = ?")) {
            select.setLong(1, bookingId);
            select.setString(2, payer);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Payment(bookingId, rows.getLong(1), rows.getString(2), transactions(connection, bookingId)));
            }
        } catch (SQLException e) {
            throw new EJBException("could not read the payment of booking " + bookingId, e);
        }
    }

    private static List<PaymentTransaction> transactions(Connection connection, long bookingId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT kind, amount_cents, sender, actor_kind, actor_user, message_id"
                + " FROM payment_transaction WHERE booking_id = ? ORDER BY id")) {
            select.setLong(1, bookingId);
            List<PaymentTransaction> transactions = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    transactions.add(new PaymentTransaction(rows.getString(1), rows.getLong(2), rows.getString(3), rows.getString(4),
                            rows.getString(5), rows.getObject(6, UUID.class)));
                }
            }
            return transactions;
        }
    }
}
