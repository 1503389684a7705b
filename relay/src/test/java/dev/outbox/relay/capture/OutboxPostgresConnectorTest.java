package dev.outbox.relay.capture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxPostgresConnectorTest {

    @Test
    void runsTheTaskThatWaitsForChangesWithoutSpinning() {
        assertThat(new OutboxPostgresConnector().taskClass()).isEqualTo(IdleWaitingPostgresTask.class);
    }

    @Test
    void theTaskSeesDebeziumsChangeQueue() {
        // Fails when a Debezium upgrade renames the field: the relay would still work, but spin while idle.
        assertThat(IdleWaitingPostgresTask.readsQueue()).isTrue();
    }
}
