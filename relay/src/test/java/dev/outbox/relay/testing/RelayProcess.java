package dev.outbox.relay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The runnable relay jar ({@code outbox.test.relay.jar}) started as its own process, configured by
 * environment variables, its output appended to a log file (a pipe would lose what a stopping
 * process writes).
 */
public final class RelayProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final long logStart;

    private RelayProcess(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts {@code java -jar outbox-relay.jar} with the given environment, appending its output to {@code log}. */
    public static RelayProcess start(Map<String, String> environment, Path log) {
        Path jar = Path.of(System.getProperty("outbox.test.relay.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: run the integration tests through Maven (after package)");
        }
        try {
            long start = Files.exists(log) ? Files.size(log) : 0;
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().keySet().removeIf(name -> name.startsWith("OUTBOX_"));
            builder.environment().putAll(environment);
            return new RelayProcess(builder.start(), log, start);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the relay jar", e);
        }
    }

    /** @return what this process wrote so far */
    public String output() {
        try {
            if (!Files.exists(log)) {
                return "";
            }
            byte[] bytes = Files.readAllBytes(log);
            return new String(bytes, (int) Math.min(logStart, bytes.length), (int) Math.max(0, bytes.length - logStart),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the process logged {@code text}; fails with its output if it exits or the time passes first. */
    public void awaitOutput(String text, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (output().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                if (output().contains(text)) {
                    return;
                }
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the relay did not log '" + text + "' (alive: " + process.isAlive() + "); its output:\n" + output());
    }

    /** @return the exit code, once the process ended within the timeout */
    public int awaitExit(long timeoutMs) throws InterruptedException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the relay did not exit within " + timeoutMs + " ms; its output:\n" + output());
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM: the relay drains and stops. */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** SIGKILL: the relay dies where it stands. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
