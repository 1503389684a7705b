package dev.outbox.internal;

import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Produces the settings from system properties and environment variables. An application that
 * configures the outbox another way produces its own {@code OutboxSettings} as an
 * {@code @Alternative @Priority} bean.
 */
@ApplicationScoped
public class OutboxSettingsProducer {

    @Produces
    @Singleton
    public OutboxSettings settings() {
        return OutboxSettings.fromEnvironment();
    }
}
