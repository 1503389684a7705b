package dev.outbox.relay.ops;

import java.util.Locale;

/**
 * Writes metrics in the Prometheus text exposition format (version 0.0.4): a HELP and TYPE line
 * per family, then its samples. Small enough that the relay needs no metrics library.
 */
public final class PrometheusText {

    /** The content type scrapers expect for this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder text = new StringBuilder();

    public PrometheusText counter(String name, String help, double value) {
        return family(name, "counter", help).sample(name, null, null, value);
    }

    public PrometheusText gauge(String name, String help, double value) {
        return family(name, "gauge", help).sample(name, null, null, value);
    }

    /** Starts a family whose samples are added with {@link #sample}. */
    public PrometheusText family(String name, String type, String help) {
        text.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** Adds a sample, with one label when {@code label} is not {@code null}. */
    public PrometheusText sample(String name, String label, String labelValue, double value) {
        text.append(name);
        if (label != null) {
            text.append('{').append(label).append("=\"")
                    .append(labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append("\"}");
        }
        text.append(' ').append(format(value)).append('\n');
        return this;
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
