package dev.outbox.sample.tickets;

import dev.outbox.Actor;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.sample.settings.DurationSetting;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Concert bookings: the long-running transaction of the sample. Booking, charging and the
 * confirmation deadline start in one local transaction; the organizer's confirmation ends it;
 * if the deadline comes first, {@link BookingDeadlineHandler} compensates. Each method is one JTA
 * transaction (container-managed).
 */
@Stateless
@DeclareRoles({Bookings.PLAYER, Bookings.ORGANIZER})
public class Bookings {

    public static final String PLAYER = "player";
    public static final String ORGANIZER = "organizer";

    /** How long the organizer has to confirm a booking, as an ISO-8601 duration; read at each booking. */
    public static final String DEADLINE_PROPERTY = "tickets.confirmation-deadline";
    static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(2);

    static final String SELECT = "SELECT b.id, c.name, b.holder, b.price_cents, b.state, b.confirm_by, b.confirmed_by,"
            + " b.cancelled_by_sender, b.cancelled_by_actor, b.deadline_handled_at FROM booking b JOIN concert c ON c.id = b.concert_id"
            + " WHERE b.id = ?";

    @Resource(lookup = TicketsSchema.DATASOURCE)
    DataSource dataSource;

    @Inject
    @TicketsOutbox
    Outbox outbox;

    @Resource
    SessionContext session;

    /**
     * The caller books a ticket and pays. In the same transaction: the booking (pending), the
     * command that charges the caller, and the deadline message, scheduled for the moment the
     * organizer's time is up. Either all three exist or none does.
     */
    @RolesAllowed(PLAYER)
    public Booking book(long concertId) {
        String holder = session.getCallerPrincipal().getName();
        // Millisecond precision: the envelope keeps milliseconds, so the booking and its deadline
        // message name the same instant.
        Instant confirmBy = Instant.now().plus(confirmationDeadline()).truncatedTo(ChronoUnit.MILLIS);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO booking (concert_id, holder, price_cents, state, confirm_by)"
                     + " SELECT id, ?, price_cents, 'PENDING', ? FROM concert WHERE id = ? RETURNING id, price_cents")) {
            insert.setString(1, holder);
            insert.setTimestamp(2, Timestamp.from(confirmBy));
            insert.setLong(3, concertId);
            long bookingId;
            long price;
            try (ResultSet rows = insert.executeQuery()) {
                if (!rows.next()) {
                    throw new BookingNotFoundException("no concert " + concertId);
                }
                bookingId = rows.getLong(1);
                price = rows.getLong(2);
            }
            // Acts for the caller (USER, with the caller's permissions): the caller asked to pay.
            outbox.send(Message.command(ChargePayment.TYPE)
                    .to(ChargePayment.DESTINATION)
                    .key("booking", bookingId)
                    .payload(new ChargePayment(bookingId, price, "booking " + bookingId))
                    .build());
            // The deadline is the system's, not the caller's: when it fires, nobody asked for the
            // cancellation, so it must not borrow the caller's identity or permissions.
            outbox.schedule(Message.command(BookingDeadline.TYPE)
                    .to(BookingDeadline.DESTINATION)
                    .key("booking", bookingId)
                    .actor(Actor.system())
                    .payload(new BookingDeadline(bookingId))
                    .build(), confirmBy);
            return read(connection, bookingId);
        } catch (SQLException e) {
            throw new EJBException("could not book concert " + concertId + " for " + holder, e);
        }
    }

    /**
     * The organizer confirms a pending booking before its deadline. Confirming twice is allowed
     * (nothing changes); confirming a cancelled booking, or after the deadline, is refused with
     * {@link BookingClosedException} and changes nothing.
     *
     * <p>Race-free against the deadline's compensation: both lock the booking's row
     * ({@code SELECT ... FOR UPDATE}) and decide on the state they read under that lock, in the
     * transaction that changes it. Whichever commits first wins; the other waits for the lock,
     * then reads the winner's committed state (PostgreSQL re-reads a locked row after the wait)
     * and backs off. Refusing once {@code confirm_by} has passed, even while the deadline message
     * is still on its way, makes the outcome depend on time alone, not on the message's latency.
     */
    @RolesAllowed(ORGANIZER)
    public Booking confirm(long bookingId) {
        String organizer = session.getCallerPrincipal().getName();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement lock = connection.prepareStatement("SELECT state, confirm_by FROM booking WHERE id = ? FOR UPDATE")) {
                lock.setLong(1, bookingId);
                try (ResultSet rows = lock.executeQuery()) {
                    if (!rows.next()) {
                        throw new BookingNotFoundException("no booking " + bookingId);
                    }
                    String state = rows.getString(1);
                    Instant confirmBy = rows.getTimestamp(2).toInstant();
                    if ("CANCELLED".equals(state)) {
                        throw new BookingClosedException("booking " + bookingId + " was cancelled: it was not confirmed by " + confirmBy);
                    }
                    if ("PENDING".equals(state) && !Instant.now().isBefore(confirmBy)) {
                        throw new BookingClosedException("booking " + bookingId + " can no longer be confirmed: its deadline was " + confirmBy);
                    }
                    if ("CONFIRMED".equals(state)) {
                        return read(connection, bookingId);
                    }
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE booking SET state = 'CONFIRMED', confirmed_by = ?, confirmed_at = now() WHERE id = ?")) {
                update.setString(1, organizer);
                update.setLong(2, bookingId);
                update.executeUpdate();
            }
            return read(connection, bookingId);
        } catch (SQLException e) {
            throw new EJBException("could not confirm booking " + bookingId, e);
        }
    }

    /** @return the booking, if the caller holds it or is an organizer */
    @RolesAllowed({PLAYER, ORGANIZER})
    public Booking find(long bookingId) {
        try (Connection connection = dataSource.getConnection()) {
            Booking booking = read(connection, bookingId);
            if (!session.isCallerInRole(ORGANIZER) && !booking.holder().equals(session.getCallerPrincipal().getName())) {
                throw new BookingNotFoundException("no booking " + bookingId);
            }
            return booking;
        } catch (SQLException e) {
            throw new EJBException("could not read booking " + bookingId, e);
        }
    }

    static Booking read(Connection connection, long bookingId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setLong(1, bookingId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new BookingNotFoundException("no booking " + bookingId);
                }
                Timestamp handled = rows.getTimestamp(10);
                return new Booking(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getLong(4), rows.getString(5),
                        rows.getTimestamp(6).toInstant(), rows.getString(7), rows.getString(8), rows.getString(9),
                        handled == null ? null : handled.toInstant());
            }
        }
    }

    private static Duration confirmationDeadline() {
        return DurationSetting.positive(DEADLINE_PROPERTY, DEFAULT_DEADLINE);
    }
}
