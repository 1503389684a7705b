package dev.outbox.consumer;

import dev.outbox.OutboxConfigurationException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The handlers of one consumer, one per message type, each with its policy. CDI applications get
 * theirs from {@link HandlesMessage} methods; others build it:
 *
 * <pre>{@code
 * Handlers handlers = Handlers.builder()
 *         .on("notification.NotifyPlayers", NotifyPlayers.class, HandlerPolicy.from("game"), this::notify)
 *         .build();
 * }</pre>
 */
public final class Handlers {

    /** One handler with its payload type and policy. */
    public record Registration<T>(String type, Class<T> payloadType, HandlerPolicy policy, MessageHandler<T> handler) {
    }

    private final Map<String, Registration<?>> byType;

    private Handlers(Map<String, Registration<?>> byType) {
        this.byType = Map.copyOf(byType);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the registration for a message type, if any */
    public Optional<Registration<?>> forType(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** @return the handled message types */
    public java.util.Set<String> types() {
        return byType.keySet();
    }

    /** Collects registrations; a type may be registered once. */
    public static final class Builder {
        private final Map<String, Registration<?>> byType = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param payloadType the class JSON-B deserializes the payload to; {@code String} for the
         *                    text and {@code byte[]} for the raw bytes
         */
        public <T> Builder on(String type, Class<T> payloadType, HandlerPolicy policy, MessageHandler<T> handler) {
            return add(new Registration<>(type, payloadType, policy, handler));
        }

        public Builder add(Registration<?> registration) {
            Registration<?> previous = byType.putIfAbsent(registration.type(), registration);
            if (previous != null) {
                throw new OutboxConfigurationException(List.of("message type '" + registration.type()
                        + "' has two handlers; a consumer may have only one per type"));
            }
            return this;
        }

        public Handlers build() {
            return new Handlers(byType);
        }
    }
}
