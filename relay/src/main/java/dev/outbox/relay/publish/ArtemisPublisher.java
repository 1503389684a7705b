package dev.outbox.relay.publish;

import dev.outbox.MessageKind;
import dev.outbox.envelope.Envelope;
import dev.outbox.envelope.WalMessageCodec;
import dev.outbox.relay.RelayException;
import org.apache.activemq.artemis.api.core.ActiveMQDuplicateIdException;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends batches to Artemis and returns only once the broker confirmed every message of the batch.
 *
 * <p>A batch goes in one transaction: the commit is the confirmation. After a crash the relay
 * resends the entries of its last unconfirmed batch; the broker rejects a whole transaction that
 * holds a duplicate, so such a batch is sent again without a transaction, one blocking durable send
 * per message, where the broker drops each duplicate silently and keeps the rest, in order.
 *
 * <p>Any other failure (broker down, connection lost) is retried with a growing pause on a new
 * connection until it succeeds or the relay stops. One batch at a time; {@link #reconnectIfIdle}
 * may be called from another thread so that a lost connection is restored (and reported) while
 * there is nothing to send.
 */
public final class ArtemisPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ArtemisPublisher.class);
    private static final long FIRST_BACKOFF_MS = 100;

    private final String url;
    /**
     * Flow-control credits the producer asks the broker for at a time, unless the URL's query sets
     * {@value #PRODUCER_WINDOW_PARAMETER}. A batch of 2,048 entries is megabytes; with Artemis's
     * 64 KiB the producer asked for credits every few dozen messages and the relay drained a backlog
     * about a sixth slower, with more CPU per entry (relay benchmark).
     */
    static final int PRODUCER_WINDOW_BYTES = 1 << 20;
    static final String PRODUCER_WINDOW_PARAMETER = "producerWindowSize";

    private final ActiveMQConnectionFactory factory;
    private final String user;
    private final String password;
    private final String invalidAddress;
    private final long maxBackoffMs;
    private final Map<String, Destination> destinations = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong misrouted = new AtomicLong();
    private volatile boolean closing;
    /** {@code null} while connected, else why not; set by the connection's exception listener too. */
    private volatile String problem = "not connected yet";

    private Connection connection;
    private Session transacted;
    private MessageProducer transactedProducer;
    private Session plain;
    private MessageProducer plainProducer;

    /**
     * @param url            Artemis core URL, with any client tuning in its query
     * @param user           broker user, empty for anonymous
     * @param password       broker password
     * @param invalidAddress anycast address for undecodable entries, empty to drop them after logging
     * @param maxBackoffMs   longest pause between attempts
     */
    public ArtemisPublisher(String url, String user, String password, String invalidAddress, long maxBackoffMs) {
        this.url = url;
        this.factory = new ActiveMQConnectionFactory(url);
        if (!url.contains(PRODUCER_WINDOW_PARAMETER + "=")) {
            factory.setProducerWindowSize(PRODUCER_WINDOW_BYTES);
        }
        this.user = user == null || user.isEmpty() ? null : user;
        this.password = password == null || password.isEmpty() ? null : password;
        this.invalidAddress = invalidAddress == null ? "" : invalidAddress;
        this.maxBackoffMs = maxBackoffMs;
    }

    /** @return the producer's flow-control window in bytes, as the URL or the relay's default set it */
    int producerWindowSize() {
        return factory.getProducerWindowSize();
    }

    /**
     * Connects now unless connected, so that a wrong URL or password shows at start-up.
     *
     * @throws BrokerUnavailableException when the broker cannot be reached (worth retrying)
     * @throws RelayException when the broker refuses the user, or on another failure
     */
    public void connect() {
        lock.lock();
        try {
            if (connection != null && problem == null) {
                return;
            }
            closeConnection();
            open();
        } catch (JMSException e) {
            closeConnection();
            problem = describe(e);
            String who = user == null ? "anonymous" : "user '" + user + "'";
            if (isSecurityFailure(e)) {
                throw new RelayException("Cannot connect to the broker at " + url + " as " + who + ": the broker refused the login ("
                        + describe(e) + ")"
                        + "; check outbox.broker.user and outbox.broker.password (OUTBOX_BROKER_USER, OUTBOX_BROKER_PASSWORD)", e);
            }
            throw new BrokerUnavailableException("Cannot connect to the broker at " + url + " as " + who + ": " + describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Restores a lost connection when no batch is being sent; a batch in progress reconnects by itself.
     * Never throws: the outcome shows in {@link #problem()}.
     */
    public void reconnectIfIdle() {
        if (closing || problem == null || !lock.tryLock()) {
            return;
        }
        try {
            closeConnection();
            open();
            LOG.info("Connected to the broker at {} again", url);
        } catch (JMSException | RuntimeException e) {
            closeConnection();
            problem = describe(e);
        } finally {
            lock.unlock();
        }
    }

    /** @return {@code null} when connected to the broker, else why not */
    public String problem() {
        return problem;
    }

    /** @return attempts to send a batch that the broker did not confirm (each one was retried) */
    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** @return entries whose address exists with the other routing type, sent to the invalid-entry address instead */
    public long misroutedEntries() {
        return misrouted.get();
    }

    /**
     * Sends the batch and returns once the broker confirmed all of it.
     *
     * @return how many messages were sent (undecodable entries without an invalid-entry address are not)
     * @throws InterruptedException if the relay is stopping before the broker confirmed the batch
     */
    public int publish(List<Outgoing> batch) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            return publishLocked(batch);
        } finally {
            lock.unlock();
        }
    }

    private int publishLocked(List<Outgoing> batch) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MS;
        for (int attempt = 1; ; attempt++) {
            checkNotClosing();
            try {
                if (connection == null || problem != null) {
                    closeConnection();
                    open();
                }
                return sendTransacted(batch);
            } catch (JMSException e) {
                if (isDuplicateRejection(e) || isRoutingTypeMismatch(e)) {
                    LOG.info("The broker rejected a batch of {}: {}; sending its entries one by one so that it drops duplicates"
                            + " and misrouted entries can be set aside", batch.size(), describe(e));
                    rollbackQuietly();
                    try {
                        return sendOneByOne(batch);
                    } catch (JMSException again) {
                        e = again;
                    }
                }
                failedAttempts.incrementAndGet();
                LOG.warn("The broker did not confirm a batch of {} (attempt {}): {}; retrying in {} ms",
                        batch.size(), attempt, describe(e), backoff);
                closeConnection();
                problem = describe(e);
                sleep(backoff);
                backoff = Math.min(backoff * 2, maxBackoffMs);
            }
        }
    }

    private int sendTransacted(List<Outgoing> batch) throws JMSException {
        int sent = 0;
        for (Outgoing outgoing : batch) {
            if (send(transacted, transactedProducer, outgoing)) {
                sent++;
            }
        }
        transacted.commit();
        return sent;
    }

    private int sendOneByOne(List<Outgoing> batch) throws JMSException {
        int sent = 0;
        for (Outgoing outgoing : batch) {
            try {
                if (send(plain, plainProducer, outgoing)) {
                    sent++;
                }
            } catch (JMSException e) {
                if (!(outgoing instanceof Outgoing.Entry entry) || !isRoutingTypeMismatch(e)) {
                    throw e;
                }
                // The entry can never be delivered where it says; retrying would hold up every entry behind it.
                if (setAside(entry, e)) {
                    sent++;
                }
            }
        }
        return sent;
    }

    /** @return whether the entry was sent to the invalid-entry address (else it is only logged and counted) */
    private boolean setAside(Outgoing.Entry entry, JMSException failure) throws JMSException {
        Envelope envelope = entry.envelope();
        misrouted.incrementAndGet();
        String reason = "address '" + envelope.destination() + "' exists but does not take " + envelope.kind()
                + " messages (" + (envelope.kind() == MessageKind.EVENT ? "multicast" : "anycast") + " routing): " + describe(failure);
        LOG.warn("Entry {} ({}) cannot be delivered and is {}: {}", envelope.id(), envelope.type(),
                invalidAddress.isEmpty() ? "skipped" : "sent to " + invalidAddress, reason);
        if (invalidAddress.isEmpty()) {
            return false;
        }
        Outgoing.Undecodable misroutedEntry = new Outgoing.Undecodable(reason, "routing", "", envelope.id().toString(),
                WalMessageCodec.encode(envelope).getBytes(StandardCharsets.UTF_8));
        plainProducer.send(destination(plain, MessageKind.COMMAND, invalidAddress), EnvelopeMessages.of(plain, misroutedEntry));
        return true;
    }

    private boolean send(Session session, MessageProducer producer, Outgoing outgoing) throws JMSException {
        if (outgoing instanceof Outgoing.Entry entry) {
            Envelope envelope = entry.envelope();
            producer.send(destination(session, envelope.kind(), envelope.destination()), EnvelopeMessages.of(session, envelope));
            return true;
        }
        if (outgoing instanceof Outgoing.Undecodable undecodable && !invalidAddress.isEmpty()) {
            producer.send(destination(session, MessageKind.COMMAND, invalidAddress), EnvelopeMessages.of(session, undecodable));
            return true;
        }
        return false;
    }

    /** Events go to multicast addresses (topics), commands and replies to anycast ones (queues). */
    private Destination destination(Session session, MessageKind kind, String address) throws JMSException {
        boolean multicast = kind == MessageKind.EVENT;
        String cacheKey = (multicast ? "m:" : "a:") + address;
        Destination destination = destinations.get(cacheKey);
        if (destination == null) {
            destination = multicast ? session.createTopic(address) : session.createQueue(address);
            destinations.put(cacheKey, destination);
        }
        return destination;
    }

    private void open() throws JMSException {
        connection = factory.createConnection(user, password);
        Connection opened = connection;
        // Called by the client when the broker goes away, also while the relay is idle.
        opened.setExceptionListener(failure -> {
            if (connection == opened) {
                problem = "connection lost: " + describe(failure);
                LOG.warn("Lost the connection to the broker at {}: {}", url, describe(failure));
            }
        });
        transacted = connection.createSession(true, Session.SESSION_TRANSACTED);
        transactedProducer = producer(transacted);
        plain = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        plainProducer = producer(plain);
        problem = null;
    }

    private static MessageProducer producer(Session session) throws JMSException {
        MessageProducer producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        producer.setDisableMessageID(true);
        producer.setDisableMessageTimestamp(false);
        return producer;
    }

    private static boolean isSecurityFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JMSSecurityException || cause instanceof ActiveMQSecurityException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the broker refused an entry because its address exists with the other routing type
     * (an event sent to a queue's address, or a command to a topic's): the entry itself is wrong.
     */
    static boolean isRoutingTypeMismatch(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && message.contains("exists, but does not support") && message.contains("routing")) {
                return true;
            }
        }
        return false;
    }

    static boolean isDuplicateRejection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ActiveMQDuplicateIdException) {
                return true;
            }
            if (cause instanceof ActiveMQException amq && amq.getType() == ActiveMQExceptionType.DUPLICATE_ID_REJECTED) {
                return true;
            }
        }
        return false;
    }

    private void rollbackQuietly() {
        try {
            transacted.rollback();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Rollback after a rejected batch failed", e);
        }
    }

    private void checkNotClosing() throws InterruptedException {
        if (closing || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("the relay is stopping; the unconfirmed batch will be sent again on the next start");
        }
    }

    private void sleep(long millis) throws InterruptedException {
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until) {
            checkNotClosing();
            Thread.sleep(Math.min(50, Math.max(1, until - System.currentTimeMillis())));
        }
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        Throwable cause = failure.getCause();
        if (cause != null && cause != failure && cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
            text.append(" (").append(cause.getMessage()).append(')');
        }
        return text.toString();
    }

    private void closeConnection() {
        if (problem == null) {
            problem = "not connected";
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                LOG.debug("Closing the broker connection failed", e);
            }
        }
        connection = null;
        transacted = null;
        transactedProducer = null;
        plain = null;
        plainProducer = null;
        destinations.clear();
    }

    /** Makes a publish in progress give up at its next pause; call before {@link #close()}. */
    public void stopRetrying() {
        closing = true;
    }

    @Override
    public void close() {
        closing = true;
        lock.lock();
        try {
            closeConnection();
            problem = "closed";
        } finally {
            lock.unlock();
        }
        factory.close();
    }
}
