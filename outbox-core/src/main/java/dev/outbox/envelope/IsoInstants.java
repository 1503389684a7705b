package dev.outbox.envelope;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 instants read and printed without {@link DateTimeFormatter} on the common path. The
 * relay reads a timestamp from every captured entry and prints one onto every message; a
 * formatter's parse context cost more than the rest of decoding an entry. Anything outside the
 * common shape (years outside 0000–9999, unusual offsets) goes to {@code java.time}, so results and
 * errors are exactly those of {@link OffsetDateTime#parse} and of the pattern
 * {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'}.
 */
final class IsoInstants {

    private static final DateTimeFormatter MILLIS_UTC =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int LAST_FAST_YEAR = 9999;

    private IsoInstants() {
    }

    /** @return the instant in UTC with milliseconds, e.g. {@code 2026-12-04T08:43:19.120Z} */
    static String millisUtc(Instant instant) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > LAST_FAST_YEAR) {
            return MILLIS_UTC.format(instant);
        }
        char[] text = new char[24];
        digits(text, 0, time.getYear(), 4);
        text[4] = '-';
        digits(text, 5, time.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, time.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, time.getHour(), 2);
        text[13] = ':';
        digits(text, 14, time.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, time.getSecond(), 2);
        text[19] = '.';
        digits(text, 20, time.getNano() / 1_000_000, 3);
        text[23] = 'Z';
        return new String(text);
    }

    /**
     * Reads an offset date-time such as {@code 2026-12-04T08:43:19.123456Z} or
     * {@code 2026-12-04T09:43:19+01:00}.
     *
     * @throws DateTimeParseException when the text is not one, as {@link OffsetDateTime#parse} does
     */
    static Instant parse(String text) {
        Instant fast = parseCommonShape(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** @return the instant, or {@code null} when the text has another shape (left to {@code java.time}) */
    private static Instant parseCommonShape(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int position = 19;
        int nanos = 0;
        if (text.charAt(position) == '.') {
            int digits = 0;
            position++;
            while (position < length && isDigit(text.charAt(position))) {
                if (++digits > 9) {
                    return null;
                }
                nanos = nanos * 10 + text.charAt(position) - '0';
                position++;
            }
            if (digits == 0) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offsetSeconds(text, position);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
            return local.toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException invalidField) {
            // e.g. February 30th: java.time reports it in its own words
            return null;
        }
    }

    /** @return the offset {@code Z} or {@code ±HH:MM} at the end of the text in seconds, or MIN_VALUE for another shape */
    private static int offsetSeconds(String text, int position) {
        int remaining = text.length() - position;
        if (remaining == 1 && text.charAt(position) == 'Z') {
            return 0;
        }
        if (remaining != 6 || text.charAt(position + 3) != ':') {
            return Integer.MIN_VALUE;
        }
        char sign = text.charAt(position);
        int hours = number(text, position + 1, 2);
        int minutes = number(text, position + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || minutes < 0 || hours > 17 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** @return the decimal number of {@code count} digits at {@code from}, or -1 if one is not a digit */
    private static int number(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + c - '0';
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static void digits(char[] text, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
