package dev.outbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The relay as it runs in production: {@code java -jar outbox-relay.jar} in a process of its own,
 * configured by environment variables. The benchmark reads what it relayed from its metrics endpoint
 * and what it cost from the kernel's accounting of the process (CPU time, peak resident memory).
 *
 * <p>JVM options: {@code -Dbench.relay.jvm-options="-Xmx512m -XX:StartFlightRecording=..."}; settings
 * over the benchmark's, to compare tunings:
 * {@code -Dbench.relay.settings=OUTBOX_RELAY_POLL_INTERVAL_MS=1,OUTBOX_RELAY_MAX_BATCH_SIZE=4096}.
 */
final class RelayJarProcess implements AutoCloseable {

    static final String DEFAULT_JVM_OPTIONS = "-Xmx512m";

    /** Clock ticks per second of /proc/<pid>/stat's CPU times; 100 on every Linux this runs on. */
    private static final double CLOCK_TICKS = 100.0;

    private final Process process;
    private final Path log;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Kills the relay when the benchmark's JVM exits without closing it (Ctrl+C, a hung benchmark
     * stopped): forcibly, because it may be paused, and the database it reads goes away with this JVM.
     */
    private final Thread stopAtExit;

    private RelayJarProcess(Process process, Path log, int httpPort) {
        this.process = process;
        this.log = log;
        this.httpPort = httpPort;
        this.stopAtExit = new Thread(process::destroyForcibly, "relay-process-kill");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** @return {@code NAME=value} pairs separated by commas, as a map */
    private static Map<String, String> overrides(String list) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String override : list.split(",")) {
            int equals = override.indexOf('=');
            if (equals > 0) {
                overrides.put(override.substring(0, equals).trim(), override.substring(equals + 1).trim());
            }
        }
        return overrides;
    }

    /** Starts the relay jar with these {@code OUTBOX_*} settings and returns once it streams. */
    static RelayJarProcess start(Map<String, String> settings, Path log) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("bench.relay.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist: run the benchmark through Maven with -am, which packages the relay");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : System.getProperty("bench.relay.jvm-options", DEFAULT_JVM_OPTIONS).trim().split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(name -> name.startsWith("OUTBOX_"));
        builder.environment().putAll(settings);
        builder.environment().putAll(overrides(System.getProperty("bench.relay.settings", "")));
        builder.environment().put("OUTBOX_HTTP_PORT", Integer.toString(port));
        RelayJarProcess relay = new RelayJarProcess(builder.start(), log, port);
        try {
            relay.awaitReady();
        } catch (RuntimeException | InterruptedException e) {
            // The caller gets no handle to close, so a relay that never became ready is stopped here.
            relay.close();
            throw e;
        }
        return relay;
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the relay exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.send(request("/health/ready"), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the relay did not become ready within 90 s; see " + log);
    }

    /** @return the relay's histogram of commit-to-confirmation delays, from its metrics */
    RelayDelays delays() throws IOException, InterruptedException {
        return RelayDelays.parse(metrics());
    }

    /** @return entries the relay sent and the broker confirmed, from its metrics */
    long entriesRelayed() throws IOException, InterruptedException {
        String metrics = metrics();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("outbox_relay_entries_total ")) {
                return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
            }
        }
        throw new IllegalStateException("the relay's metrics have no outbox_relay_entries_total");
    }

    private String metrics() throws IOException, InterruptedException {
        return http.send(request("/metrics"), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    /** SIGSTOP: the process keeps its state and connections but runs no more until {@link #resume()}. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** @return CPU seconds (user + system) the process used so far */
    double cpuSeconds() throws IOException {
        return cpuSecondsIn(Path.of("/proc", Long.toString(process.pid()), "stat"));
    }

    /**
     * @return CPU seconds used so far by each of the process's threads, by thread name as the kernel
     *         keeps it (the first 15 characters of the Java name); threads of the same name added up
     */
    Map<String, Double> threadCpuSeconds() throws IOException {
        Map<String, Double> threads = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    threads.merge(Files.readString(task.resolve("comm")).strip(), cpuSecondsIn(task.resolve("stat")), Double::sum);
                } catch (NoSuchFileException ended) {
                    // The thread ended while the list was read.
                }
            }
        }
        return threads;
    }

    /** @return CPU seconds the process's JIT compiler threads (HotSpot's C1 and C2) used so far */
    double compilerCpuSeconds() throws IOException {
        return threadCpuSeconds().entrySet().stream()
                .filter(thread -> thread.getKey().startsWith("C1 Compiler") || thread.getKey().startsWith("C2 Compiler"))
                .mapToDouble(Map.Entry::getValue)
                .sum();
    }

    private static double cpuSecondsIn(Path stat) throws IOException {
        String line = Files.readString(stat);
        // Fields after the command name, which is in parentheses and may contain spaces.
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
    }

    /** @return the process's peak resident memory so far, in MiB */
    double peakResidentMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path)).timeout(Duration.ofSeconds(5)).GET().build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM, as an orchestrator stops it: the relay drains, stores its offsets and exits. */
    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException exiting) {
            // The JVM is already exiting and the hook runs anyway.
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
