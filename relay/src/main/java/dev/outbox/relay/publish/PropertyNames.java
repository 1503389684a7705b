package dev.outbox.relay.publish;

import org.apache.activemq.artemis.api.core.SimpleString;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Message property names as Artemis keeps them, converted once per name instead of once per
 * message. The envelope's own names are few; header names are the senders' choice, so only the
 * first {@value #MAX_CACHED} distinct names are kept and any further one is converted each time.
 */
final class PropertyNames {

    static final int MAX_CACHED = 512;

    private static final Map<String, SimpleString> CACHE = new ConcurrentHashMap<>();

    private PropertyNames() {
    }

    static SimpleString of(String name) {
        SimpleString cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        SimpleString converted = SimpleString.of(name);
        if (CACHE.size() < MAX_CACHED) {
            CACHE.putIfAbsent(name, converted);
        }
        return converted;
    }
}
