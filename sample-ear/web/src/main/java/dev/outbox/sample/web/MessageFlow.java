package dev.outbox.sample.web;

import dev.outbox.sample.session.LogoutInactiveUsers;

import dev.outbox.sample.web.FlowEntry.Handling;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Reads how the sample's messages flow: what the services sent (their {@code outbox_message}
 * rows, kept since they write in table mode without deleting) joined with what the consumers
 * handled ({@code outbox_inbox}, which records each handled message's verified sender and actor).
 * A handled message whose outbox row is gone is still shown, from the inbox's record of it.
 *
 * <p>The sample's services share one database, so one query joins the senders' outbox with the
 * consumers' inbox. With a database per service, the same view would be gathered from each.
 * Read-only; nothing here changes what the backends do.
 */
@ApplicationScoped
public class MessageFlow {

    /** The consumers' inbox datasource, as outbox-core's consumer side reads it. */
    static final String INBOX_DATASOURCE_PROPERTY = "outbox.datasource";
    private static final String DEFAULT_DATASOURCE = "java:comp/DefaultDataSource";

    /**
     * Messages sent again and again whatever happens, which a person watching the flow wants to
     * see only when they had an effect: the scheduler's inactivity check, every few seconds, which
     * mostly finds nobody to log out. One had an effect when another message names it as its cause.
     */
    public static final Set<String> ROUTINE_TYPES = Set.of(LogoutInactiveUsers.TYPE);

    private static final String SENT = "SELECT m.id, m.message_kind, m.message_type, m.destination, m.message_key, m.sender_service,"
            + " m.actor_kind, m.actor_user, m.actor_permissions, m.correlation_id, m.causation_id, m.created_at, m.deliver_at,"
            + " i.consumer, i.handled_at"
            + " FROM (SELECT * FROM outbox_message o WHERE created_at > ?"
            + "   AND (o.message_type <> ALL (?) OR EXISTS (SELECT 1 FROM outbox_message c WHERE c.causation_id = o.id))"
            + "   ORDER BY created_at DESC, id DESC LIMIT ?) m"
            + " LEFT JOIN outbox_inbox i ON i.message_id = m.id"
            + " ORDER BY m.created_at DESC, m.id DESC, i.handled_at";

    // Messages known only from the inbox: their sender did not keep the outbox row.
    private static final String HANDLED_ONLY = "SELECT i.message_id, NULL, i.message_type, NULL, NULL, i.sender_service,"
            + " i.actor_kind, i.actor_user, i.actor_permissions, i.correlation_id, i.causation_id, NULL, NULL,"
            + " i.consumer, i.handled_at"
            + " FROM outbox_inbox i WHERE i.handled_at > ?"
            + " AND (i.message_type <> ALL (?) OR EXISTS (SELECT 1 FROM outbox_inbox c WHERE c.causation_id = i.message_id))"
            + " AND NOT EXISTS (SELECT 1 FROM outbox_message m WHERE m.id = i.message_id)"
            + " ORDER BY i.handled_at DESC LIMIT ?";

    /**
     * @param since only messages sent (or, without an outbox row, handled) after this instant
     * @param limit at most this many messages, the newest
     * @param quiet whether to leave out the messages of the {@link #ROUTINE_TYPES} that caused no other
     * @return the messages, newest first, each with the consumers that handled it
     */
    public List<FlowEntry> recent(Instant since, int limit, boolean quiet) {
        Map<UUID, FlowEntry> entries = new LinkedHashMap<>();
        try (Connection connection = dataSource().getConnection()) {
            Array leftOut = connection.createArrayOf("text", quiet ? ROUTINE_TYPES.toArray() : new Object[0]);
            read(connection, SENT, since, leftOut, limit, entries);
            read(connection, HANDLED_ONLY, since, leftOut, limit, entries);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the outbox and the inbox: " + e.getMessage(), e);
        }
        return entries.values().stream()
                .sorted(Comparator.comparing(FlowEntry::firstSeen).reversed().thenComparing(FlowEntry::id, Comparator.reverseOrder()))
                .limit(limit)
                .toList();
    }

    private static void read(Connection connection, String sql, Instant since, Array leftOut, int limit, Map<UUID, FlowEntry> entries)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
            select.setArray(2, leftOut);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    FlowEntry entry = entries.computeIfAbsent(id, ignored -> entry(id, rows));
                    String consumer = rows.getString(14);
                    if (consumer != null) {
                        entry.handledBy().add(new Handling(consumer, instant(rows, 15)));
                    }
                }
            }
        }
    }

    private static FlowEntry entry(UUID id, ResultSet rows) {
        try {
            return new FlowEntry(id, rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5), rows.getString(6),
                    rows.getString(7), rows.getString(8), strings(rows.getArray(9)), rows.getObject(10, UUID.class),
                    rows.getObject(11, UUID.class), instant(rows, 12), instant(rows, 13), new ArrayList<>());
        } catch (SQLException e) {
            throw new IllegalStateException("could not read message " + id + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static DataSource dataSource() {
        String name = System.getProperty(INBOX_DATASOURCE_PROPERTY, DEFAULT_DATASOURCE);
        try {
            return (DataSource) new InitialContext().lookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException(INBOX_DATASOURCE_PROPERTY + ": '" + name + "' is not a datasource in JNDI (" + e.getMessage() + ")", e);
        }
    }
}
