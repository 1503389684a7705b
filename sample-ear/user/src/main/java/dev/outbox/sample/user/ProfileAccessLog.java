package dev.outbox.sample.user;

import dev.outbox.sample.calls.VerifiedCall;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Answers a verified call for a profile and records the answer, in one transaction: no profile
 * leaves this backend without its audit row. The callers are services that proved themselves by
 * signature, not container users, so the container checks no role here; {@link ProfileCalls}
 * decides.
 */
@Stateless
@PermitAll
public class ProfileAccessLog {

    @Resource(lookup = UserSchema.DATASOURCE)
    DataSource dataSource;

    /**
     * @param decision what the call may be answered: {@code FULL} or {@code PUBLIC} (then the profile is read), or a refusal
     * @return the answer; empty when the call's id was answered before (a replay), and nothing is recorded or read
     */
    public Optional<ProfileAnswer> answer(VerifiedCall call, String profileOf, Answer decision, String reason) {
        try (Connection connection = dataSource.getConnection()) {
            ProfileAnswer answer = decision.granted() ? read(connection, profileOf, decision == Answer.FULL)
                    : new ProfileAnswer(decision, null, reason);
            return record(connection, call, profileOf, answer) ? Optional.of(answer) : Optional.empty();
        } catch (SQLException e) {
            throw new EJBException("could not answer call " + call.id() + " for the profile of " + profileOf, e);
        }
    }

    /** @return the calls for a user's profile, oldest first */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ProfileAccess> accessesOf(String profileOf) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT request_id, correlation_id, caller, actor_kind, actor_user,"
                     + " actor_permissions, profile_of, answer, reason, accessed_at FROM user_profile_access WHERE profile_of = ? ORDER BY id")) {
            select.setString(1, profileOf);
            List<ProfileAccess> accesses = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String permissions = rows.getString(6);
                    accesses.add(new ProfileAccess(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getString(3),
                            rows.getString(4), rows.getString(5), permissions.isEmpty() ? List.of() : Arrays.asList(permissions.split(",")),
                            rows.getString(7), rows.getString(8), rows.getString(9), rows.getTimestamp(10).toInstant()));
                }
            }
            return accesses;
        } catch (SQLException e) {
            throw new EJBException("could not read the accesses to the profile of " + profileOf, e);
        }
    }

    private static ProfileAnswer read(Connection connection, String profileOf, boolean full) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT display_name, email, phone FROM user_profile WHERE user_name = ?")) {
            select.setString(1, profileOf);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return new ProfileAnswer(Answer.NOT_FOUND, null, "no profile of " + profileOf);
                }
                UserProfile profile = full ? UserProfile.full(profileOf, rows.getString(1), rows.getString(2), rows.getString(3))
                        : UserProfile.publicPart(profileOf, rows.getString(1));
                return new ProfileAnswer(Answer.valueOf(profile.visibility()), profile, null);
            }
        }
    }

    /** @return false when the call's id is already recorded: the call was answered before */
    private static boolean record(Connection connection, VerifiedCall call, String profileOf, ProfileAnswer answer) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO user_profile_access (request_id, correlation_id, caller,"
                + " actor_kind, actor_user, actor_permissions, profile_of, answer, reason, accessed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now())"
                + " ON CONFLICT (request_id) DO NOTHING")) {
            insert.setObject(1, call.id());
            insert.setObject(2, call.correlationId());
            insert.setString(3, call.caller());
            insert.setString(4, call.actor().kind().name());
            insert.setString(5, call.actor().userId());
            insert.setString(6, String.join(",", call.actor().permissions()));
            insert.setString(7, profileOf);
            insert.setString(8, answer.answer().name());
            insert.setString(9, answer.reason());
            return insert.executeUpdate() == 1;
        }
    }
}
