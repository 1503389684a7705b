package dev.outbox.sample.session;

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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What users do with their own session: log in, show they are still there, look at it. Each
 * user sees and changes only their own. Ending sessions is not here: only the scheduler's check
 * does that ({@link LogoutInactiveUsersHandler}).
 */
@Stateless
@DeclareRoles({Sessions.PLAYER, Sessions.ORGANIZER})
@RolesAllowed({Sessions.PLAYER, Sessions.ORGANIZER})
public class Sessions {

    public static final String PLAYER = "player";
    public static final String ORGANIZER = "organizer";

    private static final String COLUMNS = "id, user_id, state, idle_timeout_ms, started_at, last_activity_at, ended_at, ended_reason,"
            + " ended_by_sender, ended_by_actor, ended_by_user, ended_by_message";

    @Resource(lookup = SessionSchema.DATASOURCE)
    DataSource dataSource;

    @Resource
    SessionContext context;

    /**
     * Logs the caller in, or refreshes their active session (its activity, and its idle timeout
     * if one is asked for).
     *
     * @param idleTimeout an ISO-8601 duration up to the server's limit, or {@code null} for the limit
     * @throws InvalidIdleTimeoutException if the idle timeout is malformed, not positive or too long
     */
    public UserSession login(String idleTimeout) {
        String user = caller();
        Duration timeout = IdleTimeouts.forLogin(idleTimeout);
        // One statement, so two logins at once cannot create two active sessions: the second finds
        // the first's row through the unique index of active sessions and refreshes it.
        try (Connection connection = dataSource.getConnection();
             PreparedStatement upsert = connection.prepareStatement("INSERT INTO user_session (user_id, state, idle_timeout_ms)"
                     + " VALUES (?, 'ACTIVE', ?) ON CONFLICT (user_id) WHERE state = 'ACTIVE'"
                     + " DO UPDATE SET idle_timeout_ms = EXCLUDED.idle_timeout_ms, last_activity_at = now() RETURNING " + COLUMNS)) {
            upsert.setString(1, user);
            upsert.setLong(2, timeout.toMillis());
            return single(upsert).orElseThrow();
        } catch (SQLException e) {
            throw new EJBException("could not log " + user + " in", e);
        }
    }

    /**
     * The caller is still active: their session's last activity becomes now.
     *
     * @throws NoActiveSessionException if the caller has no active session (logged out meanwhile)
     */
    public UserSession touch() {
        String user = caller();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE user_session SET last_activity_at = now()"
                     + " WHERE user_id = ? AND state = 'ACTIVE' RETURNING " + COLUMNS)) {
            update.setString(1, user);
            return single(update).orElseThrow(() -> new NoActiveSessionException(user));
        } catch (SQLException e) {
            throw new EJBException("could not record the activity of " + user, e);
        }
    }

    /** @return the caller's latest session, active or not; looking does not count as activity */
    public Optional<UserSession> mine() {
        String user = caller();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                     + " FROM user_session WHERE user_id = ? ORDER BY id DESC LIMIT 1")) {
            select.setString(1, user);
            return single(select);
        } catch (SQLException e) {
            throw new EJBException("could not read the session of " + user, e);
        }
    }

    private String caller() {
        return context.getCallerPrincipal().getName();
    }

    private static Optional<UserSession> single(PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            return Optional.of(new UserSession(rows.getLong(1), rows.getString(2), rows.getString(3), Duration.ofMillis(rows.getLong(4)),
                    instant(rows.getTimestamp(5)), instant(rows.getTimestamp(6)), instant(rows.getTimestamp(7)), rows.getString(8),
                    rows.getString(9), rows.getString(10), rows.getString(11), rows.getObject(12, UUID.class)));
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
