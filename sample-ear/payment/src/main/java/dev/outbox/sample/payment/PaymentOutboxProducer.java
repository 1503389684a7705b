package dev.outbox.sample.payment;

import dev.outbox.Outbox;
import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Builds the payment service's own {@link Outbox} from {@code payment.outbox.*}. The payment
 * backend sends only while handling a message, so its actor is always the handled message's
 * (no resolver for a caller is needed).
 */
@ApplicationScoped
public class PaymentOutboxProducer {

    /** Prefix of the payment service's outbox configuration (system properties or environment). */
    public static final String CONFIGURATION_PREFIX = "payment.outbox";

    @Produces
    @ApplicationScoped
    @PaymentOutbox
    Outbox outbox() {
        // The datasource the settings name and the transaction registry are looked up in JNDI.
        return Outbox.builder().settings(OutboxSettings.fromEnvironment(CONFIGURATION_PREFIX)).build();
    }
}
