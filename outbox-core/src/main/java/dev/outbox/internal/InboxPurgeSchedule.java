package dev.outbox.internal;

import dev.outbox.consumer.ConsumerSettings;
import dev.outbox.consumer.InboxHousekeeping;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Runs {@link InboxHousekeeping} every hour on the container's managed scheduler, once a consumer
 * of the deployment has started.
 */
@ApplicationScoped
public class InboxPurgeSchedule {

    private static final System.Logger LOG = System.getLogger(InboxPurgeSchedule.class.getName());
    private static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";
    private static final int BATCH_SIZE = 1000;

    private ScheduledFuture<?> task;

    synchronized void start(DataSource dataSource, ConsumerSettings settings) {
        if (task != null) {
            return;
        }
        ManagedScheduledExecutorService scheduler;
        try {
            scheduler = (ManagedScheduledExecutorService) new InitialContext().lookup(SCHEDULER);
        } catch (NamingException | ClassCastException e) {
            LOG.log(System.Logger.Level.WARNING, "No managed scheduler at " + SCHEDULER
                    + ": inbox entries are not purged; run InboxHousekeeping yourself");
            return;
        }
        InboxHousekeeping housekeeping = new InboxHousekeeping(dataSource, settings.inboxRetention(), BATCH_SIZE);
        task = scheduler.scheduleWithFixedDelay(() -> {
            try {
                long removed = housekeeping.purge();
                LOG.log(System.Logger.Level.DEBUG, "Inbox housekeeping removed {0} rows", removed);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Inbox housekeeping failed; retrying in an hour", e);
            }
        }, 1, 60, TimeUnit.MINUTES);
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
