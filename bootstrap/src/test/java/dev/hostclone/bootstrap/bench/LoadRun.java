package dev.hostclone.bootstrap.bench;

import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.bootstrap.bench.LoadDriver.Call;
import dev.hostclone.bootstrap.bench.LoadDriver.Result;
import dev.hostclone.bootstrap.bench.Seeder.SeededHosts;
import dev.hostclone.bootstrap.bench.ServerProcess.CloneOutcomes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The load run of the README's Performance section: starts the packaged server in its own JVM
 * ({@code -Xmx256m}; on memory touched at start, and a fresh one for each point),
 * seeds 10,000 hosts, warms it up until its JIT settles, and measures clones (by IP and by id, random
 * pairs) at 1, 8, 32 and 128 connections against a baseline measured in the same run on the same machine:
 * <ul>
 *   <li>{@code memory}: the trivial route {@code /healthz} of the same server (the HTTP ceiling), before
 *       and after the clones;</li>
 *   <li>{@code postgres}: {@code pgbench} running the statements the adapter issues for one clone, with
 *       a real clone's values, at the same concurrency, or at fewer connections where it gives more
 *       ({@link #bestAtFewer}; the database ceiling); {@link DatabaseWork} shows what each side cost
 *       PostgreSQL per clone.</li>
 * </ul>
 * Each point can be measured {@code repeats} times, clones and baseline in turn (baseline, clones,
 * baseline, clones, …, baseline), each clone run against the mean of the baselines either side of it:
 * a single point's ratio moves by 5–10 points with its baseline alone, and the spread of the repeats
 * shows by how much. Then a fixed-rate run at half the best clone throughput, latency free of
 * coordinated omission. On PostgreSQL it follows a checkpoint, so that the WAL goes into recycled
 * segments as in a deployment past its first checkpoint, and pgbench runs the same statements at the
 * same rate over as many connections as the server's pool, before and after it: the tail the
 * database and its disk alone give at that rate ({@link PgbenchBaseline#atRate}).
 *
 * <p>Run: {@code mvn -q -DskipTests install && mvn -q -pl bootstrap -Pload exec:exec} (see README);
 * system properties {@code storage} (memory,postgres), {@code seconds}, {@code hosts}, {@code connections},
 * {@code repeats}, {@code tls} (PostgreSQL over TLS, see {@link BenchPostgres}), {@code durable} (false: its
 * PostgreSQL with fsync and synchronous_commit off, see {@link BenchPostgres}), {@code postgresSettings} and
 * {@code postgresDirectory} (see {@link BenchPostgres.Setup}), {@code rate} (the fixed-rate run's clones per
 * second, see {@link #FIXED_RATE}).
 */
public final class LoadRun {

    private static final SplittableRandom RANDOM = new SplittableRandom();
    /** Every clone call's method, path and headers (see {@link #clones}); the client copies them into each request. */
    private static final RequestOptions CLONE = new RequestOptions().setMethod(HttpMethod.PUT)
            .setURI("/api/v3/hosts/property/clone").setIdleTimeout(LoadDriver.ANSWER_TIMEOUT_MILLIS)
            .setHeaders(HttpHeaders.headers()
                    .add(HttpHeaders.createOptimized("X-Bkapi-Authorization"),
                            HttpHeaders.createOptimized(ServerProcess.AUTHORIZATION))
                    .add(HttpHeaders.CONTENT_TYPE, HttpHeaders.createOptimized("application/json")));
    /** The trivial route's call, the memory baseline. */
    private static final RequestOptions HEALTHZ = new RequestOptions().setMethod(HttpMethod.GET).setURI("/healthz")
            .setIdleTimeout(LoadDriver.ANSWER_TIMEOUT_MILLIS);
    /**
     * As PostgreSQL's server, as the targets ask: the memory store keeps its hosts and the newest 10,000
     * audit records (its default), about 25 MiB here. Until 2026-12-04 it kept every record, and the run
     * gave it 6 GiB.
     */
    private static final String MEMORY_STORE_HEAP = "256m";
    private static final int JIT_WARMUP_CONNECTIONS = 16;
    private static final long WARMUP_SLICE_MILLIS = 5_000;
    private static final int WARMUP_MIN_SLICES = 3;
    private static final int WARMUP_MAX_SLICES = 36;
    /**
     * Which clones the runs send ({@code -DcloneBy}): {@code both} (half by inner IP, half by id, the
     * default), or only one kind, {@code ip} or {@code id}, to measure what each costs the server.
     */
    private static final String CLONE_BY = System.getProperty("cloneBy", "both");
    /**
     * The fixed-rate run's clones per second ({@code -Drate}); 0, the default, for half the best
     * throughput of the closed loops. A rate of its own holds two builds, or two hours, to the same
     * load, where half of each run's best moves with that run.
     */
    private static final double FIXED_RATE = Double.parseDouble(System.getProperty("rate", "0"));
    /**
     * The server's {@code pool_size} on PostgreSQL ({@code -DpoolSize}), and the connections of pgbench
     * at the fixed rate beside it; the server's default unless given, to measure another.
     */
    private static final int POOL_SIZE = Integer.getInteger("poolSize", PgSettings.DEFAULT_POOL_SIZE);
    /** async-profiler for the measured servers, when asked ({@code -Dprofile=true}, {@link ServerProfiler}). */
    private static final Optional<ServerProfiler> PROFILER = ServerProfiler.asked();

    private LoadRun() {
    }

    public static void main(String[] args) throws Exception {
        List<String> storages = List.of(System.getProperty("storage", "memory,postgres").split(","));
        int seconds = Integer.getInteger("seconds", 15);
        int hosts = Integer.getInteger("hosts", 10_000);
        int[] connections = Arrays.stream(System.getProperty("connections", "1,8,32,128").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int repeats = Integer.getInteger("repeats", 1);
        boolean tls = Boolean.getBoolean("tls");
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1: " + repeats);
        }
        Path jar = Path.of(System.getProperty("jar", "bootstrap/target/hostclone.jar"));
        if (!List.of("both", "ip", "id").contains(CLONE_BY)) {
            throw new IllegalArgumentException("cloneBy must be both, ip or id: " + CLONE_BY);
        }
        if (!(FIXED_RATE >= 0)) {
            throw new IllegalArgumentException("rate must be 0 (half the best) or a positive number of clones per second: "
                    + FIXED_RATE);
        }
        Report report = new Report(seconds, hosts);
        if (!CLONE_BY.equals("both")) {
            report.note("clones by " + CLONE_BY + " only (-Dload.cloneBy); the PostgreSQL baseline still reads both ways");
        }
        for (String storage : storages) {
            switch (storage) {
                case "memory" -> runMemory(report, jar, hosts, seconds, connections, repeats);
                case "postgres" -> runPostgres(report, jar, hosts, seconds, connections, repeats, tls);
                default -> throw new IllegalArgumentException("unknown storage " + storage);
            }
        }
        String table = report.render();
        System.out.println(table);
        Path out = BenchOutput.file("load-report.md");
        Files.writeString(out, table);
        System.out.println("written to " + out);
    }

    /**
     * Each point on a server of its own, started, seeded and warmed up afresh: the memory store keeps
     * every host version and audit record the run writes (about 520 bytes per audited clone), and on a
     * server shared by every point, the points measured last paid for the clones of those before them
     * (G1's concurrent marking, once the old generation passed its threshold: 6.5 s cycles back to
     * back). So a point's figure no longer depends on which points ran before it. The fixed-rate run
     * follows the last point, on its server.
     */
    private static void runMemory(Report report, Path jar, int hosts, int seconds, int[] connections, int repeats)
            throws Exception {
        // How soon a server as an operator starts it answers, apart from the ones measured below.
        report.ready("memory", StartTimes.measure("server-memory-start", jar, () -> List.of("--storage=memory")));
        double best = 0;
        for (int point = 0; point < connections.length; point++) {
            best = memoryPoint(report, jar, hosts, seconds, connections[point], repeats, best,
                    point == connections.length - 1);
        }
    }

    /**
     * One point on a fresh server; with {@code fixedRateAfter}, the fixed-rate run at half the best
     * throughput of every point so far follows it. Returns that best.
     */
    private static double memoryPoint(Report report, Path jar, int hosts, int seconds, int c, int repeats,
                                      double bestSoFar, boolean fixedRateAfter) throws Exception {
        double best = bestSoFar;
        // The heap's pages are touched at start (AlwaysPreTouch), as a server that has run for a while has them:
        // touched first under load, zeroing them took up to 18 % of the server's CPU in a clone run as G1 grew
        // its young generation into fresh gigabytes of the 6 GiB heap the run gave the memory store until
        // 2026-12-04 (clear_page_rep, on a virtual machine whose page faults cost 3.5 µs each), a cost that
        // belongs to a process's first minutes, not to clones.
        try (ServerProcess server = ServerProcess.start("server-memory-" + c, jar, MEMORY_STORE_HEAP,
                serverOptions(List.of("-XX:+AlwaysPreTouch")), List.of("--storage=memory"));
             LoadDriver driver = new LoadDriver(server.port(), LoadDriver.nativeTransportAsked())) {
            SeededHosts seeded = new Seeder(server.port()).seed(hosts);
            report.generator(driver.transport());
            String point = "memory, " + connections(c);
            Supplier<Call> trivial = () -> new Call(HEALTHZ, Buffer.buffer());
            warmUp(report, point, "/healthz", driver, server, trivial);
            warmUp(report, point, "clones", driver, server, clones(seeded));
            long heapBefore = server.heapAfterGcMiB();
            // the trivial route before and after each clone run, as pgbench on PostgreSQL: the heap the
            // clones grow, and whatever else drifts, then weighs on the baseline about as on them
            Result before = profiled(report, server, "memory-" + c + "-healthz", true,
                    () -> driver.closedLoop(c, trivial, warmup(seconds), seconds * 1000L, server::cpuTime));
            for (int repeat = 0; repeat < repeats; repeat++) {
                CloneOutcomes outcomes = server.cloneOutcomes();
                Result clones = profiled(report, server, "memory-" + c + "-clones", repeat == 0,
                        () -> driver.closedLoop(c, clones(seeded), warmup(seconds), seconds * 1000L, server::cpuTime));
                double noop = server.cloneOutcomes().since(outcomes).noopPercent();
                Result after = driver.closedLoop(c, trivial, warmup(seconds), seconds * 1000L, server::cpuTime);
                report.row("memory", c, clones, ("trivial route: %.0f before, %.0f after; server %.0f / %.0f,"
                                + " generator %.0f / %.0f µs CPU; by CPU alone %.0f %%; kdamond %.1f / %.1f %%;"
                                + " steal %.0f / %.0f %%").formatted(
                                before.throughput(), after.throughput(),
                                before.serverCpuMicrosPerRequest(), after.serverCpuMicrosPerRequest(),
                                before.generatorCpuMicrosPerRequest(), after.generatorCpuMicrosPerRequest(),
                                byCpuAlonePercent(clones, before, after),
                                before.kdamondPercent(), after.kdamondPercent(),
                                before.stealPercent(), after.stealPercent()),
                        (before.throughput() + after.throughput()) / 2, noop);
                best = Math.max(best, clones.throughput());
                before = after;
            }
            if (fixedRateAfter) {
                try (GeneratorPauses pauses = GeneratorPauses.start()) {
                    long logOffset = server.logLength();
                    Result fixed = driver.fixedRate(c, fixedRate(best), clones(seeded), warmup(seconds), seconds * 1000L,
                            server::cpuTime);
                    report.fixedRate("memory", c, fixed, best, driver.lastWarmup(), pauses, server.safepoints(),
                            server.ownLatencies(logOffset, fixed.startedAt(), fixed.length()));
                }
            }
            report.heap(point, MEMORY_STORE_HEAP, heapBefore, server.heapAfterGcMiB());
            report.errorKinds(point, driver);
        }
        return best;
    }

    /**
     * The clones' throughput against the trivial route's, as it would be were the two cores always busy:
     * the two runs of the trivial route's CPU per request (server and load generator) against the clones'.
     * Where the measured ratio falls short of it, the cores were idle in the clone run more than in the
     * trivial route's, not busy with the clones' work.
     */
    static double byCpuAlonePercent(Result clones, Result before, Result after) {
        double trivial = (before.serverAndGeneratorCpuMicrosPerRequest()
                + after.serverAndGeneratorCpuMicrosPerRequest()) / 2;
        return 100 * trivial / clones.serverAndGeneratorCpuMicrosPerRequest();
    }

    private static void runPostgres(Report report, Path jar, int hosts, int seconds, int[] connections, int repeats,
                                    boolean tls) throws Exception {
        try (BenchPostgres bench = BenchPostgres.start(tls, BenchPostgres.Setup.asked())) {
            report.note("postgres: " + bench.durability());
            EmbeddedPostgres postgres = bench.server();
            if (bench.offersTls()) {
                report.note("postgres: over TLS, the server's URL and pgbench both with sslmode=verify-full");
            }
            // each start migrates a fresh database, as the first start of a deployment does
            AtomicInteger starts = new AtomicInteger();
            report.ready("postgres", StartTimes.measure("server-postgres-start", jar, () -> List.of("--storage=postgres",
                    "--pg-url=" + bench.freshDatabase("start_" + starts.incrementAndGet()))));
            if (POOL_SIZE != PgSettings.DEFAULT_POOL_SIZE) {
                report.note("postgres: the server's pool_size " + POOL_SIZE + " (default " + PgSettings.DEFAULT_POOL_SIZE + ")");
            }
            try (ServerProcess server = ServerProcess.start("server-postgres", jar, "256m", serverOptions(List.of()),
                    List.of("--storage=postgres", "--pg-url=" + bench.url(POOL_SIZE)))) {
                SeededHosts seeded = new Seeder(server.port()).seed(hosts);
                PgbenchBaseline pgbench = new PgbenchBaseline(bench, seeded, (int) Math.ceil(warmup(seconds) / 1000.0));
                try (LoadDriver driver = new LoadDriver(server.port(), LoadDriver.nativeTransportAsked())) {
                    report.generator(driver.transport());
                    warmUp(report, "postgres", "clones", driver, server, clones(seeded));
                    long heapBefore = server.heapAfterGcMiB();
                    double best = 0;
                    // pgbench's rate at each number of connections measured so far (the mean of a point's two runs, the
                    // best repeat's)
                    TreeMap<Integer, Double> pgbenchRates = new TreeMap<>();
                    for (int c : connections) {
                        // pgbench before and after each clone run, so that housekeeping (autovacuum, checkpoints)
                        // falling into one of the runs weighs on the baseline as it does on the clones
                        PgbenchBaseline.Measured before = pgbench.run(c, seconds);
                        for (int repeat = 0; repeat < repeats; repeat++) {
                            DatabaseWork serverWork = DatabaseWork.start(postgres);
                            CloneOutcomes outcomes = server.cloneOutcomes();
                            Result clones = profiled(report, server, "postgres-" + c + "-clones", repeat == 0,
                                    () -> driver.closedLoop(c, clones(seeded), warmup(seconds), seconds * 1000L, server::cpuTime));
                            double noop = server.cloneOutcomes().since(outcomes).noopPercent();
                            DatabaseWork.PerClone serverPerClone = serverWork.perClone();
                            PgbenchBaseline.Measured after = pgbench.run(c, seconds);
                            double atC = (before.clonesPerSecond() + after.clonesPerSecond()) / 2;
                            Map.Entry<Integer, Double> fewer = bestAtFewer(pgbenchRates, c);
                            boolean fewerIsBetter = fewer != null && fewer.getValue() > atC;
                            report.row("postgres", c, clones,
                                    "pgbench, same SQL: %.0f before, %.0f after%s; steal %.0f / %.0f %%".formatted(
                                            before.clonesPerSecond(), after.clonesPerSecond(),
                                            fewerIsBetter ? "; the ceiling is its %.0f at %s".formatted(fewer.getValue(),
                                                    connections(fewer.getKey())) : "",
                                            before.stealPercent(), after.stealPercent()),
                                    fewerIsBetter ? fewer.getValue() : atC, noop);
                            pgbenchRates.merge(c, atC, Math::max);
                            report.databaseWork(c, serverPerClone, before.work(), after.work());
                            best = Math.max(best, clones.throughput());
                            before = after;
                        }
                    }
                    int c = connections[connections.length - 1];
                    double rate = fixedRate(best);
                    // A deployment past its first checkpoint writes its WAL into recycled segments. A fresh
                    // database creates each: a backend zero-fills 16 MB and syncs it while holding the WAL
                    // write lock, every 3 s at this load, and every commit behind it waits 50-100 ms.
                    bench.checkpoint();
                    // the database alone at the same rate over the server's pool, before and after
                    PgbenchBaseline.Paced pgbenchBefore = pgbench.atRate(POOL_SIZE, rate, seconds);
                    Result fixed;
                    DatabaseWork fixedWork = DatabaseWork.start(postgres);
                    // what PostgreSQL and the machine did in each second, to hold a slow second against
                    try (WaitSampler waits = WaitSampler.start(postgres, server.pid());
                         GeneratorPauses pauses = GeneratorPauses.start()) {
                        long logOffset = server.logLength();
                        ServerProcess.MeterWatch meters = server.meterWatch();
                        fixed = driver.fixedRate(c, rate, clones(seeded), warmup(seconds), seconds * 1000L, server::cpuTime,
                                meters::start);
                        Pauses safepoints = server.safepoints();
                        report.fixedRate("postgres", c, fixed, best, driver.lastWarmup(), pauses, safepoints,
                                server.ownLatencies(logOffset, fixed.startedAt(), fixed.length()));
                        int phaseSeconds = fixed.perSecond().size();
                        report.bySecond("postgres", fixed, waits.finish(fixed.startedAt(), phaseSeconds), pauses, safepoints);
                        report.walSyncs(fixed, waits.walSyncs(fixed.startedAt(), phaseSeconds), fixedWork.perClone(), meters.sinceStart());
                    }
                    report.pgbenchAtRate(POOL_SIZE, fixed, pgbenchBefore, pgbench.atRate(POOL_SIZE, rate, seconds));
                    report.heap("postgres", "256m", heapBefore, server.heapAfterGcMiB());
                    report.errorKinds("postgres", driver);
                    report.note("postgres: on disk after the run, " + bench.tableSizes());
                }
            }
        }
    }

    /**
     * pgbench's best rate at fewer connections than {@code c}, measured so far in this run, or null. The
     * database's ceiling for {@code c} callers is the most it gives them over any number of connections up
     * to {@code c}: the server holds no more than its pool (8, and 2 for keyed reads) however many callers
     * wait, while pgbench at 32 or 128 runs as many backends on the two cores, and gives less (1,955 at 128
     * against 2,548 at 8 in the README's run of 2026-12-05 03:23). Against pgbench at {@code c} alone, the
     * clones had 97 and 112 % of a ceiling they were not held to.
     */
    static Map.Entry<Integer, Double> bestAtFewer(TreeMap<Integer, Double> rates, int c) {
        return rates.headMap(c, false).entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    }

    /** The fixed-rate run's clones per second: {@link #FIXED_RATE}, or half the {@code best} throughput. */
    private static double fixedRate(double best) {
        return FIXED_RATE > 0 ? FIXED_RATE : best / 2;
    }

    /**
     * Runs every kind of request until the server's JIT, and this load generator's, have settled, so
     * that no measured point pays for either compiling: slices of {@link #WARMUP_SLICE_MILLIS} at
     * {@link #JIT_WARMUP_CONNECTIONS}, at least {@link #WARMUP_MIN_SLICES}, until one in which both
     * compiled for less than {@link LoadDriver#JIT_SETTLED_MILLIS} (2 % of it; the server's
     * {@code jvm_compilation_time_ms_total}, this JVM's compilation bean), at most
     * {@link #WARMUP_MAX_SLICES}. A fixed 15 s had been enough on the machine it was chosen on; on one
     * three times slower the JIT was still compiling the clone path through the first measured point,
     * whose clones/s rose sevenfold within it.
     */
    private static void warmUp(Report report, String storage, String kind, LoadDriver driver, ServerProcess server,
                               Supplier<Call> calls) throws IOException, InterruptedException {
        int slices = 0;
        double compiling;
        double generatorCompiling;
        do {
            double jitBefore = server.jitCompilationMillis();
            long generatorJitBefore = LoadDriver.compilationMillis();
            driver.closedLoop(JIT_WARMUP_CONNECTIONS, calls, 0, WARMUP_SLICE_MILLIS, server::cpuTime);
            compiling = server.jitCompilationMillis() - jitBefore;
            generatorCompiling = LoadDriver.compilationMillis() - generatorJitBefore;
            slices++;
        } while (slices < WARMUP_MAX_SLICES && (slices < WARMUP_MIN_SLICES
                || Math.max(compiling, generatorCompiling) >= LoadDriver.JIT_SETTLED_MILLIS));
        report.warmedUp(storage, kind, slices * WARMUP_SLICE_MILLIS / 1000, compiling, generatorCompiling);
    }

    /** "1 connection", "8 connections". */
    static String connections(int count) {
        return count + (count == 1 ? " connection" : " connections");
    }

    private static long warmup(int seconds) {
        return Math.max(2_000L, seconds * 1000L / 3);
    }

    /**
     * Clones between random distinct pairs, half by inner IP and half by id (or one kind alone, see
     * {@link #CLONE_BY}), on the v3 door. Only the body differs from call to call: the method, path and
     * headers are one {@link #CLONE} for all, their bytes encoded once, as a packaged generator sends a
     * fixed request line and headers.
     */
    static Supplier<Call> clones(SeededHosts seeded) {
        int n = seeded.ids().size();
        return () -> {
            int source = RANDOM.nextInt(n);
            int destination = (source + 1 + RANDOM.nextInt(n - 1)) % n;
            boolean byIp = switch (CLONE_BY) {
                case "ip" -> true;
                case "id" -> false;
                default -> RANDOM.nextBoolean();
            };
            String body = byIp
                    ? "{\"bk_biz_id\":" + seeded.business() + ",\"bk_org_ip\":\"" + seeded.ips().get(source)
                            + "\",\"bk_dst_ip\":\"" + seeded.ips().get(destination) + "\",\"bk_cloud_id\":0}"
                    : "{\"bk_biz_id\":" + seeded.business() + ",\"bk_org_id\":" + seeded.ids().get(source)
                            + ",\"bk_dst_id\":" + seeded.ids().get(destination) + "}";
            return new Call(CLONE, Buffer.buffer(body));
        };
    }

    /** Collects the figures and renders them as Markdown tables. */
    static final class Report {
        private final int seconds;
        private final int hosts;
        private final List<String> rows = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        /** Each point's ratios in percent, by "storage | connections", in the order measured. */
        private final Map<String, List<Double>> ratios = new LinkedHashMap<>();
        private String generatorTransport = "";

        Report(int seconds, int hosts) {
            this.seconds = seconds;
            this.hosts = hosts;
        }

        /** What the errors of {@code point}'s runs were, by kind, when there were any (until 2026-12-07 the soak's alone said). */
        void errorKinds(String point, LoadDriver driver) {
            String kinds = driver.errorKinds();
            if (!kinds.isEmpty()) {
                note(point + ": errors by kind, over every run of the point: " + kinds);
            }
        }

        /** The transport the load generator's event loop ran on (see {@link LoadDriver#transport}). */
        void generator(String transport) {
            generatorTransport = transport;
        }

        /** {@code noopPercent}: the share of the clones that found nothing to change (see {@link CloneOutcomes}). */
        void row(String storage, int connections, Result clones, String baselineName, double baseline,
                 double noopPercent) {
            ratios.computeIfAbsent(storage + " | " + connections, point -> new ArrayList<>())
                    .add(100 * clones.throughput() / baseline);
            add(rows, "| %s | %d | %.0f | %.0f (%s) | %.0f %% | %.2f | %.2f | %.2f | %d | %.1f %% | %.0f | %.0f | %.1f %% | %.0f %% |"
                    .formatted(storage, connections, clones.throughput(), baseline, baselineName,
                            100 * clones.throughput() / baseline, clones.millis(50), clones.millis(99), clones.millis(99.9),
                            clones.errors(), noopPercent, clones.serverCpuMicrosPerRequest(),
                            clones.generatorCpuMicrosPerRequest(), clones.kdamondPercent(), clones.stealPercent()));
        }

        /** The fixed-rate run, whose rate came from {@code best}, the closed loops' highest throughput (see {@link #fixedRate}). */
        void fixedRate(String storage, int connections, Result result, double best, LoadDriver.Warmup warmedUp,
                       GeneratorPauses pauses, Pauses safepoints, Histogram serverOwnMicros) {
            double rate = LoadRun.fixedRate(best);
            String share = FIXED_RATE > 0 ? "set by -Dload.rate, %.0f %% of the best".formatted(100 * rate / best) : "half the best";
            Duration length = result.length();
            String warmup = ("%d s of warm-up at that rate, the load generator's JIT compiling for %d ms of its last"
                    + " %d s%s")
                    .formatted(warmedUp.millis() / 1000, warmedUp.compilingMillis(), warmup(seconds) / 1000,
                            warmedUp.settled() ? "" : " (NOT settled)");
            add(notes, "- %s, fixed rate %.0f clones/s (%s) over %s: p50 %.2f ms, p99 %.2f ms,"
                    .formatted(storage, rate, share, connections(connections), result.millis(50), result.millis(99))
                    + " p99.9 %.2f ms, max %.2f ms, %d errors (latency from the scheduled send time);"
                    .formatted(result.millis(99.9), result.latencyNanos().getMaxValue() / 1e6, result.errors())
                    + " after %s; the load generator's own GC pauses in it: %s; the server's safepoints in it: %s;"
                    .formatted(warmup, pauses.during(result.startedAt(), length),
                            safepoints.during(result.startedAt(), length, "none"))
                    + " the kernel's kdamond took %.1f %% of the cores, the hypervisor %.0f %% (steal);"
                    .formatted(result.kdamondPercent(), result.stealPercent())
                    + " p99 ms by second from %s: %s".formatted(result.startedAt(), result.perSecondMillis(99)));
            add(notes, ("- %s, fixed rate %.0f clones/s, the server's own latency (its access log: from its router taking"
                    + " the request to the answer's end, %d clones): p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms;"
                    + " the rest of a clone's latency passed before the router took it or after its answer left: in the"
                    + " load generator, on the loopback, or in a socket while an event loop waited for a core")
                    .formatted(storage, rate, serverOwnMicros.getTotalCount(), serverOwnMicros.getValueAtPercentile(50) / 1e3,
                            serverOwnMicros.getValueAtPercentile(99) / 1e3, serverOwnMicros.getValueAtPercentile(99.9) / 1e3,
                            serverOwnMicros.getMaxValue() / 1e3));
        }

        /**
         * pgbench's latencies at the fixed rate, before and after the clones' run at it, beside the clones':
         * what the database alone gives at that rate over as many connections as the server's pool (its
         * {@code pool_size}, {@link LoadRun#POOL_SIZE}), and the clones' p99 against its.
         */
        void pgbenchAtRate(int connections, Result clones, PgbenchBaseline.Paced before, PgbenchBaseline.Paced after) {
            Histogram first = before.latencies();
            Histogram second = after.latencies();
            double pgbenchP99 = (first.getValueAtPercentile(99) + second.getValueAtPercentile(99)) / 2e6;
            add(notes, ("- postgres, pgbench with the same SQL at the same fixed rate over %s (the server's pool): p50 %.2f / %.2f ms,"
                    + " p99 %.2f / %.2f ms, p99.9 %.2f / %.2f ms (before / after the clones, latency from the scheduled"
                    + " start); the clones' p99 is %.0f %% of pgbench's mean p99, %.2f ms; PostgreSQL's work per"
                    + " transaction: %s before, %s after; the hypervisor stole %.0f / %.0f %% of the cores")
                    .formatted(connections(connections), first.getValueAtPercentile(50) / 1e6,
                            second.getValueAtPercentile(50) / 1e6, first.getValueAtPercentile(99) / 1e6,
                            second.getValueAtPercentile(99) / 1e6, first.getValueAtPercentile(99.9) / 1e6,
                            second.getValueAtPercentile(99.9) / 1e6, 100 * clones.millis(99) / pgbenchP99, pgbenchP99,
                            before.work(), after.work(), before.stealPercent(), after.stealPercent()));
        }

        /**
         * How often PostgreSQL synced its WAL during the fixed-rate phase, and how long a sync took: every
         * commit waits for one, so this is the disk's part of a clone's latency in that very phase. Then
         * what PostgreSQL spent per clone at that rate, its warm-up included, to hold against the closed
         * loop's: spread-out commits share fewer syncs and wake-ups.
         */
        void walSyncs(Result fixed, String syncs, DatabaseWork.PerClone work, ServerProcess.PhaseMeters meters) {
            add(notes, ("- postgres, fixed rate %.0f clones/s: the WAL's syncs %s (every commit waits for one;"
                    + " pg_stat_wal, track_wal_io_timing); PostgreSQL's work per clone at that rate, its warm-up"
                    + " included: %s; the server's pools in the phase: %s (Vert.x's pool meters;"
                    + " a keyed read sent on its event loop's shared connection takes none); the store's operations"
                    + " in the phase, from the call to the answer: %s (hostclone_store_operations_seconds)")
                    .formatted(fixed.throughput(), syncs, work, meters.pools(), meters.store()));
        }

        /**
         * A fixed-rate run second by second: its p99 beside the load generator's own GC pauses, the
         * server's safepoints, and what the database and the machine did then.
         */
        void bySecond(String storage, Result result, List<String> waits, GeneratorPauses pauses, Pauses safepoints) {
            StringBuilder table = new StringBuilder("\n%s, fixed rate, second by second from %s (%s):\n\n"
                    .formatted(storage, result.startedAt(), WaitSampler.LEGEND)
                    + "| second | p99 ms | generator GC | server safepoints | " + WaitSampler.COLUMNS
                    + "\n|---|---|---|---|" + WaitSampler.RULE);
            for (int second = 0; second < waits.size(); second++) {
                Instant start = result.startedAt().plusSeconds(second);
                table.append("\n| %d | %.1f | %s | %s | %s |".formatted(second + 1,
                        result.perSecond().get(second).getValueAtPercentile(99) / 1e6,
                        pauses.inSecond(start), safepoints.inSecond(start), waits.get(second)));
            }
            add(notes, table.append('\n').toString());
        }

        void databaseWork(int connections, DatabaseWork.PerClone server, DatabaseWork.PerClone pgbenchBefore,
                          DatabaseWork.PerClone pgbenchAfter) {
            add(notes, "- postgres, %s, PostgreSQL's work per clone: behind the server %s; under pgbench %s before, %s after"
                    .formatted(connections(connections), server, pgbenchBefore, pgbenchAfter));
        }

        void ready(String storage, StartTimes.Measured after) {
            add(notes, ("- %s: ready (/readyz 200) %d ms after the JVM was launched (-Xmx256m); %d ms with the build's class-data archive"
                    + " (AppCDS); %d ms with it again on the data that start left; %d ms through the launcher (bootstrap/target/hostclone)."
                    + " CPU used by then, all threads / the JIT's compiler threads, in the same order: %s")
                    .formatted(storage, after.plain().ready().toMillis(), after.archived().ready().toMillis(),
                            after.restarted().ready().toMillis(), after.launched().ready().toMillis(),
                            after.inOrder().stream().map(start -> "%d / %d ms".formatted(start.cpu().all().toMillis(),
                                    start.cpu().jit().toMillis())).collect(Collectors.joining(", "))));
        }

        void warmedUp(String storage, String kind, long seconds, double compilingMillis,
                      double generatorCompilingMillis) {
            add(notes, ("- %s: %s warmed up for %d s, the server's JIT compiling for %.0f ms of its last %d s,"
                    + " the load generator's for %.0f ms%s")
                    .formatted(storage, kind, seconds, compilingMillis, WARMUP_SLICE_MILLIS / 1000,
                            generatorCompilingMillis,
                            Math.max(compilingMillis, generatorCompilingMillis) < LoadDriver.JIT_SETTLED_MILLIS ? ""
                                    : " (NOT settled: the warm-up ran out of time)"));
        }

        /**
         * Where a profiled phase's server CPU went, per request: each place taking at least 1 % of it
         * ({@link ProfileSummary}).
         */
        void profile(String phase, Result result, ProfileSummary summary, Path collapsed) {
            double perRequest = result.serverCpuMicrosPerRequest();
            add(notes, ("- profile of %s (its warm-up and run; a flame graph beside the stacks in %s): %d samples (%s, %s of"
                    + " a thread's CPU apart); per request, of the server's %.1f µs of CPU: %s").formatted(phase, collapsed,
                    summary.total(), ServerProfiler.EVENT, ServerProfiler.INTERVAL, perRequest,
                    summary.render(perRequest, perRequest / 100)));
        }

        /** A line of its own among the notes: how this run differs from the default one. */
        void note(String line) {
            add(notes, "- " + line);
        }

        void heap(String storage, String maxHeap, long beforeMiB, long afterMiB) {
            add(notes, "- %s: heap after full GC %d MiB before the load, %d MiB after (-Xmx%s)"
                    .formatted(storage, beforeMiB, afterMiB, maxHeap));
        }

        /** Keeps a line for the table and prints it at once, so a long run shows its progress. */
        private static void add(List<String> lines, String line) {
            lines.add(line);
            System.out.println(line);
        }

        /** With points measured more than once: each point's median ratio and its spread. */
        private String repeats() {
            if (ratios.values().stream().allMatch(point -> point.size() == 1)) {
                return "";
            }
            StringBuilder table = new StringBuilder("| storage | connections | runs | clone vs baseline, median | lowest – highest |\n"
                    + "|---|---|---|---|---|\n");
            ratios.forEach((point, measured) -> {
                List<Double> sorted = measured.stream().sorted().toList();
                int n = sorted.size();
                double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
                table.append("| %s | %d | %.0f %% | %.0f – %.0f %% |\n".formatted(point, n, median, sorted.get(0), sorted.get(n - 1)));
            });
            return table.append('\n').toString();
        }

        String render() {
            return "Clones between random pairs of " + hosts + " hosts, " + seconds + " s per run, closed loop; the load generator's transport: "
                    + generatorTransport + "\n\n"
                    + "| storage | connections | clones/s | baseline/s | clone vs baseline | p50 ms | p99 ms | p99.9 ms | errors"
                    + " | no-op clones | server CPU µs/clone | generator CPU µs/clone | kdamond, share of the cores"
                    + " | stolen by the hypervisor, share of the cores |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
                    + String.join("\n", rows) + "\n\n" + repeats() + String.join("\n", notes) + "\n"
                    + "\nMachine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + "; "
                    + Kdamond.HERE.describe() + "; " + KernelWriteBack.HERE.describe() + "\n";
        }
    }

    /** {@code own} JVM options of a measured server, then the run's ({@code -DserverJvmOptions}) and the profiler's. */
    private static List<String> serverOptions(List<String> own) {
        List<String> options = new ArrayList<>(own);
        options.addAll(ServerProcess.measuredServerOptions());
        PROFILER.ifPresent(profiler -> options.addAll(profiler.jvmOptions()));
        return options;
    }

    /**
     * Runs {@code phase}; when the run was asked to profile and {@code toProfile} holds, with the server's
     * CPU sampled throughout (its warm-up included), the summary among the report's notes.
     */
    private static Result profiled(Report report, ServerProcess server, String name, boolean toProfile,
                                   ServerProfiler.Phase<Result> phase) throws Exception {
        if (PROFILER.isEmpty() || !toProfile) {
            return phase.run();
        }
        ServerProfiler.Profiled<Result> profiled = PROFILER.get().during(server, name, phase);
        report.profile(name, profiled.result(), profiled.summary(), profiled.collapsed());
        return profiled.result();
    }

    static void requireTool(String tool) throws IOException {
        if (new ProcessBuilder("which", tool).start().onExit().join().exitValue() != 0) {
            throw new IllegalStateException(tool + " is not installed (the PostgreSQL client tools bring it)");
        }
    }
}
