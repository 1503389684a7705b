package dev.outbox.envelope;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IsoInstantsTest {

    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void printsWhatTheMillisecondPatternPrints() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L), random.nextInt(1_000_000_000));
            assertThat(IsoInstants.millisUtc(instant)).isEqualTo(MILLIS_UTC.format(instant));
        }
    }

    @Test
    void printsYearsBeyondFourDigitsAsJavaTimeDoes() {
        for (Instant instant : new Instant[] {Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.EPOCH}) {
            assertThat(IsoInstants.millisUtc(instant)).isEqualTo(MILLIS_UTC.format(instant));
        }
    }

    @Test
    void readsWhatItPrintsAndWhatDebeziumGives() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_800L), random.nextInt(1_000_000_000));
            String micros = OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            assertThat(IsoInstants.parse(micros)).isEqualTo(instant);
            String millis = IsoInstants.millisUtc(instant);
            assertThat(IsoInstants.parse(millis)).isEqualTo(OffsetDateTime.parse(millis).toInstant());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-04T08:43:19Z", "2026-12-04T08:43:19.1Z", "2026-12-04T08:43:19.123456789Z",
            "2026-12-04T09:43:19.5+01:00", "2026-12-04T03:13:19-05:30", "2026-12-04T08:43:19-00:00",
            "2026-12-04T08:43:19+18:00", "2026-12-04T08:43:19+01:00:30", "+12026-12-04T08:43:19Z", "2026-12-04T08:43Z",
            "2024-02-29T00:00:00Z", "0000-01-01T00:00:00Z", "2026-12-04T08:43:19.Z"})
    void readsEveryOffsetDateTimeAsJavaTimeDoes(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2026-12-04", "2026-12-04T08:43:19", "2026-12-04 08:43:19Z", "2026-13-04T08:43:19Z",
            "2026-02-30T08:43:19Z", "2025-02-29T00:00:00Z", "2026-12-04T24:00:00Z", "2026-12-04T08:60:19Z",
            "2026-12-04T08:43:19.1234567891Z", "2026-12-04T08:43:19+19:00", "2026-12-04T08:43:19+1:00",
            "2026-12-04T08:43:19Zjunk", "2O26-12-04T08:43:19Z", "2026-12-04T08:43:19.12a4Z"})
    void rejectsWhatJavaTimeRejects(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
