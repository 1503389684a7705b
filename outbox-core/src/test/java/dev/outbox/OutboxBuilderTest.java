package dev.outbox;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Outside a container, the builder names each part it could neither be given nor find in JNDI. */
class OutboxBuilderTest {

    @Test
    void withoutADataSourceOrRegistryLooksUpBothInJndiAndNamesEachOneMissing() {
        OutboxSettings settings = Fixtures.settings().dataSourceName("java:jboss/datasources/GameDS").build();

        assertThatThrownBy(() -> Outbox.builder().settings(settings).build())
                .isInstanceOfSatisfying(OutboxConfigurationException.class, e -> assertThat(e.problems()).satisfiesExactly(
                        dataSource -> assertThat(dataSource)
                                .startsWith("JNDI name 'java:jboss/datasources/GameDS' does not resolve to a DataSource")
                                .endsWith("give the builder a dataSource, or set the outbox's datasource setting to the JNDI name of the JTA datasource"),
                        registry -> assertThat(registry)
                                .startsWith("JNDI name 'java:comp/TransactionSynchronizationRegistry' does not resolve to a TransactionSynchronizationRegistry")
                                .endsWith("run inside a Jakarta EE container, or give the builder a transactionRegistry")));
    }

    @Test
    void withoutSettingsSaysHowToMakeThem() {
        assertThatThrownBy(() -> Outbox.builder().build())
                .isInstanceOfSatisfying(OutboxConfigurationException.class, e -> assertThat(e.problems())
                        .contains("settings are required (OutboxSettings.fromEnvironment() or OutboxSettings.builder())"));
    }
}
