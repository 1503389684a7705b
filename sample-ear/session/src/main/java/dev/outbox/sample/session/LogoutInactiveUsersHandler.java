package dev.outbox.sample.session;

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
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Logs out the users inactive for longer than their idle timeout, on the scheduler's command, and
 * publishes {@code session.UserLoggedOut} for each, in the same transaction: a session never ends
 * without its event, and the event never leaves for a session that stayed active.
 *
 * <p>Once only, also when runs overlap (the timer firing again while a run is still handled, a
 * backlog of runs arriving together after an outage, two servers with a timer each): a session
 * goes from {@code ACTIVE} to {@code LOGGED_OUT} in one update of its locked row. A run skips the
 * rows another run (or a user's touch) holds, and finds them logged out (or active again) once
 * that commits; the rows it did lock are re-read under the lock, so a user who touched their
 * session meanwhile stays logged in. A redelivered command is dropped by the inbox before it gets
 * here, and would find nobody left to log out.
 *
 * <p>Only the scheduler may ask, and only as a system action: no user can log others out.
 */
@ApplicationScoped
public class LogoutInactiveUsersHandler {

    /** Sessions ended by one run at most; the next run takes the rest, each in a short transaction. */
    static final int BATCH = 500;

    @Resource(lookup = SessionSchema.DATASOURCE)
    DataSource dataSource;

    @Inject
    @SessionOutbox
    Outbox outbox;

    @HandlesMessage(value = LogoutInactiveUsers.TYPE, from = "scheduler", actions = ActionKind.SYSTEM,
            consumers = SessionListener.CONSUMER)
    public void logoutInactiveUsers(LogoutInactiveUsers command, ReceivedMessage message) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            for (UserLoggedOut loggedOut : endInactiveSessions(connection, message)) {
                // Sent while handling the scheduler's SYSTEM command: it acts as the system too, in
                // the same conversation (correlation), caused by this run.
                outbox.send(Message.event(UserLoggedOut.TYPE)
                        .to(UserLoggedOut.DESTINATION)
                        .key("user", loggedOut.user())
                        .payload(loggedOut)
                        .build());
            }
        }
    }

    private static List<UserLoggedOut> endInactiveSessions(Connection connection, ReceivedMessage message) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("WITH inactive AS ("
                + " SELECT id FROM user_session WHERE state = 'ACTIVE'"
                + " AND last_activity_at + idle_timeout_ms * interval '1 millisecond' < now()"
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)"
                + " UPDATE user_session s SET state = 'LOGGED_OUT', ended_at = now(), ended_reason = 'INACTIVE',"
                + " ended_by_sender = ?, ended_by_actor = ?, ended_by_user = ?, ended_by_message = ?"
                + " FROM inactive WHERE s.id = inactive.id"
                + " RETURNING s.id, s.user_id, s.last_activity_at, s.ended_at")) {
            update.setInt(1, BATCH);
            update.setString(2, message.sender());
            update.setString(3, message.actor().kind().name());
            update.setString(4, message.actor().userId());
            update.setObject(5, message.id());
            List<UserLoggedOut> loggedOut = new ArrayList<>();
            try (ResultSet rows = update.executeQuery()) {
                while (rows.next()) {
                    loggedOut.add(new UserLoggedOut(rows.getString(2), rows.getLong(1), "INACTIVE",
                            rows.getTimestamp(3).toInstant(), rows.getTimestamp(4).toInstant()));
                }
            }
            return loggedOut;
        }
    }
}
