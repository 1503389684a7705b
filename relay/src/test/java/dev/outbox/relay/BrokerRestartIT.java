package dev.outbox.relay;

import dev.outbox.relay.testing.ArtemisBroker;
import dev.outbox.relay.testing.RelayFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker stops and starts again while entries stream: the relay reconnects by itself and loses nothing. */
class BrokerRestartIT {

    private static RelayFixture fixture;

    @BeforeAll
    static void setUp() throws Exception {
        fixture = new RelayFixture();
    }

    @AfterAll
    static void tearDown() throws Exception {
        ArtemisBroker.get().start();
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void relayRecoversFromABrokerRestartWithoutLossOrDuplicates() throws Exception {
        String queue = "broker-restart-" + UUID.randomUUID();
        List<String> written = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Relay relay = fixture.startRelay("relay_broker_restart")) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeRows(queue, 600, written));
            RelayOpsIT.awaitRelayed(relay, 100);

            ArtemisBroker.get().stop();
            HttpResponse<String> ready = awaitNotReady(relay.httpPort());
            assertThat(ready.body()).contains("\"status\":\"DOWN\"").doesNotContain("\"broker\":\"UP\"");
            Thread.sleep(1_000);
            ArtemisBroker.get().start();

            writer.get();
            RelayOpsIT.awaitReady(relay.httpPort());
            assertArrivedOnceEach(queue, written);
        }
    }

    static void writeRows(String queue, int count, List<String> written) {
        try {
            for (int i = 0; i < count; i++) {
                String id = UUID.randomUUID().toString();
                fixture.sql("INSERT INTO outbox_message (id, destination, message_key, message_type, payload) VALUES ('"
                        + id + "', '" + queue + "', 'k:" + (i % 5) + "', 'step', '{\"n\":" + i + "}')");
                written.add(id);
                Thread.sleep(5);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> awaitNotReady(int port) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        HttpResponse<String> response = RelayFixture.httpGet(port, "/health/ready");
        while (response.statusCode() != 503 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            response = RelayFixture.httpGet(port, "/health/ready");
        }
        assertThat(response.statusCode()).as("readiness: %s", response.body()).isEqualTo(503);
        return response;
    }

    private static void assertArrivedOnceEach(String queue, List<String> written) throws Exception {
        try (Connection connection = fixture.openConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageConsumer consumer = session.createConsumer(session.createQueue(queue))) {
            List<String> ids = RelayFixture.receiveIds(consumer, written, 60_000);
            Set<String> distinct = new HashSet<>(ids);
            assertThat(distinct).as("every entry arrived").containsExactlyInAnyOrderElementsOf(written);
            assertThat(ids).as("no entry arrived twice").hasSize(distinct.size());
        }
    }
}
