package dev.outbox.sample;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The user backend's audit table, read directly, for what the API does not show (calls never recorded). */
final class ProfileAudit {

    private ProfileAudit() {
    }

    /** @return how many calls acting for the user were recorded */
    static long callsActingFor(String user) throws SQLException {
        return count("SELECT count(*) FROM user_profile_access WHERE actor_user = ?", user);
    }

    /** @return how many calls with this id (the signed {@code outbox_id}) were recorded */
    static long callsWithId(String requestId) throws SQLException {
        return count("SELECT count(*) FROM user_profile_access WHERE request_id = ?::uuid", requestId);
    }

    static long count(String sql, String parameter) throws SQLException {
        try (Connection connection = SampleEnvironment.database().connection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, parameter);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
