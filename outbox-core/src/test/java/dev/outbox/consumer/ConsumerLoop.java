package dev.outbox.consumer;

import dev.outbox.testing.JtaEnvironment;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.transaction.Status;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * Plays the part of an MDB outside a container: each delivery runs in a JTA transaction that
 * commits the inbox and the handler's work, then the transacted JMS session acknowledges it (or
 * rolls back, and the broker delivers it again), as WildFly's resource adapter does.
 */
final class ConsumerLoop implements AutoCloseable {

    /** One delivery inside the loop's transaction, as an MDB's onMessage is. */
    @FunctionalInterface
    interface Delivery {
        MessageDispatcher.Outcome deliver(Message message, DeadLetterSink deadLetters);
    }

    private final JtaEnvironment jta;
    private final Delivery delivery;
    private final Connection connection;
    private final Session session;
    private final MessageConsumer consumer;
    private final DeadLetterSink deadLetters;
    private final Thread thread;
    private final List<MessageDispatcher.Outcome> outcomes = new CopyOnWriteArrayList<>();
    private final Predicate<Message> loseAcknowledgement;
    private volatile boolean running = true;

    ConsumerLoop(ConnectionFactory factory, String queue, MessageDispatcher dispatcher, JtaEnvironment jta, String deadLetterAddress,
                 Predicate<Message> loseAcknowledgement) throws JMSException {
        this(factory, queue, dispatcher.consumer(), dispatcher::dispatch, jta, deadLetterAddress, loseAcknowledgement);
    }

    ConsumerLoop(ConnectionFactory factory, String queue, String name, Delivery delivery, JtaEnvironment jta, String deadLetterAddress,
                 Predicate<Message> loseAcknowledgement) throws JMSException {
        this.jta = jta;
        this.delivery = delivery;
        this.loseAcknowledgement = loseAcknowledgement;
        this.connection = factory.createConnection();
        this.session = connection.createSession(true, Session.SESSION_TRANSACTED);
        this.consumer = session.createConsumer(session.createQueue(queue));
        this.deadLetters = JmsDeadLetterSink.through(session, deadLetterAddress);
        this.thread = new Thread(this::run, "consumer-" + name + "-" + queue);
        connection.start();
        thread.start();
    }

    ConsumerLoop(ConnectionFactory factory, String queue, MessageDispatcher dispatcher, JtaEnvironment jta, String deadLetterAddress)
            throws JMSException {
        this(factory, queue, dispatcher, jta, deadLetterAddress, message -> false);
    }

    List<MessageDispatcher.Outcome> outcomes() {
        return outcomes;
    }

    private void run() {
        while (running) {
            try {
                Message message = consumer.receive(50);
                if (message != null) {
                    deliver(message);
                }
            } catch (JMSException e) {
                if (running) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void deliver(Message message) throws JMSException {
        try {
            jta.transactionManager().begin();
            MessageDispatcher.Outcome outcome = delivery.deliver(message, deadLetters);
            jta.transactionManager().commit();
            if (outcome != null) {
                outcomes.add(outcome);
            }
        } catch (Exception e) {
            if (!(e instanceof HandlerFailedException)) {
                System.err.println("delivery rolled back: " + e);
                e.printStackTrace();
            }
            rollbackQuietly();
            session.rollback();
            return;
        }
        if (loseAcknowledgement.test(message)) {
            session.rollback();
        } else {
            session.commit();
        }
    }

    private void rollbackQuietly() {
        try {
            if (jta.transactionManager().getStatus() != Status.STATUS_NO_TRANSACTION) {
                jta.transactionManager().rollback();
            }
        } catch (Exception ignored) {
            // Nothing more to undo.
        }
    }

    @Override
    public void close() throws Exception {
        running = false;
        thread.join(5_000);
        connection.close();
    }
}
