package dev.outbox.sample.calls;

import dev.outbox.Actor;

import java.time.Instant;
import java.util.UUID;

/**
 * A call whose signature holds: which service made it, for whom, and when.
 *
 * @param id            the call's id, accepted once
 * @param caller        the calling service, proven by its key
 * @param actor         for whom it calls, as the caller signed it
 * @param correlationId the user's request the call serves, or {@code null}
 * @param createdAt     when the caller signed it
 */
public record VerifiedCall(UUID id, String caller, Actor actor, UUID correlationId, Instant createdAt) {
}
