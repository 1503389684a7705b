package dev.outbox.internal;

import dev.outbox.ActorResolver;
import dev.outbox.Message;
import dev.outbox.Outbox;
import dev.outbox.OutboxSettings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.UUID;

/**
 * The {@link Outbox} a CDI application injects. It is assembled on first use, so a deployment
 * that never sends needs no outbox configuration.
 */
@ApplicationScoped
public class CdiOutbox implements Outbox {

    private Instance<OutboxSettings> settings;
    private ContainerResources resources;
    private Instance<ActorResolver> actorResolvers;
    private volatile Outbox delegate;

    /** For CDI proxies only. */
    protected CdiOutbox() {
    }

    @Inject
    public CdiOutbox(Instance<OutboxSettings> settings, ContainerResources resources, Instance<ActorResolver> actorResolvers) {
        this.settings = settings;
        this.resources = resources;
        this.actorResolvers = actorResolvers;
    }

    @Override
    public UUID send(Message message) {
        return delegate().send(message);
    }

    @Override
    public UUID schedule(Message message, java.time.Duration delay) {
        return delegate().schedule(message, delay);
    }

    private Outbox delegate() {
        Outbox outbox = delegate;
        if (outbox == null) {
            synchronized (this) {
                if (delegate == null) {
                    OutboxSettings resolved = settings.get();
                    delegate = new TransactionalOutbox(resolved, resources.dataSource(resolved.dataSourceName()),
                            resources.transactionRegistry(),
                            actorResolvers.isResolvable() ? actorResolvers.get() : ActorResolver.NONE, Clock.systemUTC());
                }
                outbox = delegate;
            }
        }
        return outbox;
    }
}
