package dev.outbox.sample.scheduler;

import dev.outbox.Actor;
import dev.outbox.Message;
import dev.outbox.Outbox;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * The scheduled system action: at every interval ({@code scheduler.inactivity-check-interval}),
 * ask the session backend to log out the users who have been inactive too long.
 *
 * <p>The timer does not decide who is inactive (those are the session backend's tables); it only
 * sends the command, through this service's own outbox, in the timer's transaction. The command acts
 * as {@code SYSTEM}, for nobody: no user asked for it, and it must not borrow anyone's permissions.
 *
 * <p>Each run is keyed by its own time: runs need no order among themselves, and a run the session
 * backend could not handle (dead-lettered, its key parked) holds up no later run. Runs may therefore
 * overlap, here with a second server or after an outage; the session backend makes that safe.
 *
 * <p>The timer is not persistent: a run missed while the server was down is not made up for, since
 * the next run logs out everyone who became inactive meanwhile.
 */
@Singleton
@Startup
@DependsOn("SchedulerSchema")
public class InactivityCheck {

    private static final System.Logger LOG = System.getLogger(InactivityCheck.class.getName());

    @Resource
    TimerService timers;

    @Inject
    @SchedulerOutbox
    Outbox outbox;

    @PostConstruct
    void schedule() {
        Duration interval = CheckInterval.configured();
        timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig("inactivity-check", false));
        LOG.log(System.Logger.Level.INFO, "Inactivity check every {0} ({1})", interval, CheckInterval.PROPERTY);
    }

    /** One run: one command, committed with the timer's transaction (rolled back, the container retries the run). */
    @Timeout
    void run(Timer timer) {
        Instant firedAt = Instant.now();
        outbox.send(Message.command(LogoutInactiveUsers.TYPE)
                .to(LogoutInactiveUsers.DESTINATION)
                .key("inactivity-check", firedAt.toEpochMilli())
                .actor(Actor.system())
                .payload(new LogoutInactiveUsers(firedAt))
                .build());
    }
}
