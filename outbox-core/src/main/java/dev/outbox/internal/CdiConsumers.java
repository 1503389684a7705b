package dev.outbox.internal;

import dev.outbox.consumer.ConsumerSettings;
import dev.outbox.consumer.HandlerPolicy;
import dev.outbox.consumer.Handlers;
import dev.outbox.consumer.JmsDeadLetterSink;
import dev.outbox.consumer.MessageDispatcher;
import dev.outbox.consumer.MessageHandler;
import dev.outbox.consumer.ReceivedMessage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.spi.CreationalContext;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The consumers of a CDI deployment: one {@link MessageDispatcher} per consumer name, with the
 * deployment's {@code @HandlesMessage} methods that serve that consumer, sharing the configured
 * trusted keys and the transactional connection factory for dead letters.
 */
@ApplicationScoped
public class CdiConsumers {

    private static final System.Logger LOG = System.getLogger(CdiConsumers.class.getName());

    private BeanManager beanManager;
    private HandlerMethods handlerMethods;
    private ContainerResources resources;
    private Instance<ConsumerSettings> consumerSettings;
    private NewTransactionRunner newTransactions;
    private InboxPurgeSchedule purgeSchedule;
    private final Map<String, MessageDispatcher> dispatchers = new ConcurrentHashMap<>();
    private volatile JmsDeadLetterSink deadLetters;

    /** For CDI proxies only. */
    protected CdiConsumers() {
    }

    @Inject
    public CdiConsumers(BeanManager beanManager, HandlerMethods handlerMethods, ContainerResources resources,
                        Instance<ConsumerSettings> consumerSettings, NewTransactionRunner newTransactions,
                        InboxPurgeSchedule purgeSchedule) {
        this.beanManager = beanManager;
        this.handlerMethods = handlerMethods;
        this.resources = resources;
        this.consumerSettings = consumerSettings;
        this.newTransactions = newTransactions;
        this.purgeSchedule = purgeSchedule;
    }

    /** Dispatches one delivery for the named consumer in the current (container-managed) transaction. */
    public MessageDispatcher.Outcome dispatch(String consumer, Message message) {
        return dispatchers.computeIfAbsent(consumer, this::create).dispatch(message, deadLetters());
    }

    private MessageDispatcher create(String consumer) {
        ConsumerSettings settings = settings();
        Handlers handlers = handlers(consumer);
        LOG.log(System.Logger.Level.INFO, "Consumer {0} ready with handlers for {1}; {2}", consumer, handlers.types(), settings);
        javax.sql.DataSource dataSource = resources.dataSource(settings.dataSourceName());
        purgeSchedule.start(dataSource, settings);
        return MessageDispatcher.builder()
                .consumer(consumer)
                .handlers(handlers)
                .verifier(settings.verifier())
                .dataSource(dataSource)
                .transactionRegistry(resources.transactionRegistry())
                .newTransaction(newTransactions::run)
                .maxAttempts(settings.maxAttempts())
                .retryDelay(settings.firstRetryDelay(), settings.maxRetryDelay())
                .build();
    }

    private ConsumerSettings settings() {
        return consumerSettings.isResolvable() ? consumerSettings.get() : ConsumerSettings.fromEnvironment();
    }

    private JmsDeadLetterSink deadLetters() {
        if (deadLetters == null) {
            ConsumerSettings settings = settings();
            deadLetters = JmsDeadLetterSink.through(resources.connectionFactory(settings.connectionFactory()), settings.deadLetterAddress());
        }
        return deadLetters;
    }

    private Handlers handlers(String consumer) {
        Handlers.Builder builder = Handlers.builder();
        for (HandlerMethods.Found found : handlerMethods.handlers()) {
            if (found.serves(consumer)) {
                builder.add(registration(found));
            }
        }
        return builder.build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Handlers.Registration<?> registration(HandlerMethods.Found found) {
        var declaration = found.declaration();
        HandlerPolicy policy = new HandlerPolicy(Set.of(declaration.from()), Set.of(declaration.actions()), Set.of(declaration.permissions()),
                declaration.systemWithoutPermissions());
        Class payloadType = found.method().getParameterTypes()[0];
        MessageHandler<Object> handler = (payload, received) -> invoke(found, payload, received);
        return new Handlers.Registration(declaration.value(), payloadType, policy, handler);
    }

    private void invoke(HandlerMethods.Found found, Object payload, ReceivedMessage received) throws Exception {
        CreationalContext<?> context = beanManager.createCreationalContext(found.bean());
        try {
            Object instance = beanManager.getReference(found.bean(), found.method().getDeclaringClass(), context);
            Object[] arguments = found.method().getParameterCount() == 2 ? new Object[] {payload, received} : new Object[] {payload};
            found.method().invoke(instance, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            context.release();
        }
    }
}
