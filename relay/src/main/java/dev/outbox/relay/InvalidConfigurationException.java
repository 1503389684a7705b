package dev.outbox.relay;

import java.util.List;

/**
 * The relay's configuration is incomplete or invalid. Every problem found is listed, each naming
 * the key and what to change, so that one start attempt reveals all of them.
 */
public final class InvalidConfigurationException extends RelayException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super("Invalid relay configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one entry per problem, in the order they were found */
    public List<String> problems() {
        return problems;
    }
}
