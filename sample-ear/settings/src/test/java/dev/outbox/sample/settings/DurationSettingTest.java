package dev.outbox.sample.settings;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationSettingTest {

    private static final String PROPERTY = "sample.test.duration";

    @AfterEach
    void clear() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void unsetOrBlankIsTheDefault() {
        assertThat(DurationSetting.positive(PROPERTY, Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
        System.setProperty(PROPERTY, "  ");
        assertThat(DurationSetting.positive(PROPERTY, Duration.ofMinutes(2))).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aDurationIsReadAsWritten() {
        System.setProperty(PROPERTY, " PT1.5S ");
        assertThat(DurationSetting.positive(PROPERTY, Duration.ofMinutes(2))).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void malformedOrNotPositiveFailsNamingTheProperty() {
        System.setProperty(PROPERTY, "2 minutes");
        assertThatThrownBy(() -> DurationSetting.positive(PROPERTY, Duration.ofMinutes(2)))
                .hasMessage("sample.test.duration is '2 minutes', expected an ISO-8601 duration such as PT2M");
        for (String value : new String[] {"PT0S", "-PT1M", "PT0.0001S"}) {
            System.setProperty(PROPERTY, value);
            assertThatThrownBy(() -> DurationSetting.positive(PROPERTY, Duration.ofMinutes(2)))
                    .hasMessage("sample.test.duration must be at least a millisecond, is '" + value + "'");
        }
    }
}
