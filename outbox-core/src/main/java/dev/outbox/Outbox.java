package dev.outbox;

import dev.outbox.internal.Jndi;
import dev.outbox.internal.TransactionalOutbox;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Sends messages as part of the caller's JTA transaction: a message leaves the service if and
 * only if the transaction commits. Inject it where the business work happens:
 *
 * <pre>{@code
 * @Inject Outbox outbox;
 *
 * @Transactional
 * public void leave(long gameId, String player) {
 *     games.removePlayer(gameId, player);
 *     outbox.send(Message.command("notification.NotifyPlayers")
 *             .to("notification.commands")
 *             .key("game", gameId)
 *             .payload(new NotifyPlayers(gameId, player))
 *             .build());
 * }
 * }</pre>
 *
 * <p>Every sent message is stamped with this service's name, the actor (the user it acts for, or
 * the system), correlation and causation ids, and signed. Implementations are thread-safe.
 */
public interface Outbox {

    /**
     * Writes the message into the current transaction.
     *
     * @return the message id, also the broker's duplicate-detection id
     * @throws NoTransactionException   if no JTA transaction is active; nothing is written
     * @throws InvalidMessageException  if the message is too large; nothing is written
     * @throws OutboxException          if writing failed; the transaction is then marked rollback-only
     */
    UUID send(Message message);

    /** Sends the message for delivery no earlier than {@code deliverAt}; see {@link #send}. */
    default UUID schedule(Message message, Instant deliverAt) {
        return send(message.withDeliverAt(deliverAt));
    }

    /** Sends the message for delivery after {@code delay} from now; see {@link #send}. */
    default UUID schedule(Message message, Duration delay) {
        return send(message.withDeliverAt(Instant.now().plus(delay)));
    }

    /** Builds an outbox by hand, for code outside CDI or an application with several services. */
    static Builder builder() {
        return new Builder();
    }

    /** Assembles an {@link Outbox} from its settings and the container's resources. */
    final class Builder {
        private OutboxSettings settings;
        private DataSource dataSource;
        private TransactionSynchronizationRegistry transactions;
        private ActorResolver actorResolver = ActorResolver.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder settings(OutboxSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * The JTA datasource of the business data; its connections join the caller's transaction.
         * Optional: without it, the datasource the settings name ({@code <prefix>.datasource}) is
         * looked up in JNDI.
         */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /**
         * The container's registry, to find the caller's transaction and its status. Optional:
         * without it, {@code java:comp/TransactionSynchronizationRegistry} is looked up in JNDI.
         */
        public Builder transactionRegistry(TransactionSynchronizationRegistry registry) {
            this.transactions = registry;
            return this;
        }

        /** Who the current caller is; defaults to nobody, which makes messages system actions. */
        public Builder actorResolver(ActorResolver resolver) {
            this.actorResolver = resolver;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** @throws OutboxConfigurationException naming every missing part, and every resource JNDI does not have */
        public Outbox build() {
            java.util.List<String> problems = new java.util.ArrayList<>();
            if (settings == null) {
                problems.add("settings are required (OutboxSettings.fromEnvironment() or OutboxSettings.builder())");
            }
            if (actorResolver == null || clock == null) {
                problems.add("actorResolver and clock must not be null");
            }
            DataSource jtaDataSource = dataSource;
            if (jtaDataSource == null && settings != null) {
                jtaDataSource = lookup(problems, settings.dataSourceName(), DataSource.class,
                        "give the builder a dataSource, or set the outbox's datasource setting to the JNDI name of the JTA datasource");
            }
            TransactionSynchronizationRegistry registry = transactions;
            if (registry == null) {
                registry = lookup(problems, Jndi.TRANSACTION_REGISTRY, TransactionSynchronizationRegistry.class,
                        "run inside a Jakarta EE container, or give the builder a transactionRegistry");
            }
            if (!problems.isEmpty()) {
                throw new OutboxConfigurationException(problems);
            }
            return new TransactionalOutbox(settings, jtaDataSource, registry, actorResolver, clock);
        }

        private static <T> T lookup(java.util.List<String> problems, String name, Class<T> type, String remedy) {
            try {
                return Jndi.lookup(name, type, remedy);
            } catch (OutboxConfigurationException e) {
                problems.addAll(e.problems());
                return null;
            }
        }
    }
}
