package dev.outbox;

import java.util.List;

/**
 * The outbox configuration is incomplete or invalid. Every problem found is listed, each naming
 * the configuration key and what to change, so that one start-up attempt reveals all of them.
 */
public final class OutboxConfigurationException extends OutboxException {

    private final List<String> problems;

    public OutboxConfigurationException(List<String> problems) {
        super("Invalid outbox configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one entry per problem, in the order they were found */
    public List<String> problems() {
        return problems;
    }
}
