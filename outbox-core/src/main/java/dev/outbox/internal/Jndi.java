package dev.outbox.internal;

import dev.outbox.OutboxConfigurationException;

import java.util.List;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Looks up a container resource by its JNDI name, failing with what to do about it. */
public final class Jndi {

    /** The portable name of the container's transaction synchronization registry. */
    public static final String TRANSACTION_REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private Jndi() {
    }

    /**
     * @param remedy what the user can do when the name does not resolve
     * @throws OutboxConfigurationException when the name is unbound, or bound to something else
     */
    public static <T> T lookup(String name, Class<T> type, String remedy) {
        try {
            return type.cast(new InitialContext().lookup(name));
        } catch (NamingException | ClassCastException e) {
            throw new OutboxConfigurationException(List.of("JNDI name '" + name + "' does not resolve to a "
                    + type.getSimpleName() + " (" + e.getMessage() + "): " + remedy));
        }
    }
}
