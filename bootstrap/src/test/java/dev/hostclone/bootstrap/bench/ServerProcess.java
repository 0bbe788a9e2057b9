package dev.hostclone.bootstrap.bench;

import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.adapter.persistence.SecretHashing;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * A HostClone server in its own JVM, started from the packaged jar with a fixed heap, as an operator
 * would run it: the load generator never shares a heap or a JIT with it. Measures how long the
 * server takes to answer {@code /readyz} and reads its heap through {@code jcmd}.
 *
 * <p>Its output (the access log: a line per request, gigabytes in a load run) and its GC and
 * safepoint log go to {@code bootstrap/target/bench/<name>.log} and {@code <name>.gc.log}, which the
 * next server of the same name replaces: the last run's are there to hold a stall against, and
 * repeated runs do not pile up logs (they were temporary files, left behind by every run).
 */
final class ServerProcess implements AutoCloseable {

    static final String APP = "bench";
    static final String SECRET = "bench-secret-5d1c";
    /**
     * The server is given the secret's hash, as the README advises a deployment: a measured start
     * hashes nothing (hashing costs a two-core machine's start 0.15–0.3 s).
     */
    private static final String SECRET_HASH = SecretHashing.hash(SECRET);
    /** The value of {@code --apps} that registers {@link #APP}; a run registering more apps adds to it. */
    static final String APPS = APP + ":" + SECRET_HASH;
    static final String ADMIN = "admin";
    /** BlueKing's credentials header for {@link #APP} acting as {@link #ADMIN}. */
    static final String AUTHORIZATION = "{\"bk_app_code\":\"" + APP + "\",\"bk_app_secret\":\"" + SECRET
            + "\",\"bk_username\":\"" + ADMIN + "\"}";

    private static final String JIT_COMPILATION = "jvm_compilation_time_ms_total";
    private static final String CLONES_CHANGED = "hostclone_clone_outcomes_total{outcome=\"changed\"}";
    private static final String CLONES_NOOP = "hostclone_clone_outcomes_total{outcome=\"noop\"}";
    /** The series of the store's pools (one per event loop and one for other callers), not the worker pool's. */
    private static final String STORE_POOLS = "{pool_name=\"hostclone-";
    private static final String POOL_USAGE = "vertx_pool_usage_seconds";
    private static final String POOL_QUEUE = "vertx_pool_queue_time_seconds";
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    /** One client for every probe and scrape of every server of a run. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A line of {@code -Xlog:safepoint} with the {@code time} decoration: when it ended, and how long it took. */
    private static final Pattern SAFEPOINT = Pattern.compile("^\\[([^]]+)].*Safepoint \".*Total: (\\d+) ns");
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    /** An access-log line: when it was written (the answer's end), the API, and the request's duration in ms. */
    private static final Pattern ACCESS = Pattern.compile("^(\\S+) INFO .* d\\.h\\.adapter\\.http\\.access - .* api=(\\S+) .* ms=(\\d+)\\.(\\d{3})$");
    private static final String CLONE_API = "clone_host_property";

    /**
     * The CPU a server had used when it was first ready: all its threads', and of it its JIT compiler
     * threads'. On two cores the JIT competes with the start for them.
     */
    record CpuAtReady(Duration all, Duration jit) {
    }

    private final Process process;
    private final int port;
    private final Duration readyAfter;
    private final CpuAtReady cpuAtReady;
    private final Path log;
    private final Path gcLog;

    private ServerProcess(Process process, int port, Duration readyAfter, CpuAtReady cpuAtReady, Path log, Path gcLog) {
        this.process = process;
        this.port = port;
        this.readyAfter = readyAfter;
        this.cpuAtReady = cpuAtReady;
        this.log = log;
        this.gcLog = gcLog;
    }

    /**
     * Starts the jar with {@code -Xmx<heap>}, the JVM options of the {@code serverJvmOptions} system
     * property (a profiler, say) and the given storage flags, its logs named {@code name}; returns once
     * it is ready.
     */
    static ServerProcess start(String name, Path jar, String heap, List<String> storageFlags)
            throws IOException, InterruptedException {
        return start(name, jar, heap, measuredServerOptions(), storageFlags);
    }

    /** The JVM options the {@code serverJvmOptions} system property adds to the servers a run measures. */
    static List<String> measuredServerOptions() {
        String extra = System.getProperty("serverJvmOptions", "").trim();
        return extra.isEmpty() ? List.of() : List.of(extra.split("\\s+"));
    }

    /** Starts the jar with exactly the given JVM options (none from the system property). */
    static ServerProcess start(String name, Path jar, String heap, List<String> jvmOptions, List<String> storageFlags)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = BenchOutput.file(name + ".log");
        Path gcLog = BenchOutput.file(name + ".gc.log");
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(heapAndLog(heap, gcLog));
        // as the launcher runs it (launch gets it from there): a server out of memory ends, not measured half-broken
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(flags(port, storageFlags));
        return awaitReady(new ProcessBuilder(command), port, log, gcLog);
    }

    /**
     * {@code command} without the glibc tunables the run gave the benchmark's PostgreSQL: the server
     * under test runs with glibc's defaults, as it is deployed.
     */
    static ProcessBuilder asDeployed(ProcessBuilder command) {
        command.environment().remove(BenchPostgres.GLIBC_TUNABLES);
        return command;
    }

    /**
     * Starts the server through {@code launcher} (the packaged {@code hostclone}, which maps the
     * class-data archive in), its JVM given {@code -Xmx<heap>} in {@code HOSTCLONE_JAVA_OPTS}; returns
     * once it is ready. A launcher that found no archive to map in and records one fails this: that
     * start is a plain one.
     */
    static ServerProcess launch(String name, Path launcher, String heap, List<String> storageFlags)
            throws IOException, InterruptedException {
        int port = freePort();
        Path log = BenchOutput.file(name + ".log");
        Path gcLog = BenchOutput.file(name + ".gc.log");
        List<String> arguments = flags(port, storageFlags);
        ServerProcess server = awaitReady(throughLauncher(launcher, String.join(" ", heapAndLog(heap, gcLog)), arguments),
                port, log, gcLog);
        if (Files.readString(log).contains("this start records one")) {
            server.close();
            throw new IllegalStateException("the launcher found no class-data archive it could map in: build it with"
                    + " mvn package; log: " + log);
        }
        return server;
    }

    /** {@code launcher} with {@code arguments}, on this JVM's JDK, its JVM given {@code javaOptions}. */
    static ProcessBuilder throughLauncher(Path launcher, String javaOptions, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("HOSTCLONE_JAVA_OPTS", javaOptions);
        return builder;
    }

    private static List<String> heapAndLog(String heap, Path gcLog) {
        return List.of("-Xmx" + heap, "-Xms" + heap, "-Xlog:gc,safepoint:file=" + gcLog + ":time,uptime:filecount=0");
    }

    /** The run's own flags, but those {@code more} gives (a run registering more apps), then {@code more}: the server refuses a flag twice. */
    private static List<String> flags(int port, List<String> more) {
        List<String> flags = new ArrayList<>(serverFlags(port));
        flags.removeIf(flag -> more.stream().anyMatch(given -> given.startsWith(flag.substring(0, flag.indexOf('=') + 1))));
        flags.addAll(more);
        return flags;
    }

    private static List<String> serverFlags(int port) {
        return List.of("--http-host=127.0.0.1", "--http-port=" + port, "--apps=" + APPS,
                "--admins=" + ADMIN,
                // the load is the point here: no per-app rate limit
                "--rate-limit=0");
    }

    /**
     * The last {@code count} lines of a server's log that are not blank, on one line: what it said as it
     * exited before it was ready (a JVM refusing a class-data archive, a storage that would not open).
     */
    private static String lastLines(Path log, int count) throws IOException {
        List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines()
                .filter(line -> !line.isBlank()).toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static ServerProcess awaitReady(ProcessBuilder command, int port, Path log, Path gcLog)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        Process process = asDeployed(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(1)).build();
        long deadline = started + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ", saying: "
                        + lastLines(log, 5) + "; log: " + log);
            }
            if (answersReady(ready)) {
                Duration readyAfter = Duration.ofNanos(System.nanoTime() - started);
                return new ServerProcess(process, port, readyAfter, cpuAtReady(process.pid()), log, gcLog);
            }
            Thread.sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server was not ready within 60 s; log: " + log);
    }

    private static boolean answersReady(HttpRequest ready) throws InterruptedException {
        try {
            return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            // not listening yet
            return false;
        }
    }

    int port() {
        return port;
    }

    /**
     * Every safepoint the server has stopped at so far, each dated from its end as the log gives it
     * less its length: its collections and whatever else stopped all of its threads at once
     * (deoptimization, biased-lock revocation, a thread dump). The report holds them against each
     * second of a fixed-rate phase, beside the generator's own collections.
     */
    Pauses safepoints() throws IOException {
        return safepointsIn(Files.readAllLines(gcLog));
    }

    /** How far the server's log has been written: where {@link #ownLatencies} starts to read. */
    long logLength() throws IOException {
        return Files.size(log);
    }

    /**
     * The server's own latency of each clone it answered within {@code length} from {@code from}, by its
     * access log read from {@code offset} ({@link #logLength} taken before the phase): from its router
     * taking the request to the answer's end, in microseconds. What the load generator measures
     * beyond it passed in the generator, on the loopback, or in a socket while an event loop waited.
     */
    Histogram ownLatencies(long offset, Instant from, Duration length) throws IOException, InterruptedException {
        // the access log's writer polls its buffer every 10 ms: the phase's last lines are out after that
        Thread.sleep(100);
        try (FileChannel channel = FileChannel.open(log);
             BufferedReader lines = new BufferedReader(Channels.newReader(channel.position(offset), StandardCharsets.UTF_8))) {
            return accessLatenciesIn(lines.lines(), CLONE_API, from, from.plus(length));
        }
    }

    /**
     * The durations, in microseconds, of the access-log lines of {@code api} written within
     * {@code [from, to)}; other lines are skipped.
     */
    static Histogram accessLatenciesIn(Stream<String> log, String api, Instant from, Instant to) {
        Histogram micros = new Histogram(3);
        log.forEach(line -> {
            Matcher access = ACCESS.matcher(line);
            if (access.find() && access.group(2).equals(api)) {
                Instant answered = Instant.parse(access.group(1));
                if (!answered.isBefore(from) && answered.isBefore(to)) {
                    micros.recordValue(Long.parseLong(access.group(3)) * 1_000 + Long.parseLong(access.group(4)));
                }
            }
        });
        return micros;
    }

    /** The safepoints of a {@code -Xlog:gc,safepoint} log with the {@code time} decoration; other lines are skipped. */
    static Pauses safepointsIn(List<String> log) {
        Pauses safepoints = new Pauses();
        for (String line : log) {
            Matcher safepoint = SAFEPOINT.matcher(line);
            if (safepoint.find()) {
                Duration length = Duration.ofNanos(Long.parseLong(safepoint.group(2)));
                Instant ended = OffsetDateTime.parse(safepoint.group(1), LOG_TIME).toInstant();
                safepoints.add(ended.minus(length), length);
            }
        }
        return safepoints;
    }

    /** The server process's pid. */
    long pid() {
        return process.pid();
    }

    /** CPU time the server process has used so far, all threads. */
    Duration cpuTime() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** From process start to the first {@code /readyz} answering 200 (JVM start included). */
    Duration readyAfter() {
        return readyAfter;
    }

    /** The CPU the server had used at {@link #readyAfter}. */
    CpuAtReady cpuAtReady() {
        return cpuAtReady;
    }

    private static CpuAtReady cpuAtReady(long pid) throws IOException {
        return new CpuAtReady(ticks(ProcessCpu.ofProcess(pid)), ticks(ProcessCpu.ofCompilerThreads(pid)));
    }

    private static Duration ticks(long ticks) {
        return Duration.ofMillis(Math.round(ticks * 1000 / ProcessCpu.TICKS_PER_SECOND));
    }

    /**
     * How long the server's JIT has compiled so far, in milliseconds, as its {@code /metrics} reports
     * ({@code jvm_compilation_time_ms_total}, summed over the compilers).
     */
    double jitCompilationMillis() throws IOException, InterruptedException {
        return scrape().sum(JIT_COMPILATION + "{");
    }

    /** The clones the server has answered so far, by outcome, as its {@code /metrics} counts them. */
    CloneOutcomes cloneOutcomes() throws IOException, InterruptedException {
        Scrape scrape = scrape();
        return new CloneOutcomes(scrape.value(CLONES_CHANGED), scrape.value(CLONES_NOOP));
    }

    /** The store's pools' use in a {@code /metrics} answer; the worker pool's series are left out. */
    static PoolUse poolUseIn(Scrape scrape) {
        return new PoolUse(scrape.sum(POOL_USAGE + "_count" + STORE_POOLS), scrape.sum(POOL_USAGE + "_sum" + STORE_POOLS),
                scrape.sum(POOL_QUEUE + "_sum" + STORE_POOLS));
    }

    /** The server's meters of a phase, from {@link MeterWatch#start}: started as a measured phase starts, read after it. */
    MeterWatch meterWatch() {
        return new MeterWatch();
    }

    final class MeterWatch {

        private Scrape atStart;

        private MeterWatch() {
        }

        void start() throws IOException, InterruptedException {
            atStart = scrape();
        }

        /** What the store's pools and its operations did since {@link #start}. */
        PhaseMeters sinceStart() throws IOException, InterruptedException {
            Scrape now = scrape();
            return new PhaseMeters(poolUseIn(now).since(poolUseIn(atStart)),
                    StoreOperations.in(now).since(StoreOperations.in(atStart)));
        }
    }

    /**
     * A phase's meters: the store's pools (connections taken, held, waited for: Vert.x's pool meters) and
     * its operations (the server's own timing of each call to a storage port).
     */
    record PhaseMeters(PoolUse pools, StoreOperations store) {
    }

    private Scrape scrape() throws IOException, InterruptedException {
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> metrics = HTTP.send(scrape, HttpResponse.BodyHandlers.ofString());
        return new Scrape(metrics.statusCode(), null, metrics.body());
    }

    /** The store's pools: connections taken, the seconds they were held and the seconds their takings waited, summed over the pools. */
    record PoolUse(double taken, double heldSeconds, double waitedSeconds) {

        PoolUse since(PoolUse before) {
            return new PoolUse(taken - before.taken, heldSeconds - before.heldSeconds, waitedSeconds - before.waitedSeconds);
        }

        @Override
        public String toString() {
            double each = Math.max(1, taken);
            return "%.0f connections taken, each held %.2f ms and waited for %.3f ms on average"
                    .formatted(taken, heldSeconds * 1e3 / each, waitedSeconds * 1e3 / each);
        }
    }

    /**
     * Clones that changed their destination, and clones that found it holding the source's values
     * already and wrote nothing: a no-op costs no write, so a run with many is lighter than it looks.
     */
    record CloneOutcomes(double changed, double noop) {

        CloneOutcomes since(CloneOutcomes before) {
            return new CloneOutcomes(changed - before.changed, noop - before.noop);
        }

        double noopPercent() {
            return 100 * noop / Math.max(1, changed + noop);
        }
    }

    /** Heap in use right after a full GC, in MiB: what the server really holds. */
    long heapAfterGcMiB() throws IOException, InterruptedException {
        jcmd("GC.run");
        return heapInUseMiB();
    }

    /** Heap in use now, garbage included, in MiB. */
    long heapInUseMiB() throws IOException, InterruptedException {
        Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
        long kib = 0;
        // the first "used" of GC.heap_info is the whole heap's
        if (used.find()) {
            kib = Long.parseLong(used.group(1));
        }
        return kib / 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid()), command).redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes());
        jcmd.waitFor();
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
