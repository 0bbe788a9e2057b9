package dev.hostclone.bootstrap.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostclone.bootstrap.bench.LoadDriver.Call;
import dev.hostclone.bootstrap.bench.LoadDriver.Result;
import dev.hostclone.bootstrap.bench.Seeder.SeededHosts;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * The soak run of the README's Reliability section: the packaged server ({@code -Xmx256m}) on
 * PostgreSQL, a small shared set of hosts, and for {@code minutes} minutes clones and batch updates
 * over the same hosts at half the maximum measured first (or at {@code rate} requests per second, the
 * same for two builds or two hours), minute by minute (throughput, latency
 * from the scheduled send time, errors, heap in use). A checkpoint follows the maximum, with WAL
 * segments ready for reuse for the whole soak, so that the WAL goes into recycled segments as in a
 * deployment past its first checkpoints (see {@link BenchPostgres#checkpointAhead}). A settling
 * minute at that rate comes first and is reported as minute 0: the saturated probe leaves PostgreSQL
 * maintenance due (autovacuum and analyze of the tables it grew), and requests queue behind it for
 * the first half minute. Then every host's audit records are replayed from the database: each
 * update's {@code pre_data} must equal the state replayed so far, and the end state must equal the
 * host's.
 *
 * <p>Run: {@code mvn -q -DskipTests install && mvn -q -pl bootstrap -Psoak exec:exec}; system
 * properties {@code minutes} (10), {@code hosts} (200), {@code connections} (32), {@code rate} (0: half the
 * first maximum), {@code durable} (true; false: its PostgreSQL with fsync and synchronous_commit off, see
 * {@link BenchPostgres}), {@code postgresSettings} and {@code postgresDirectory} (see {@link BenchPostgres.Setup}).
 */
public final class SoakRun {

    private static final SplittableRandom RANDOM = new SplittableRandom();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> STAMPS = Set.of("last_time", "bk_updated_at", "bk_updated_by");
    private static final long MINUTE_MILLIS = 60_000;
    /**
     * A full autovacuum cycle (its naptime is a minute): the soak's ten minutes carry the database's
     * housekeeping, so the maximum its rate derives from should too. Over 20 s the first maximum read
     * 2,629 to 3,265/s in runs of the same code, and a soak at 80 % of a high reading ran at 89 % of
     * the maximum measured after it.
     */
    private static final long MAXIMUM_MILLIS = 60_000;
    /**
     * Before the first maximum: with a 20 s warm-up it cost the server 465 µs of CPU per request, and
     * the same measurement after the soak 266 µs at 145 % of its throughput. Saturated from its first
     * second, the JVM's compiler threads compete with the load for the two cores.
     */
    private static final long WARMUP_MILLIS = 60_000;
    /**
     * The share of the first maximum the soak runs at by default: half, as the latency target.
     * 80 % until 2026-12-02, while the benchmark's PostgreSQL ran with fsync off. On a durable one the
     * disk's flushes stall now and then for a tenth of a second and more, and at 80 % (1,762/s of
     * 2,202) requests queued behind them for nine minutes of ten (p99 0.2-3.2 s) and a batch update
     * gave up with 1199066; at 1,200/s, 0 errors and p99 4-58 ms by minute.
     */
    private static final double LOAD_SHARE = 0.5;
    private static final int REPLAY_FETCH_SIZE = 2_000;
    private static final int SLOWEST_SECONDS = 10;

    private SoakRun() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = Integer.getInteger("minutes", 10);
        int hosts = Integer.getInteger("hosts", 200);
        int connections = Integer.getInteger("connections", 32);
        Path jar = Path.of(System.getProperty("jar", "bootstrap/target/hostclone.jar"));
        double fixedRate = Double.parseDouble(System.getProperty("rate", "0"));
        if (!(fixedRate >= 0)) {
            throw new IllegalArgumentException("rate must be 0 (half the first maximum) or a positive number of"
                    + " requests per second: " + fixedRate);
        }
        List<String> lines = new ArrayList<>();
        try (BenchPostgres bench = BenchPostgres.start(false, BenchPostgres.Setup.asked());
             ServerProcess server = ServerProcess.start("server-soak", jar, "256m",
                     List.of("--storage=postgres", "--pg-url=" + bench.url()));
             LoadDriver driver = new LoadDriver(server.port(), LoadDriver.nativeTransportAsked())) {
            SeededHosts seeded = new Seeder(server.port()).seed(hosts);
            Supplier<Call> clones = LoadRun.clones(seeded);
            Supplier<Call> mixed = () -> RANDOM.nextBoolean() ? clones.get() : batchUpdate(seeded);
            long walBefore = bench.walPosition();
            Result maximum = driver.closedLoop(connections, mixed, WARMUP_MILLIS, MAXIMUM_MILLIS, server::cpuTime);
            double rate = fixedRate > 0 ? fixedRate : maximum.throughput() * LOAD_SHARE;
            // The WAL into recycled segments from here on, as in a deployment past its first checkpoint (see
            // LoadRun): enough of them for the whole soak, by the WAL the maximum wrote per request and a
            // quarter more. Those the maximum left lasted four minutes of ten, then new ones were zero-filled
            // under the load until the timed checkpoint, and those minutes' p99 was 56-589 ms.
            double walPerRequest = (bench.walPosition() - walBefore)
                    / (maximum.throughput() * (WARMUP_MILLIS + MAXIMUM_MILLIS) / 1000.0);
            long soakWal = (long) (1.25 * walPerRequest * rate * (minutes + 1) * MINUTE_MILLIS / 1000.0);
            int segmentsMade = bench.checkpointAhead(soakWal);
            long heapBefore = server.heapAfterGcMiB();
            print(lines, "Soak: %d hosts shared by clones and batch updates (half each), %d connections, %.0f requests/s"
                    .formatted(hosts, connections, rate) + " (%s%.0f %% of the %.0f/s measured first), -Xmx256m, PostgreSQL"
                    .formatted(fixedRate > 0 ? "set by -Dsoak.rate, " : "", 100 * rate / maximum.throughput(),
                            maximum.throughput()) + "; the load generator's transport: " + driver.transport() + "; PostgreSQL " + bench.durability()
                    + "; " + Kdamond.HERE.describe() + "; " + KernelWriteBack.HERE.describe());
            print(lines, ("WAL: %.1f kB per request in the maximum; %d new segments (%d MB) made before the soak's checkpoint,"
                    + " for the soak to reuse").formatted(walPerRequest / 1000, segmentsMade, soakWal >> 20));
            print(lines, "");
            print(lines, "| minute | requests/s | p50 ms | p99 ms | p99.9 ms | max ms | errors | heap in use MiB |");
            print(lines, "|---|---|---|---|---|---|---|---|");
            List<Result> slices = new ArrayList<>();
            List<String> slowest;
            List<String> walSyncsByMinute;
            // what PostgreSQL and the machine did in each second, to hold the slowest seconds against
            try (WaitSampler waits = WaitSampler.start(bench.server(), server.pid());
                 GeneratorPauses pauses = GeneratorPauses.start()) {
                // One schedule on the same connections throughout; minute 0 lets the database settle.
                driver.fixedRate(connections, rate, mixed, 0, MINUTE_MILLIS, minutes + 1, server::cpuTime, slice -> {
                    int minute = slices.size();
                    slices.add(slice);
                    print(lines, "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d |".formatted(
                            minute == 0 ? "0 (settling)" : Integer.toString(minute), slice.throughput(),
                            slice.millis(50), slice.millis(99), slice.millis(99.9),
                            slice.latencyNanos().getMaxValue() / 1e6, slice.errors(), server.heapInUseMiB()));
                });
                waits.stop();
                slowest = slowestSeconds(slices, waits, pauses, server.safepoints());
                walSyncsByMinute = slices.stream().map(slice -> waits.walSyncs(slice.startedAt(), slice.perSecond().size()))
                        .toList();
            }
            print(lines, "");
            long errors = slices.stream().mapToLong(Result::errors).sum();
            print(lines, "- errors in all (settling minute included): %d%s; heap after full GC %d MiB before the soak, %d MiB after"
                    .formatted(errors, errors == 0 ? "" : " (" + driver.errorKinds() + ")", heapBefore, server.heapAfterGcMiB()));
            // The rate is a share of the first maximum, taken on a fresh database: measured again on the grown one,
            // with the server's CPU per request, it tells whether the soak ended nearer the limit than it began.
            Result after = driver.closedLoop(connections, mixed, 0, MAXIMUM_MILLIS, server::cpuTime);
            print(lines, ("- maximum measured again after the soak: %.0f requests/s (%.0f %% of the first), %d errors%s;"
                    + " server CPU %.0f µs per request (first: %.0f µs)").formatted(after.throughput(),
                    100 * after.throughput() / maximum.throughput(), after.errors(),
                    after.errors() == 0 ? "" : " (the run's errors so far, by kind: " + driver.errorKinds() + ")",
                    after.serverCpuMicrosPerRequest(), maximum.serverCpuMicrosPerRequest()));
            print(lines, "- " + replay(bench.server()));
            print(lines, "- " + databaseActivity(bench.server()));
            print(lines, "");
            print(lines, "p99 ms by second, to hold against the database's log, and the WAL's syncs in each minute"
                    + " (every commit waits for one):");
            print(lines, "");
            for (int minute = 0; minute < slices.size(); minute++) {
                Result slice = slices.get(minute);
                print(lines, "- minute %d, from %s: %s; the WAL's syncs %s".formatted(minute, slice.startedAt(),
                        slice.perSecondMillis(99), walSyncsByMinute.get(minute)));
            }
            print(lines, "");
            print(lines, "The %d slowest seconds by p99 after the settling minute (%s):"
                    .formatted(slowest.size(), WaitSampler.LEGEND));
            print(lines, "");
            print(lines, "| minute | second | p99 ms | generator GC | server safepoints | " + WaitSampler.COLUMNS);
            print(lines, "|---|---|---|---|---|" + WaitSampler.RULE);
            slowest.forEach(line -> print(lines, line));
        }
        Path out = BenchOutput.file("soak-report.md");
        Files.writeString(out, String.join("\n", lines) + "\n");
        System.out.println("written to " + out);
    }

    /**
     * The {@link #SLOWEST_SECONDS} seconds of the soak with the highest p99, slowest first, as table
     * rows; the settling minute is kept apart, its queue would fill the table.
     */
    private static List<String> slowestSeconds(List<Result> slices, WaitSampler waits, GeneratorPauses pauses,
                                               Pauses safepoints) {
        record Second(int minute, int second, Histogram latencies, Instant start) {
        }
        List<Second> seconds = new ArrayList<>();
        for (int minute = 1; minute < slices.size(); minute++) {
            Result slice = slices.get(minute);
            for (int second = 0; second < slice.perSecond().size(); second++) {
                seconds.add(new Second(minute, second + 1, slice.perSecond().get(second),
                        slice.startedAt().plusSeconds(second)));
            }
        }
        return seconds.stream()
                .sorted(Comparator.comparingLong((Second s) -> s.latencies().getValueAtPercentile(99)).reversed())
                .limit(SLOWEST_SECONDS)
                .map(s -> "| %d | %d | %.1f | %s | %s | %s |".formatted(s.minute(), s.second(),
                        s.latencies().getValueAtPercentile(99) / 1e6, pauses.inSecond(s.start()),
                        safepoints.inSecond(s.start()), waits.at(s.start())))
                .toList();
    }

    /** Sets one to three random hosts' comment and SLA in one batch_update_host. */
    private static Call batchUpdate(SeededHosts seeded) {
        int count = 1 + RANDOM.nextInt(3);
        int first = RANDOM.nextInt(seeded.ids().size());
        List<String> updates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long host = seeded.ids().get((first + i) % seeded.ids().size());
            updates.add("{\"bk_host_id\":" + host + ",\"properties\":{\"bk_comment\":\"soak " + RANDOM.nextInt(1000)
                    + "\",\"bk_sla\":\"" + (1 + RANDOM.nextInt(3)) + "\"}}");
        }
        return new Call(new RequestOptions().setMethod(HttpMethod.PUT).setURI("/api/v3/hosts/property/batch")
                .setIdleTimeout(LoadDriver.ANSWER_TIMEOUT_MILLIS)
                .putHeader("X-Bkapi-Authorization", ServerProcess.AUTHORIZATION).putHeader("Content-Type", "application/json"),
                Buffer.buffer("{\"update\":[" + String.join(",", updates) + "]}"));
    }

    /**
     * Replays every host's audit records in id order from its creation: each update's pre_data must
     * equal the state so far (stamps aside), and the replayed state must equal the host's document.
     */
    private static String replay(EmbeddedPostgres postgres) throws SQLException, IOException {
        Map<Long, Map<String, Object>> documents = new HashMap<>();
        Map<Long, Map<String, Object>> replayed = new HashMap<>();
        long records = 0;
        long mismatches = 0;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            // streamed: a soak leaves millions of audit records, more than the runner's heap holds at once
            connection.setAutoCommit(false);
            statement.setFetchSize(REPLAY_FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery("SELECT bk_host_id, doc::text FROM host")) {
                while (rows.next()) {
                    documents.put(rows.getLong(1), map(rows.getString(2)));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT resource_id, action, pre_data::text, cur_data::text,"
                    + " update_fields::text FROM audit_record WHERE resource_type = 'host' ORDER BY id")) {
                while (rows.next()) {
                    records++;
                    long host = rows.getLong(1);
                    if (rows.getString(2).equals("create")) {
                        replayed.put(host, map(rows.getString(4)));
                        continue;
                    }
                    Map<String, Object> state = replayed.get(host);
                    Map<String, Object> before = map(rows.getString(3));
                    if (state == null || !withoutStamps(before).equals(withoutStamps(state))) {
                        mismatches++;
                    }
                    if (state != null) {
                        state.putAll(map(rows.getString(5)));
                    }
                }
            }
        }
        for (Map.Entry<Long, Map<String, Object>> host : replayed.entrySet()) {
            if (!withoutStamps(host.getValue()).equals(withoutStamps(documents.get(host.getKey())))) {
                mismatches++;
            }
        }
        return "audit replay: %d hosts, %d records, %d mismatches (each pre_data against the replayed state, then each end state against the host)"
                .formatted(replayed.size(), records, mismatches);
    }

    /**
     * What the soak made PostgreSQL do: commits and rollbacks (a stale write of several hosts rolls
     * back what it had written), and for the host and audit tables the rows written, the dead rows
     * left and how often autovacuum and autoanalyze ran; to explain the minutes of the table.
     */
    private static String databaseActivity(EmbeddedPostgres postgres) throws SQLException {
        List<String> parts = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet database = statement.executeQuery(
                    "SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = current_database()")) {
                database.next();
                parts.add("%d commits, %d rollbacks".formatted(database.getLong(1), database.getLong(2)));
            }
            try (ResultSet tables = statement.executeQuery("SELECT s.relname, n_tup_ins, n_tup_upd, n_tup_hot_upd,"
                    + " n_dead_tup, autovacuum_count, autoanalyze_count, pg_relation_size(s.relid),"
                    + " coalesce(pg_total_relation_size(nullif(c.reltoastrelid, 0)), 0), pg_indexes_size(s.relid)"
                    + " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
                    + " WHERE s.relname IN ('host', 'audit_record') ORDER BY s.relname")) {
                while (tables.next()) {
                    parts.add(("%s: %d inserted, %d updated (%d HOT), %d dead now, %d autovacuums, %d autoanalyzes;"
                            + " %d MB of rows, %d MB of TOAST, %d MB of indexes")
                            .formatted(tables.getString(1), tables.getLong(2), tables.getLong(3), tables.getLong(4),
                                    tables.getLong(5), tables.getLong(6), tables.getLong(7), tables.getLong(8) >> 20,
                                    tables.getLong(9) >> 20, tables.getLong(10) >> 20));
                }
            }
        }
        return "database: " + String.join("; ", parts);
    }

    private static Map<String, Object> withoutStamps(Map<String, Object> document) {
        Map<String, Object> kept = new HashMap<>(Objects.requireNonNullElse(document, Map.of()));
        kept.keySet().removeAll(STAMPS);
        return kept;
    }

    private static Map<String, Object> map(String json) throws IOException {
        return json == null ? null : JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
    }

    private static void print(List<String> lines, String line) {
        lines.add(line);
        System.out.println(line);
    }
}
