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

    private final JtaEnvironment jta;
    private final MessageDispatcher dispatcher;
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
        this.jta = jta;
        this.dispatcher = dispatcher;
        this.loseAcknowledgement = loseAcknowledgement;
        this.connection = factory.createConnection();
        this.session = connection.createSession(true, Session.SESSION_TRANSACTED);
        this.consumer = session.createConsumer(session.createQueue(queue));
        this.deadLetters = JmsDeadLetterSink.through(session, deadLetterAddress);
        this.thread = new Thread(this::run, "consumer-" + dispatcher.consumer() + "-" + queue);
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
            MessageDispatcher.Outcome outcome = dispatcher.dispatch(message, deadLetters);
            jta.transactionManager().commit();
            outcomes.add(outcome);
        } catch (Exception e) {
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
