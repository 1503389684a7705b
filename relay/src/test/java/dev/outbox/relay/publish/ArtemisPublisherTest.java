package dev.outbox.relay.publish;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArtemisPublisherTest {

    @Test
    void producerAsksForCreditsByTheMegabyteUnlessTheUrlSaysOtherwise() throws Exception {
        try (ArtemisPublisher publisher = new ArtemisPublisher("tcp://localhost:61616", "", "", "", 1_000)) {
            assertThat(publisher.producerWindowSize()).isEqualTo(1 << 20);
        }
        try (ArtemisPublisher publisher = new ArtemisPublisher("tcp://localhost:61616?producerWindowSize=65536", "", "", "", 1_000)) {
            assertThat(publisher.producerWindowSize()).isEqualTo(65536);
        }
    }
}
