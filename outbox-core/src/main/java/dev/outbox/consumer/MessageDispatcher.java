package dev.outbox.consumer;

import dev.outbox.InvalidMessageException;
import dev.outbox.NoTransactionException;
import dev.outbox.OutboxConfigurationException;
import dev.outbox.OutboxException;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.EnvelopeVerifier;
import dev.outbox.envelope.MessageProperties;
import dev.outbox.envelope.SignatureVerificationException;
import dev.outbox.internal.FailureLog;
import dev.outbox.internal.HandlingContext;
import dev.outbox.internal.Inbox;
import dev.outbox.internal.JsonPayloads;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Receives outbox messages for one consumer, inside the transaction that consumes them (an MDB's
 * container-managed transaction): reads the envelope, verifies the signature, finds the handler,
 * checks its policy, keeps the key's order, records the message in the inbox and calls the
 * handler. What cannot be handled is dead-lettered in the same transaction, with the reason.
 *
 * <p>Thread-safe; one instance serves every concurrent delivery of its consumer.
 */
public final class MessageDispatcher {

    /** What became of a delivered message. */
    public enum Outcome {
        /** The handler ran and its transaction may commit. */
        HANDLED,
        /** The message was handled before; nothing was done. */
        DUPLICATE,
        /** The message went to the dead-letter address. */
        DEAD_LETTERED
    }

    private static final System.Logger LOG = System.getLogger(MessageDispatcher.class.getName());
    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";

    private final String consumer;
    private final Handlers handlers;
    private final EnvelopeVerifier verifier;
    private final Inbox inbox;
    private final FailureLog failures;
    private final TransactionSynchronizationRegistry transactions;
    private final int maxAttempts;
    private final Duration firstRetryDelay;
    private final Duration maxRetryDelay;

    private MessageDispatcher(Builder builder) {
        this.consumer = builder.consumer;
        this.handlers = builder.handlers;
        this.verifier = builder.verifier;
        this.inbox = new Inbox(builder.dataSource);
        this.failures = new FailureLog(builder.dataSource, builder.newTransaction);
        this.transactions = builder.transactions;
        this.maxAttempts = builder.maxAttempts;
        this.firstRetryDelay = builder.firstRetryDelay;
        this.maxRetryDelay = builder.maxRetryDelay;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String consumer() {
        return consumer;
    }

    /**
     * Handles one delivery in the current transaction.
     *
     * @param deadLetters where messages that cannot be handled go, in the same transaction
     * @throws HandlerFailedException if the handler threw: roll back so the message is delivered again
     * @throws OutboxException        if the inbox or the dead-letter address could not be written: roll back
     */
    public Outcome dispatch(Message message, DeadLetterSink deadLetters) {
        requireActiveTransaction();
        try {
            return dispatchChecked(message, deadLetters);
        } catch (SQLException | JMSException e) {
            throw new OutboxException("consumer " + consumer + " could not process message: " + e.getMessage(), e);
        }
    }

    private Outcome dispatchChecked(Message message, DeadLetterSink deadLetters) throws SQLException, JMSException {
        int delivery = message.propertyExists(DELIVERY_COUNT) ? message.getIntProperty(DELIVERY_COUNT) : 1;
        if (delivery > 1 && delivery <= maxAttempts) {
            backOff(delivery);
        }
        Envelope envelope;
        try {
            envelope = MessageProperties.toEnvelope(properties(message), Bodies.bytes(message));
        } catch (InvalidMessageException e) {
            return deadLetter(message, null, DeadLetterReason.MALFORMED, e.getMessage(), delivery, deadLetters);
        }
        try {
            verifier.verify(envelope);
        } catch (SignatureVerificationException e) {
            return deadLetter(message, envelope, DeadLetterReason.SIGNATURE, e.getMessage(), delivery, deadLetters);
        }
        Optional<Handlers.Registration<?>> found = handlers.forType(envelope.type());
        if (found.isEmpty()) {
            return deadLetter(message, envelope, DeadLetterReason.UNKNOWN_TYPE,
                    "consumer " + consumer + " has no handler for type " + envelope.type(), delivery, deadLetters);
        }
        Handlers.Registration<?> registration = found.get();
        Optional<String> refusal = registration.policy().refusal(envelope);
        if (refusal.isPresent()) {
            return deadLetter(message, envelope, DeadLetterReason.UNAUTHORIZED, refusal.get(), delivery, deadLetters);
        }
        // The checks that need no database come first: the inbox then records the message in the same
        // statement that asks whether its key is parked, one round trip for both.
        if (delivery > maxAttempts) {
            String error = failures.lastError(consumer, envelope.id()).orElse("no error recorded");
            failures.forget(consumer, envelope.id());
            return deadLetter(message, envelope, DeadLetterReason.HANDLER_FAILED,
                    "failed " + maxAttempts + " attempts; last error: " + error, delivery, deadLetters);
        }
        Object payload;
        try {
            payload = JsonPayloads.deserialize(envelope.payload(), registration.payloadType());
        } catch (InvalidMessageException e) {
            return deadLetter(message, envelope, DeadLetterReason.MALFORMED, e.getMessage(), delivery, deadLetters);
        }
        Inbox.Admission admission = inbox.admit(consumer, envelope);
        if (admission.parkedBehindAnother(envelope.id())) {
            return deadLetter(message, envelope, DeadLetterReason.KEY_PARKED,
                    "key " + envelope.key() + " is parked behind dead letter " + admission.parkedBy(), delivery, deadLetters);
        }
        if (!admission.recorded()) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: message {1} was handled before, skipped", consumer, envelope.id());
            return Outcome.DUPLICATE;
        }
        invoke(registration, payload, new ReceivedMessage(envelope, consumer, delivery));
        if (admission.parkedBy() != null) {
            inbox.unpark(consumer, envelope.key());
            LOG.log(System.Logger.Level.INFO, "{0}: key {1} released, its dead letter {2} is handled", consumer, envelope.key(), envelope.id());
        }
        if (delivery > 1) {
            failures.forget(consumer, envelope.id());
        }
        return Outcome.HANDLED;
    }

    @SuppressWarnings("unchecked")
    private <T> void invoke(Handlers.Registration<T> registration, Object payload, ReceivedMessage received) {
        try {
            HandlingContext.runWith(received.envelope(), () -> {
                registration.handler().handle((T) payload, received);
                return null;
            });
        } catch (Exception e) {
            failures.record(consumer, received.id(), e);
            LOG.log(System.Logger.Level.WARNING, "{0}: handler of {1} failed on attempt {2} of {3} for message {4}: {5}",
                    consumer, received.type(), received.deliveryAttempt(), maxAttempts, received.id(), e.toString());
            throw new HandlerFailedException("handler of " + received.type() + " failed for message " + received.id()
                    + " (attempt " + received.deliveryAttempt() + " of " + maxAttempts + ")", e);
        }
    }

    /**
     * Waits before a retry. The consumer waits, not the broker: a broker redelivery delay lets the
     * next message of the same group overtake the one being retried (measured with Artemis 2.40),
     * while a waiting consumer keeps the group, and so the key's order, blocked.
     */
    private void backOff(int delivery) {
        long delay = firstRetryDelay.toMillis() << Math.min(delivery - 2, 20);
        try {
            Thread.sleep(Math.min(delay, maxRetryDelay.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Outcome deadLetter(Message message, Envelope envelope, DeadLetterReason reason, String error, int delivery,
                               DeadLetterSink deadLetters) throws JMSException, SQLException {
        UUID id = envelope == null ? null : envelope.id();
        deadLetters.send(message, new DeadLetter(reason, consumer, id, error, delivery));
        if (envelope != null && reason.parksKey()) {
            inbox.park(consumer, envelope.key(), envelope.id(), reason.label());
        }
        LOG.log(System.Logger.Level.WARNING, "{0}: dead-lettered message {1} ({2}): {3}", consumer,
                id != null ? id : message.getJMSMessageID(), reason.label(), error);
        return Outcome.DEAD_LETTERED;
    }

    private void requireActiveTransaction() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new NoTransactionException("consumer " + consumer + " must receive messages in an active JTA transaction"
                    + " (an MDB with container-managed transactions, the default); the inbox and the handler's work"
                    + " must commit together with the acknowledgement");
        }
    }

    private static Map<String, Object> properties(Message message) throws JMSException {
        Map<String, Object> properties = new HashMap<>();
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            properties.put(name, message.getObjectProperty(name));
        }
        return properties;
    }

    /** Assembles a {@link MessageDispatcher}; every part is required but {@code maxAttempts}. */
    public static final class Builder {
        private String consumer;
        private Handlers handlers;
        private EnvelopeVerifier verifier;
        private DataSource dataSource;
        private TransactionSynchronizationRegistry transactions;
        private Consumer<Runnable> newTransaction;
        private int maxAttempts = 5;
        private Duration firstRetryDelay = Duration.ofMillis(100);
        private Duration maxRetryDelay = Duration.ofSeconds(5);

        private Builder() {
        }

        /** The consumer's name: its inbox entries and dead letters are kept under it. */
        public Builder consumer(String name) {
            this.consumer = name;
            return this;
        }

        public Builder handlers(Handlers handlers) {
            this.handlers = handlers;
            return this;
        }

        /** Verifies senders' signatures with the keys this consumer trusts. */
        public Builder verifier(EnvelopeVerifier verifier) {
            this.verifier = verifier;
            return this;
        }

        /** The JTA datasource holding the inbox and the handlers' data. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        public Builder transactionRegistry(TransactionSynchronizationRegistry registry) {
            this.transactions = registry;
            return this;
        }

        /** Runs work in a new transaction, suspending the caller's: used to keep a failing handler's last error. */
        public Builder newTransaction(Consumer<Runnable> runner) {
            this.newTransaction = runner;
            return this;
        }

        /** Uses a transaction manager to run work in a new transaction. */
        public Builder newTransactionsFrom(TransactionManager manager) {
            return newTransaction(work -> runInNewTransaction(manager, work));
        }

        /** How often a failing handler is tried before the message is dead-lettered; 5 by default. */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * How long to wait before the second attempt, doubling for each further one up to
         * {@code max}; 100 ms and 5 s by default.
         */
        public Builder retryDelay(Duration first, Duration max) {
            this.firstRetryDelay = first;
            this.maxRetryDelay = max;
            return this;
        }

        /** @throws OutboxConfigurationException naming every missing part */
        public MessageDispatcher build() {
            List<String> problems = new ArrayList<>();
            if (consumer == null || consumer.isBlank()) {
                problems.add("consumer name is required");
            }
            if (handlers == null) {
                problems.add("handlers are required");
            }
            if (verifier == null) {
                problems.add("a verifier with the trusted keys is required");
            }
            if (dataSource == null) {
                problems.add("dataSource is required: the JTA datasource of the inbox");
            }
            if (transactions == null) {
                problems.add("transactionRegistry is required");
            }
            if (newTransaction == null) {
                problems.add("newTransaction is required: a way to run work in a new transaction");
            }
            if (firstRetryDelay == null || maxRetryDelay == null || firstRetryDelay.isNegative() || maxRetryDelay.compareTo(firstRetryDelay) < 0) {
                problems.add("retry delays must be zero or positive, the first no longer than the maximum");
            }
            if (maxAttempts < 1) {
                problems.add("maxAttempts must be at least 1, was " + maxAttempts);
            }
            if (!problems.isEmpty()) {
                throw new OutboxConfigurationException(problems);
            }
            return new MessageDispatcher(this);
        }

        private static void runInNewTransaction(TransactionManager manager, Runnable work) {
            jakarta.transaction.Transaction suspended = null;
            try {
                suspended = manager.suspend();
                manager.begin();
                try {
                    work.run();
                } catch (RuntimeException e) {
                    manager.rollback();
                    throw e;
                }
                manager.commit();
            } catch (Exception e) {
                throw new OutboxException("work in a new transaction failed: " + e.getMessage(), e);
            } finally {
                if (suspended != null) {
                    try {
                        manager.resume(suspended);
                    } catch (Exception e) {
                        LOG.log(System.Logger.Level.ERROR, "could not resume the suspended transaction", e);
                    }
                }
            }
        }
    }
}
