package dev.outbox.relay;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a single-host PostgreSQL JDBC URL that Debezium's connector takes as separate
 * settings. The offset store uses the URL as it is.
 *
 * @param url        the URL as configured
 * @param host       host name or address
 * @param port       port, 5432 unless given
 * @param database   database name
 * @param parameters query parameters, in order
 */
public record JdbcUrl(String url, String host, int port, String database, Map<String, String> parameters) {

    private static final Pattern FORM = Pattern.compile(
            "jdbc:postgresql://(?<host>[^/:?,]+|\\[[0-9a-fA-F:]+])(?::(?<port>\\d{1,5}))?/(?<database>[^?/]+)(?:\\?(?<query>.*))?");

    public JdbcUrl {
        parameters = Map.copyOf(parameters);
    }

    /** @throws IllegalArgumentException saying what form is expected */
    public static JdbcUrl parse(String url) {
        Matcher matcher = FORM.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + url + "' is not of the form jdbc:postgresql://host[:port]/database[?parameters]"
                    + " (one host only)");
        }
        int port = matcher.group("port") == null ? 5432 : Integer.parseInt(matcher.group("port"));
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " in '" + url + "' is out of range");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = matcher.group("query");
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
                } else if (!pair.isEmpty()) {
                    parameters.put(pair, "");
                }
            }
        }
        return new JdbcUrl(url, matcher.group("host"), port, matcher.group("database"), parameters);
    }
}
