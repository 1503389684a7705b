package dev.outbox.consumer;

import dev.outbox.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class InboxHousekeepingIT {

    @Test
    void oldEntriesGoInBatchesWhileAHandlerKeepsWriting() throws Exception {
        TestDatabase database = TestDatabase.get();
        try (Connection setup = database.appConnection(); Statement statement = setup.createStatement()) {
            statement.execute("INSERT INTO outbox_inbox (consumer, message_id, handled_at)"
                    + " SELECT 'housekeeping-it', gen_random_uuid(), now() - interval '30 days' FROM generate_series(1, 2500)");
            statement.execute("INSERT INTO outbox_inbox (consumer, message_id) SELECT 'housekeeping-it', gen_random_uuid()"
                    + " FROM generate_series(1, 10)");
        }
        try (Connection handler = database.appConnection(); Statement handlerWork = handler.createStatement()) {
            // A handler's transaction stays open, holding its new inbox row, while housekeeping runs.
            handler.setAutoCommit(false);
            handlerWork.execute("INSERT INTO outbox_inbox (consumer, message_id) VALUES ('housekeeping-it', '" + UUID.randomUUID() + "')");

            long removed = CompletableFuture.supplyAsync(() -> new InboxHousekeeping(pooled(database), Duration.ofDays(14), 1000).purge())
                    .get(30, TimeUnit.SECONDS);

            handler.commit();
            assertThat(removed).isEqualTo(2500);
        }
        assertThat(ConsumerIT.count("SELECT count(*) FROM outbox_inbox WHERE consumer = 'housekeeping-it'")).isEqualTo(11);
    }

    private static javax.sql.DataSource pooled(TestDatabase database) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(TestDatabase.APP_USER);
        dataSource.setPassword(TestDatabase.APP_PASSWORD);
        return dataSource;
    }
}
