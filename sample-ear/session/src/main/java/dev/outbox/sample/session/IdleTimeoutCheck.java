package dev.outbox.sample.session;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import java.time.Duration;

/**
 * Reads {@value IdleTimeouts#PROPERTY} when the application starts: a malformed value stops the
 * deployment, naming the property, instead of failing every login later; the effective value is
 * logged once.
 */
@Singleton
@Startup
public class IdleTimeoutCheck {

    private static final System.Logger LOG = System.getLogger(IdleTimeoutCheck.class.getName());

    @PostConstruct
    void check() {
        Duration limit = IdleTimeouts.limit();
        LOG.log(System.Logger.Level.INFO, "Sessions are logged out after {0} of inactivity at most ({1})", limit, IdleTimeouts.PROPERTY);
    }
}
