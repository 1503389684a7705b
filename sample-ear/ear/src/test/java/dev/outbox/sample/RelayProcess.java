package dev.outbox.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The relay's runnable jar, started as an operator starts it: configured by environment variables. */
final class RelayProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private RelayProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the relay and waits until it streams, so no entry written after this is missed. */
    static RelayProcess start(Path jar, Path log, Map<String, String> environment) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the relay jar " + jar + " is missing: build the relay module first");
        }
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        RelayProcess relay = new RelayProcess(builder.start(), log);
        relay.awaitLog("is streaming", TimeUnit.SECONDS.toMillis(120));
        return relay;
    }

    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private void awaitLog(String text, long timeoutMs) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (log().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the relay exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the relay did not log '" + text + "' within " + timeoutMs + " ms:\n" + log());
    }

    /**
     * Kills it where it stands: SIGKILL to its own process id (what {@code destroyForcibly} sends
     * on Linux), no chance to flush offsets or close connections. Returns once it is gone.
     */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the relay (pid " + process.pid() + ") did not die within 30 s of SIGKILL");
        }
    }

    /** Stops it as an operator does, with SIGTERM; forcibly if it has not stopped after 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
