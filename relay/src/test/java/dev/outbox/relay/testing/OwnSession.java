package dev.outbox.relay.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a server in a session of its own, so a Ctrl+C in the terminal reaches only the JVM that
 * started it, which then stops its servers in order (WildFly before the broker it uses) instead of
 * all of them at once. Where {@code setsid} is missing the command runs as it is.
 */
public final class OwnSession {

    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private OwnSession() {
    }

    /** @return the command, run through {@code setsid} where there is one */
    public static List<String> command(List<String> command) {
        List<String> detached = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(setsid -> detached.add(setsid.toString()));
        detached.addAll(command);
        return detached;
    }
}
