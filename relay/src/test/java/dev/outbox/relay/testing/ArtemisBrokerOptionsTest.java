package dev.outbox.relay.testing;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArtemisBrokerOptionsTest {

    /** The parts of what {@code artemis create --no-autotune --nio} generates that the options touch. */
    private static final String GENERATED = """
                  <journal-type>NIO</journal-type>
                  <journal-datasync>true</journal-datasync>
                  <journal-min-files>2</journal-min-files>
                  <address-settings>
                     <address-setting match="#">
                        <max-size-bytes>-1</max-size-bytes>
                     </address-setting>
                  </address-settings>
            """;

    @Test
    void propertiesNotSetOrLeftEmptyLeaveTheBrokerAsGenerated() {
        ArtemisBrokerOptions options = ArtemisBrokerOptions.from(Map.of(
                ArtemisBrokerOptions.JOURNAL_BUFFER_TIMEOUT, "",
                ArtemisBrokerOptions.JOURNAL_DATASYNC, " ")::get);

        assertThat(options.applyTo(GENERATED)).isEqualTo(GENERATED);
        assertThat(options.createArguments()).isEmpty();
        assertThat(options.describe()).isEmpty();
    }

    @Test
    void chosenJournalSettingsReachTheBroker() {
        ArtemisBrokerOptions options = ArtemisBrokerOptions.from(Map.of(
                ArtemisBrokerOptions.JOURNAL_BUFFER_TIMEOUT, "100000",
                ArtemisBrokerOptions.JOURNAL_DATASYNC, "false")::get);

        assertThat(options.applyTo(GENERATED)).contains("""
                <journal-datasync>true</journal-datasync>
                      <journal-buffer-timeout>100000</journal-buffer-timeout>
                """);
        assertThat(options.createArguments()).containsExactly("--no-fsync");
        assertThat(options.describe()).hasValue("journal-buffer-timeout 100000 ns, journal-datasync false");
    }

    @Test
    void consumerAddressesGetNoRedeliveryDelayAndNoDeadLetteringByTheBroker() {
        String xml = ArtemisBrokerOptions.from(Map.of(ArtemisBrokerOptions.CONSUMER_ADDRESS_MATCH, "bench.#")::get).applyTo(GENERATED);

        assertThat(xml).contains("""
                <address-settings>
                         <address-setting match="bench.#">
                            <redelivery-delay>0</redelivery-delay>
                            <max-delivery-attempts>-1</max-delivery-attempts>
                         </address-setting>
                         <address-setting match="#">
                """);
    }

    @Test
    void aValueTheBrokerCannotTakeIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> ArtemisBrokerOptions.from(Map.of(ArtemisBrokerOptions.JOURNAL_BUFFER_TIMEOUT, "3.3ms")::get))
                .hasMessageContaining("outbox.test.artemis.journal-buffer-timeout");
        assertThatThrownBy(() -> ArtemisBrokerOptions.from(Map.of(ArtemisBrokerOptions.JOURNAL_DATASYNC, "no")::get))
                .hasMessageContaining("outbox.test.artemis.journal-datasync");
        assertThatThrownBy(() -> ArtemisBrokerOptions.from(Map.of(ArtemisBrokerOptions.CONSUMER_ADDRESS_MATCH, "a\"b")::get))
                .hasMessageContaining("outbox.test.artemis.consumer-address-match");
    }
}
