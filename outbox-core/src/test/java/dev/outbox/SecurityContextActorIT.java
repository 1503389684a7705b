package dev.outbox;

import dev.outbox.testing.JtaEnvironment;
import dev.outbox.testing.TestDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The injected outbox takes the user and permissions from the container's security context. */
class SecurityContextActorIT {

    static TestDatabase database;
    static JtaEnvironment jta;
    static WeldContainer container;

    /** A caller logged in as alice, holding the roles player and beta-tester. */
    @ApplicationScoped
    public static class AliceLoggedIn implements SecurityContext {
        @Override
        public Principal getCallerPrincipal() {
            return () -> "alice";
        }

        @Override
        public <T extends Principal> Set<T> getPrincipalsByType(Class<T> type) {
            return Set.of();
        }

        @Override
        public boolean isCallerInRole(String role) {
            return Set.of("player", "beta-tester").contains(role);
        }

        @Override
        public boolean hasAccessToWebResource(String resource, String... methods) {
            return false;
        }

        @Override
        public AuthenticationStatus authenticate(HttpServletRequest request, HttpServletResponse response, AuthenticationParameters parameters) {
            return AuthenticationStatus.NOT_DONE;
        }
    }

    @ApplicationScoped
    public static class Resources {
        @Produces
        @OutboxDataSource
        DataSource dataSource() {
            return jta.dataSource();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        database = TestDatabase.get();
        jta = new JtaEnvironment(database, 2);
        System.setProperty("outbox.service-name", "game");
        System.setProperty("outbox.signing.key-id", "game-1");
        System.setProperty("outbox.signing.key", Fixtures.KEY);
        System.setProperty("outbox.actor.roles", "player,admin");
        Fixtures.execute(database, "TRUNCATE outbox_message");
        container = new Weld("outbox-security-it").addBeanClasses(Resources.class, AliceLoggedIn.class).initialize();
    }

    @AfterAll
    static void stop() {
        container.shutdown();
        jta.close();
        for (String key : List.of("outbox.service-name", "outbox.signing.key-id", "outbox.signing.key", "outbox.actor.roles")) {
            System.clearProperty(key);
        }
    }

    @Test
    void messageActsForTheLoggedInUserWithTheConfiguredRolesSheHolds() throws Exception {
        Outbox outbox = container.select(Outbox.class).get();

        jta.inTransaction(() -> outbox.send(Fixtures.notifyPlayers()));

        assertThat(Fixtures.rows(database)).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("actor_kind", "USER")
                .containsEntry("actor_user", "alice")
                // beta-tester is not among outbox.actor.roles; admin is, but alice lacks it.
                .containsEntry("actor_permissions", List.of("player")));
    }
}
