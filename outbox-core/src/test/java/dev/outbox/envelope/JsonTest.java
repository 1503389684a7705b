package dev.outbox.envelope;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTest {

    @Test
    void readsStringsWithAndWithoutEscapes() {
        assertThat(Json.parse("{\"a\":\"plain\",\"b\":\"\",\"c\":\"say \\\"hi\\\"\\n\",\"d\":\"\\u00e9t\\u00e9 / \\\\\"}"))
                .isEqualTo(Map.of("a", "plain", "b", "", "c", "say \"hi\"\n", "d", "été / \\"));
    }

    @Test
    void quotedStringsReadBackAsTheyWere() {
        for (String value : List.of("plain", "tab\there", "quote\"and\\backslash", "ünïcödé ✓", "\u0001control")) {
            assertThat(Json.parse(Json.quote(value))).isEqualTo(value);
        }
    }

    @Test
    void unterminatedStringsAreNamed() {
        assertThatThrownBy(() -> Json.parse("\"no end")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Json.parse("\"escaped \\\" but no end")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> Json.parse("\"ends in \\")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unterminated escape");
    }
}
