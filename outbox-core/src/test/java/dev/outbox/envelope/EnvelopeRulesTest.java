package dev.outbox.envelope;

import dev.outbox.InvalidMessageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvelopeRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"game.PlayerLeft", "a", "9", "urn:game/v2:left", "a_b-c"})
    void acceptsTypes(String type) {
        assertThat(EnvelopeRules.type(type)).isEqualTo(type);
    }

    @Test
    void namesAreAtMost255Characters() {
        assertThat(EnvelopeRules.type("A".repeat(255))).hasSize(255);
        assertThatThrownBy(() -> EnvelopeRules.type("A".repeat(256))).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("at most 255 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {".game", "-game", "game left", "gäme", "game\n", "game?"})
    void rejectsTypesNamingWhatIsAllowed(String type) {
        assertThatThrownBy(() -> EnvelopeRules.type(type)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("is invalid").hasMessageContaining("letters, digits and . _ : / -");
    }

    @Test
    void requiresAType() {
        assertThatThrownBy(() -> EnvelopeRules.type(" ")).isInstanceOf(InvalidMessageException.class).hasMessage("type is required");
        assertThatThrownBy(() -> EnvelopeRules.type(null)).isInstanceOf(InvalidMessageException.class).hasMessage("type is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"game.events", "orders_v2", "x-y"})
    void acceptsDestinationsAndServices(String name) {
        assertThat(EnvelopeRules.destination(name)).isEqualTo(name);
        assertThat(EnvelopeRules.service("sender", name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"game/events", "game:events", "_game", "game events", "spiel-ü"})
    void rejectsDestinationsAndServicesWithOtherCharacters(String name) {
        assertThatThrownBy(() -> EnvelopeRules.destination(name)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("destination '" + name + "' is invalid");
        assertThatThrownBy(() -> EnvelopeRules.service("sender", name)).isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("sender '" + name + "' is invalid");
    }

    @Test
    void headerNamesAreJavaIdentifiersOfUpTo64Characters() {
        assertThat(EnvelopeRules.headers(Map.of("traceparent", "1", "b3_id", "2", "X".repeat(64), "3"))).hasSize(3);
        for (String name : new String[] {"x-trace", "1st", "_trace", "trace.id", "tracé", "X".repeat(65), ""}) {
            assertThatThrownBy(() -> EnvelopeRules.headers(Map.of(name, "1"))).isInstanceOf(InvalidMessageException.class)
                    .hasMessageContaining("header name '" + name + "' is invalid");
        }
    }

    @Test
    void contentTypesAreMediaTypes() {
        assertThat(EnvelopeRules.contentType(Payload.JSON)).isEqualTo(Payload.JSON);
        assertThat(EnvelopeRules.contentType("text/plain; charset=utf-8")).isEqualTo("text/plain; charset=utf-8");
        for (String type : new String[] {"json", "application/", "application json", ""}) {
            assertThatThrownBy(() -> EnvelopeRules.contentType(type)).isInstanceOf(InvalidMessageException.class)
                    .hasMessageContaining("was '" + type + "'");
        }
        assertThatThrownBy(() -> EnvelopeRules.contentType(null)).isInstanceOf(InvalidMessageException.class);
    }
}
