package dev.outbox.sample.calls;

import java.net.URI;
import java.util.Locale;

/**
 * Where another backend's API is: a system property (or the environment variable of the same name
 * in upper case, dots and dashes as underscores), by default this same server's {@code /sample/api/}.
 * The default follows WildFly's HTTP port and port offset, so it holds in the tests (which move
 * every port) and in a container.
 */
public final class ApiUrl {

    private ApiUrl() {
    }

    /**
     * @param property e.g. {@code game.auth.url}
     * @return the configured URL, ending in {@code /}, or this server's {@code /sample/api/}
     * @throws IllegalArgumentException naming the property when the value is not an absolute http(s) URL
     */
    public static URI of(String property) {
        String configured = System.getProperty(property);
        if (configured == null) {
            configured = System.getenv(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        if (configured == null || configured.isBlank()) {
            return sameServer();
        }
        String text = configured.trim().endsWith("/") ? configured.trim() : configured.trim() + "/";
        URI url;
        try {
            url = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": '" + configured + "' is not a URL", e);
        }
        if (!url.isAbsolute() || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException(property + ": '" + configured + "' must be an absolute http(s) URL such as"
                    + " http://auth.example:8080/sample/api/");
        }
        return url;
    }

    /** @return this server's API, as WildFly's http socket binding places it */
    static URI sameServer() {
        int port = Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        String host = System.getProperty("jboss.bind.address", "127.0.0.1");
        if (host.isBlank() || "0.0.0.0".equals(host) || "::".equals(host) || "[::]".equals(host)) {
            // Bound to every interface: the loopback is one of them.
            host = "127.0.0.1";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port + "/sample/api/");
    }
}
