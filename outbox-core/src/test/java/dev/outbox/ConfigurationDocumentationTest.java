package dev.outbox;

import dev.outbox.internal.OutboxSetting;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table and the declared keys must not drift apart. */
class ConfigurationDocumentationTest {

    @Test
    void readmeDocumentsEveryKeyWithItsEnvironmentVariableAndDefault() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));

        for (OutboxSetting setting : OutboxSetting.values()) {
            String row = "| `" + setting.key("outbox") + "` | `" + setting.environmentVariable("outbox") + "` | ";
            assertThat(readme).as("README row for %s", setting).contains(row);
            if (setting.defaultValue() != null && !setting.defaultValue().isEmpty()) {
                assertThat(readme).as("README default for %s", setting).contains(row + "`" + setting.defaultValue() + "` |");
            }
        }
    }
}
