package dev.outbox.sample.user;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One call for a user's profile, as the audit recorded it: which service called, for whom, with
 * which permissions, and what it was answered.
 *
 * @param requestId        the signed call's id
 * @param correlationId    the user's request the call served (e.g. one game details request), or {@code null}
 * @param caller           the calling service, proven by its signature
 * @param actorKind        {@code PROXIED_USER} for a service acting for a user
 * @param actorUser        the user the call acted for
 * @param actorPermissions the permissions it claimed for them
 * @param profileOf        whose profile was asked for
 * @param answer           {@code FULL}, {@code PUBLIC}, or a refusal ({@code FORBIDDEN}, ...)
 * @param reason           why it was refused; {@code null} when granted
 * @param accessedAt       when
 */
public record ProfileAccess(UUID requestId, UUID correlationId, String caller, String actorKind, String actorUser,
                            List<String> actorPermissions, String profileOf, String answer, String reason, Instant accessedAt) {
}
