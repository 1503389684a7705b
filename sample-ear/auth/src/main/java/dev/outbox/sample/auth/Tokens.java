package dev.outbox.sample.auth;

import dev.outbox.sample.settings.DurationSetting;

import jakarta.annotation.Resource;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Bearer tokens: issued to a user who proved who they are (HTTP Basic), checked for any backend
 * that is handed one. A token is 32 random bytes: it cannot be guessed or forged, only looked up,
 * so only this backend can say whether it is valid. Checking reads and never writes.
 */
@Stateless
@DeclareRoles({Tokens.PLAYER, Tokens.ORGANIZER})
public class Tokens {

    public static final String PLAYER = "player";
    public static final String ORGANIZER = "organizer";

    /** The longest and default lifetime of a token, an ISO-8601 duration; read at each issue. */
    public static final String LIFETIME_PROPERTY = "auth.token.lifetime";
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(15);
    /** Expired tokens are kept this long (so their holder learns "expired", not "unknown"), then purged. */
    static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);
    /** Longer than any token this backend issues; a longer one is not looked up. */
    private static final int MAX_TOKEN_LENGTH = 256;

    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource(lookup = AuthSchema.DATASOURCE)
    DataSource dataSource;

    @Resource
    SessionContext session;

    /**
     * Issues a token to the caller, carrying the caller's roles as permissions.
     *
     * @param requestedLifetime an ISO-8601 duration, or {@code null} for the longest; a longer one is shortened to it
     * @throws InvalidLifetimeException when the lifetime is no positive ISO-8601 duration
     */
    @RolesAllowed({PLAYER, ORGANIZER})
    public IssuedToken issue(String requestedLifetime) {
        String user = session.getCallerPrincipal().getName();
        Set<String> permissions = Arrays.stream(new String[] {PLAYER, ORGANIZER}).filter(session::isCallerInRole)
                .collect(Collectors.toCollection(TreeSet::new));
        Duration lifetime = lifetime(requestedLifetime);
        Instant issuedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant expiresAt = issuedAt.plus(lifetime);
        String token = newToken();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO auth_token"
                    + " (id, token_sha256, user_name, permissions, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, UUID.randomUUID());
                insert.setBytes(2, sha256(token));
                insert.setString(3, user);
                insert.setString(4, String.join(",", permissions));
                insert.setTimestamp(5, Timestamp.from(issuedAt));
                insert.setTimestamp(6, Timestamp.from(expiresAt));
                insert.executeUpdate();
            }
            purgeExpired(connection, issuedAt);
        } catch (SQLException e) {
            throw new EJBException("could not issue a token to " + user, e);
        }
        return new IssuedToken(token, user, permissions, issuedAt, expiresAt);
    }

    /**
     * Says whether a token is valid, for whom and with which permissions. A pure read: it writes
     * nothing (not even a "last used" time), so any number of checks leave everything as it was.
     */
    @PermitAll
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public TokenCheck check(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return TokenCheck.unknown();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT user_name, permissions, issued_at, expires_at, revoked_at"
                     + " FROM auth_token WHERE token_sha256 = ?")) {
            select.setBytes(1, sha256(token));
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return TokenCheck.unknown();
                }
                String user = rows.getString(1);
                Set<String> permissions = rows.getString(2).isEmpty() ? Set.of() : Set.of(rows.getString(2).split(","));
                Instant issuedAt = rows.getTimestamp(3).toInstant();
                Instant expiresAt = rows.getTimestamp(4).toInstant();
                Timestamp revoked = rows.getTimestamp(5);
                if (revoked != null) {
                    return new TokenCheck(TokenCheck.State.REVOKED, user, Set.of(), issuedAt, expiresAt, revoked.toInstant());
                }
                if (!Instant.now().isBefore(expiresAt)) {
                    return new TokenCheck(TokenCheck.State.EXPIRED, user, Set.of(), issuedAt, expiresAt, null);
                }
                return new TokenCheck(TokenCheck.State.VALID, user, permissions, issuedAt, expiresAt, null);
            }
        } catch (SQLException e) {
            throw new EJBException("could not check a token", e);
        }
    }

    /**
     * Revokes a token (its holder logs out): from now on every check refuses it. Revoking it again
     * changes nothing.
     *
     * @return whether the token was ever issued here
     */
    @PermitAll
    public boolean revoke(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
            return false;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE auth_token SET revoked_at = COALESCE(revoked_at, now()) WHERE token_sha256 = ?")) {
            update.setBytes(1, sha256(token));
            return update.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new EJBException("could not revoke a token", e);
        }
    }

    private static void purgeExpired(Connection connection, Instant now) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM auth_token WHERE expires_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(now.minus(KEPT_AFTER_EXPIRY)));
            delete.executeUpdate();
        }
    }

    private static Duration lifetime(String requested) {
        Duration longest = longestLifetime();
        if (requested == null || requested.isBlank()) {
            return longest;
        }
        Duration lifetime;
        try {
            lifetime = Duration.parse(requested.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidLifetimeException("lifetime '" + requested + "' is not an ISO-8601 duration such as PT10M");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new InvalidLifetimeException("lifetime must be positive, was '" + requested + "'");
        }
        return lifetime.compareTo(longest) > 0 ? longest : lifetime;
    }

    private static Duration longestLifetime() {
        return DurationSetting.positive(LIFETIME_PROPERTY, DEFAULT_LIFETIME);
    }

    private static String newToken() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
