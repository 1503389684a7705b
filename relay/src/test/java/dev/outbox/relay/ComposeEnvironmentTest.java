package dev.outbox.relay;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay service of docker/compose.yml and the relay's declared settings must not drift apart. */
class ComposeEnvironmentTest {

    @Test
    void composeSetsOnlyDeclaredKeysAndEveryRequiredOne() throws IOException {
        Map<String, String> environment = relayEnvironment(Files.readAllLines(Path.of("..", "docker", "compose.yml")));
        Set<String> declared = Arrays.stream(RelaySetting.values()).map(RelaySetting::environmentVariable).collect(Collectors.toSet());
        Set<String> required = Arrays.stream(RelaySetting.values()).filter(s -> s.defaultValue() == null)
                .map(RelaySetting::environmentVariable).collect(Collectors.toSet());

        assertThat(environment).isNotEmpty();
        assertThat(environment.keySet()).allSatisfy(name -> assertThat(name.startsWith("OUTBOX_DEBEZIUM_") || declared.contains(name))
                .as("%s is not a relay setting", name).isTrue());
        assertThat(environment.keySet()).containsAll(required);
        // A real deployment names its database, broker and relay explicitly rather than relying on defaults.
        assertThat(environment.keySet()).contains("OUTBOX_DB_URL", "OUTBOX_DB_USER", "OUTBOX_DB_PASSWORD", "OUTBOX_BROKER_URL",
                "OUTBOX_BROKER_USER", "OUTBOX_BROKER_PASSWORD", "OUTBOX_RELAY_NAME", "OUTBOX_HTTP_PORT");
    }

    @Test
    void composeGivesWildFlyTheKeysOfEveryServiceTheSampleConfigures() throws IOException {
        Map<String, String> environment = serviceEnvironment(Files.readAllLines(Path.of("..", "docker", "compose.yml")), "wildfly");
        List<String> services = Files.readAllLines(Path.of("..", "sample-ear", "ear", "src", "main", "wildfly", "configure.cli")).stream()
                .filter(line -> line.startsWith("/system-property=") && line.contains(".outbox.service-name:add"))
                .map(line -> line.substring("/system-property=".length(), line.indexOf(".outbox.service-name")))
                .toList();

        assertThat(services).isNotEmpty();
        for (String service : services) {
            String keyVariable = service.toUpperCase(java.util.Locale.ROOT) + "_OUTBOX_SIGNING_KEY";
            assertThat(environment).as("wildfly's %s", keyVariable).containsKey(keyVariable);
            assertThat(environment.get("OUTBOX_TRUSTED_KEYS")).as("the consumers' trust in %s", service)
                    .contains(":" + service + ":");
        }
    }

    /** @return the environment block of the {@code relay} service, as name to value */
    static Map<String, String> relayEnvironment(List<String> compose) {
        return serviceEnvironment(compose, "relay");
    }

    /** @return the environment block of a service, as name to value */
    static Map<String, String> serviceEnvironment(List<String> compose, String service) {
        Map<String, String> environment = new LinkedHashMap<>();
        boolean inRelay = false;
        boolean inEnvironment = false;
        for (String line : compose) {
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            String text = line.trim();
            if (indent == 2) {
                inRelay = text.equals(service + ":");
                inEnvironment = false;
            } else if (inRelay && indent == 4) {
                inEnvironment = text.equals("environment:");
            } else if (inRelay && inEnvironment && indent == 6 && text.contains(":")) {
                environment.put(text.substring(0, text.indexOf(':')).trim(), text.substring(text.indexOf(':') + 1).trim());
            }
        }
        return environment;
    }
}
