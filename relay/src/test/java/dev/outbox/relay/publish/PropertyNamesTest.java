package dev.outbox.relay.publish;

import org.apache.activemq.artemis.api.core.SimpleString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PropertyNamesTest {

    @Test
    void aNameIsConvertedOnceAndReused() {
        Object first = PropertyNames.of("outbox_type");
        assertThat(first).isEqualTo(SimpleString.of("outbox_type"));
        assertThat((Object) PropertyNames.of("outbox_type")).isSameAs(first);
    }

    @Test
    void namesBeyondTheCacheAreStillConvertedCorrectly() {
        for (int i = 0; i < PropertyNames.MAX_CACHED * 2; i++) {
            String name = "outbox_header_h" + i;
            assertThat((Object) PropertyNames.of(name)).isEqualTo(SimpleString.of(name));
        }
    }
}
