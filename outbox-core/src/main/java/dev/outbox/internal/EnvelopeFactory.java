package dev.outbox.internal;

import dev.outbox.ActorResolver;
import dev.outbox.Actor;
import dev.outbox.InvalidMessageException;
import dev.outbox.Message;
import dev.outbox.OutboxSettings;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.MessageIds;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a {@link Message} into a signed {@link Envelope}: a new id, this service as sender, and
 * actor, correlation and causation taken, in this order, from the message itself, from the
 * message being handled on this thread, from the caller's security context, else the system.
 */
final class EnvelopeFactory {

    private final OutboxSettings settings;
    private final ActorResolver actorResolver;
    private final Clock clock;

    EnvelopeFactory(OutboxSettings settings, ActorResolver actorResolver, Clock clock) {
        this.settings = settings;
        this.actorResolver = actorResolver;
        this.clock = clock;
    }

    Envelope create(Message message) {
        if (message == null) {
            throw new InvalidMessageException("message is required");
        }
        if (message.payload().size() > settings.maxPayloadBytes()) {
            throw new InvalidMessageException("payload of message type '" + message.type() + "' is "
                    + message.payload().size() + " bytes, more than the limit of " + settings.maxPayloadBytes()
                    + " bytes (outbox.payload.max-bytes)");
        }
        UUID id = MessageIds.next();
        Optional<Envelope> handled = HandlingContext.current();
        UUID correlationId = message.correlationId()
                .or(() -> handled.map(h -> h.correlationId() != null ? h.correlationId() : h.id()))
                .orElse(id);
        UUID causationId = message.causationId().or(() -> handled.map(Envelope::id)).orElse(null);
        Actor actor = message.actor()
                .or(() -> handled.map(Envelope::actor).map(Actor::asProxy))
                .or(actorResolver::currentActor)
                .orElseGet(Actor::system);
        Envelope unsigned = new Envelope(id, message.kind(), message.type(), message.destination(), message.key(),
                message.payload(), message.headers(), clock.instant(), message.deliverAt().orElse(null),
                correlationId, causationId, settings.serviceName(), actor, null);
        return settings.signingKey().sign(unsigned);
    }
}
