package dev.outbox.relay.capture;

import io.debezium.connector.postgresql.PostgresConnector;
import org.apache.kafka.connect.connector.Task;

/** Debezium's PostgreSQL connector with {@link IdleWaitingPostgresTask} as its task. */
public class OutboxPostgresConnector extends PostgresConnector {

    @Override
    public Class<? extends Task> taskClass() {
        return IdleWaitingPostgresTask.class;
    }
}
