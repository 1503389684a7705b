package dev.outbox.relay.capture;

import io.debezium.connector.base.ChangeEventQueue;
import io.debezium.connector.postgresql.PostgresConnectorTask;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.util.List;

/**
 * Debezium's PostgreSQL task, except that it polls its queue only once a change is there (or after
 * {@link ChangeWait#LONGEST_WAIT_NANOS}), which keeps an idle relay from spinning; see
 * {@link ChangeWait} for why.
 *
 * <p>The task reads the queue through Debezium's private field {@code queue}. Where that field is
 * missing (another Debezium version), it logs a warning once and polls as Debezium does.
 */
public class IdleWaitingPostgresTask extends PostgresConnectorTask {

    private static final Logger LOG = LoggerFactory.getLogger(IdleWaitingPostgresTask.class);
    private static final Field QUEUE = queueField();

    private final ChangeWait wait = new ChangeWait(this::pendingChanges);

    @Override
    public List<SourceRecord> doPoll() throws InterruptedException {
        wait.awaitChange();
        return super.doPoll();
    }

    /** @return whether the task can see its queue, i.e. waits without spinning; false only on another Debezium version */
    static boolean readsQueue() {
        return QUEUE != null;
    }

    /** @return how many changes wait in the queue; 1 where the queue cannot be read, so that Debezium polls */
    private int pendingChanges() {
        if (QUEUE == null) {
            return 1;
        }
        try {
            ChangeEventQueue<?> queue = (ChangeEventQueue<?>) QUEUE.get(this);
            // Not started yet, or already stopped: Debezium's poll knows what to do.
            // Read without the queue's lock, so only a hint; a wrong one costs one early poll or one look.
            return queue == null ? 1 : queue.totalCapacity() - queue.remainingCapacity();
        } catch (IllegalAccessException e) {
            return 1;
        }
    }

    private static Field queueField() {
        try {
            Field field = PostgresConnectorTask.class.getDeclaredField("queue");
            if (!ChangeEventQueue.class.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException("queue is a " + field.getType().getName());
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.warn("Debezium's PostgreSQL task has no readable change queue ({}); an idle relay will use more CPU", e.toString());
            return null;
        }
    }
}
