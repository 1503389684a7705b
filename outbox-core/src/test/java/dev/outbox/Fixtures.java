package dev.outbox;

import dev.outbox.envelope.EnvelopeVerifier;
import dev.outbox.envelope.TrustedKey;
import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestDatabase;
import dev.outbox.testing.TestKeys;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Settings, messages and inspection shared by the outbox integration tests. */
final class Fixtures {

    static final String KEY = TestKeys.hmacKey();
    static final EnvelopeVerifier VERIFIER = EnvelopeVerifier.of(List.of(TrustedKey.parse("game-1", "game", KEY)));

    private Fixtures() {
    }

    static OutboxSettings.Builder settings() {
        return OutboxSettings.builder().serviceName("game").signingKey("game-1", KEY);
    }

    static Outbox outbox(JtaEnvironment jta, OutboxSettings.Builder settings) {
        return outbox(jta, settings, ActorResolver.NONE);
    }

    static Outbox outbox(JtaEnvironment jta, OutboxSettings.Builder settings, ActorResolver actors) {
        return Outbox.builder()
                .settings(settings.build())
                .dataSource(jta.dataSource())
                .transactionRegistry(jta.registry())
                .actorResolver(actors)
                .build();
    }

    static Message notifyPlayers() {
        return Message.command("notification.NotifyPlayers").to("notification.commands").key("game", 42)
                .jsonPayload("{\"gameId\":42,\"left\":\"alice\"}").header("traceparent", "00-4bf92f-00f067-01").build();
    }

    static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** @return every outbox row as column name to value: arrays as lists, jsonb as text, timestamps as OffsetDateTime */
    static List<Map<String, Object>> rows(TestDatabase database) throws SQLException {
        try (Connection connection = database.appConnection(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM outbox_message ORDER BY id")) {
            ResultSetMetaData meta = result.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    if (value instanceof Array array) {
                        value = Arrays.asList((Object[]) array.getArray());
                    } else if (value instanceof org.postgresql.util.PGobject json) {
                        value = json.getValue();
                    } else if ("timestamptz".equals(meta.getColumnTypeName(i)) && value != null) {
                        value = result.getObject(i, OffsetDateTime.class);
                    }
                    row.put(meta.getColumnName(i), value);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
