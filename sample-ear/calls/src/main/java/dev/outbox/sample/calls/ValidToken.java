package dev.outbox.sample.calls;

import java.time.Instant;
import java.util.Set;

/**
 * What the auth backend says of a valid token.
 *
 * @param user        whose token it is
 * @param permissions the permissions it carries (the user's roles when it was issued)
 * @param expiresAt   when it stops being valid
 */
public record ValidToken(String user, Set<String> permissions, Instant expiresAt) {

    public ValidToken {
        permissions = Set.copyOf(permissions);
    }
}
