package dev.outbox.sample.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A token as its holder receives it, once: only its hash is kept.
 *
 * @param token       the bearer token, to send as {@code Authorization: Bearer <token>}
 * @param user        whose it is
 * @param permissions the user's roles it carries
 * @param issuedAt    when it was issued
 * @param expiresAt   when it stops being valid
 */
public record IssuedToken(String token, String user, Set<String> permissions, Instant issuedAt, Instant expiresAt) {
}
