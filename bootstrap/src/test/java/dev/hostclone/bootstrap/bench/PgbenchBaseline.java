package dev.hostclone.bootstrap.bench;

import dev.hostclone.bootstrap.bench.Seeder.SeededHosts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The database ceiling of a clone: {@code pgbench} sending the statements the PostgreSQL adapter
 * sends for one clone, with the values a real clone sends, at the same number of connections and
 * with the store's session settings:
 * <ol>
 *   <li>the read of source and destination with the model revision ({@code PostgresHosts.LOAD_BY_IDS}
 *       or, for half the clones as in the load, {@code PostgresHosts.FIND_BY_INNER_IP});</li>
 *   <li>the conditional update with its audit insert, one statement, holding the source as it was read
 *       ({@code HostUpdateStatements.UPDATE_COPYING}).</li>
 * </ol>
 * The changes and audit records are copied from the latest {@link #CLONES} clones the server wrote
 * (the load's warm-up leaves many), one script per clone and kind of read, drawn alike, so that
 * PostgreSQL parses, stores and logs as much per clone as it does behind the server: a host drawn
 * again mostly gets other values, as it would from another random source. {@link DatabaseWork}
 * checks that it did. A clone's changes are its update fields and the update stamp the adapter
 * writes with them ({@code last_time}, {@code bk_updated_at}, {@code bk_updated_by}:
 * {@code HostFields.withUpdateStamp}), the stamp as its destination holds it now; until 2026-12-05
 * they lacked the stamp, 110 bytes of JSON fewer than the server sent.
 *
 * <p>Each run first warms up as long as the clones' runs do ({@code LoadRun.warmup}), on the same
 * connections, and only the seconds after it count ({@code -P 1}, {@link #tpsAfter}): its backends
 * open, fill their caches and prepare their statements in the warm-up, as the server's long-lived
 * connections had before the clones' measured seconds. Until 2026-12-05 they did so in pgbench's
 * measured seconds, some 2.5 CPU-seconds for 128 backends in a 15 s run.
 *
 * <p>Simplifications, all in pgbench's favour: the expected versions are read inside the update
 * instead of carried over from the read (pgbench keeps no row of a two-row result; the source is
 * locked without comparing its version), the model
 * revision is fixed, the changes come from {@link #CLONES} clones rather than from the pair drawn,
 * and no JSON is decoded or planned in Java. The read builds its arrays from two parameters, and the
 * inner IPs from the host's index as the seeder does ({@link Seeder#ipOf}). One difference is in the
 * server's favour: under concurrency it sends several clones' reads on its shared keyed-read
 * connection in one write ({@code TimedPool}), where pgbench sends each read on its own connection.
 * Keep the scripts in step with the adapter's statements.
 */
final class PgbenchBaseline {

    /** The store's sessions plan their statements once, generically ({@code PostgresConnections.PLAN_CACHE_MODE}). */
    private static final String SESSION_OPTIONS = "-c plan_cache_mode=force_generic_plan";
    /**
     * How many of the server's clones lend their values, each to a script of its own (two: one per
     * kind of read; pgbench takes at most 128). With a single clone, as until 2026-11-29, a host's
     * second draw wrote a row equal to the old one but for its version, and PostgreSQL logged only the
     * bytes that changed: 2.2 kB of WAL per clone against the server's 3.0.
     */
    static final int CLONES = 16;
    /** A line of pgbench's progress report ({@code -P 1}): the end of its interval in seconds from the start, and its rate. */
    private static final Pattern PROGRESS = Pattern.compile("(?m)^progress: ([0-9.]+) s, ([0-9.]+) tps");

    /** Source and destination: distinct random hosts, by id and by index. */
    private static final String PAIR = """
            \\set source random(0, :hosts - 1)
            \\set destination (:source + 1 + random(0, :hosts - 2)) % :hosts
            \\set source_id :first + :source
            \\set destination_id :first + :destination
            """;
    private static final String READ_BY_ID = """
            SELECT m.revision, h.* FROM host_model_state m LEFT JOIN LATERAL \
            (SELECT bk_host_id, bk_biz_id, version, doc::text AS doc FROM host WHERE bk_host_id = ANY(ARRAY[:source_id, :destination_id]::bigint[])) h \
            ON true WHERE m.id = 1;
            """;
    /** {@link Seeder#ipOf}: the host at index i has inner IP 10.a.b.c with a.b.c the bytes of i + 1. */
    private static final String READ_BY_IP = """
            \\set s (:source + 1)
            \\set d (:destination + 1)
            \\set s1 (:s >> 16) & 255
            \\set s2 (:s >> 8) & 255
            \\set s3 :s & 255
            \\set d1 (:d >> 16) & 255
            \\set d2 (:d >> 8) & 255
            \\set d3 :d & 255
            SELECT m.revision, h.* FROM host_model_state m LEFT JOIN LATERAL \
            (SELECT bk_host_id, bk_biz_id, version, doc::text AS doc FROM host WHERE bk_host_id IN \
            (SELECT bk_host_id FROM host_inner_ip WHERE bk_cloud_id = 0 AND ip = ANY(ARRAY[\
            '10.' || CAST(:s1 AS text) || '.' || CAST(:s2 AS text) || '.' || CAST(:s3 AS text), \
            '10.' || CAST(:d1 AS text) || '.' || CAST(:d2 AS text) || '.' || CAST(:d3 AS text)]::text[])) \
            ORDER BY bk_host_id) h ON true WHERE m.id = 1;
            """;
    /** As the adapter, the lower of the two rows locked first ({@code HostUpdateStatements.UPDATE_COPYING_ONTO_LOWER}). */
    private static final String UPDATE = """
            \\if :source_id < :destination_id
            %3$s\\else
            %4$s\\endif
            """;
    private static final String SOURCE_FIRST = "source AS (SELECT 1 FROM host WHERE bk_host_id = :source_id FOR SHARE)";
    private static final String DESTINATION_FIRST = "destination AS (SELECT 1 FROM host WHERE bk_host_id = :destination_id"
            + " FOR NO KEY UPDATE), source AS (SELECT 1 FROM host WHERE bk_host_id = :source_id"
            + " AND EXISTS (SELECT 1 FROM destination) FOR SHARE)";
    private static final String COPYING_UPDATE = """
            WITH model AS (SELECT revision FROM host_model_state WHERE id = 1 AND revision = CAST(:revision AS bigint) FOR SHARE), \
            %3$s, \
            updated AS (UPDATE host h SET doc = h.doc || CAST(:changes_%1$s AS text)::jsonb, version = h.version + 1 \
            FROM (SELECT doc AS previous_doc, version AS previous_version FROM host WHERE bk_host_id = :destination_id) p \
            WHERE h.bk_host_id = :destination_id AND h.version = p.previous_version \
            AND EXISTS (SELECT 1 FROM model) AND EXISTS (SELECT 1 FROM source) \
            RETURNING h.bk_host_id, h.bk_biz_id, h.version, h.doc, p.previous_doc), \
            audit AS (INSERT INTO audit_record (audit_type, resource_type, action, bk_biz_id, resource_id, resource_name, \
            user_name, app_code, rid, operate_from, operation_time, pre_data, cur_data, update_fields) \
            SELECT %2$s FROM updated RETURNING id) \
            SELECT u.version, a.id AS audit_id FROM updated u CROSS JOIN audit a;
            """;

    /** The audit columns of a clone, in insert order, with the types of their parameters. */
    private static final String[][] AUDIT_COLUMNS = {
        {"audit_type", "text"}, {"resource_type", "text"}, {"action", "text"}, {"bk_biz_id", "bigint"},
        {"resource_id", "bigint"}, {"resource_name", "text"}, {"user_name", "text"}, {"app_code", "text"},
        {"rid", "text"}, {"operate_from", "text"}, {"operation_time", "timestamptz"}, {"pre_data", "jsonb"},
        {"cur_data", "jsonb"}, {"update_fields", "jsonb"}};

    private final EmbeddedPostgres postgres;
    private final Map<String, String> clientEnvironment;
    private final SeededHosts seeded;
    private final int warmupSeconds;

    /** {@code warmupSeconds}: how long each run runs before the seconds that count, as the clones' runs do. */
    PgbenchBaseline(BenchPostgres bench, SeededHosts seeded, int warmupSeconds) {
        this.postgres = bench.server();
        this.clientEnvironment = bench.clientEnvironment();
        this.seeded = seeded;
        this.warmupSeconds = warmupSeconds;
    }

    /**
     * Runs the clone statements for {@code seconds} over {@code clients} connections and measures
     * them. Call it after the server has cloned: it copies the latest clones' values.
     *
     * <p>pgbench copies a few clones' changes to every host it draws, so that afterwards most pairs of
     * hosts would agree and the server's clones would change little. The hosts' documents as they were
     * before the first run are put back after each.
     */
    Measured run(int clients, int seconds) throws IOException, InterruptedException, SQLException {
        LoadRun.requireTool("pgbench");
        return measured(clients, seconds, List.of(), "pgbench-" + clients + ".log");
    }

    /** Clones per second, what they cost PostgreSQL, and the share of the cores the hypervisor stole meanwhile. */
    record Measured(double clonesPerSecond, DatabaseWork.PerClone work, double stealPercent) {
    }

    /**
     * Runs the clone statements at a fixed {@code rate} per second for {@code seconds} over {@code clients}
     * connections ({@code pgbench -R}), and returns their latencies in nanoseconds, and what they cost
     * PostgreSQL (its WAL's syncs among it, the disk's part of their wait). As the load driver's,
     * each is counted from the time its transaction was due, not from when pgbench got to send it,
     * so that a stall shows in every transaction that waited behind it (pgbench's per-transaction
     * log, {@code -l}). What the database alone gives at the rate the clones ran at, to tell whether a
     * tail the clones miss a target by is the database's and its disk's too. No floor: pgbench costs
     * PostgreSQL about twice the server's CPU per clone, and its tail can be the longer.
     */
    Paced atRate(int clients, double rate, int seconds) throws IOException, InterruptedException, SQLException {
        LoadRun.requireTool("pgbench");
        Path logs = Files.createTempDirectory("hostclone-pgbench-log");
        try {
            Measured measured = measured(clients, seconds,
                    List.of("-R", "%.0f".formatted(rate), "-l", "--log-prefix=" + logs.resolve("tx")),
                    "pgbench-" + clients + "-rate.log");
            List<String> lines = new ArrayList<>();
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
                }
            }
            long measuredFrom = lines.stream().mapToLong(PgbenchBaseline::completedMicros).min().orElse(0)
                    + warmupSeconds * 1_000_000L;
            Histogram latencies = new Histogram(LoadDriver.MAX_LATENCY_NANOS, 3);
            for (String line : lines) {
                if (completedMicros(line) >= measuredFrom) {
                    latencies.recordValue(Math.min(LoadDriver.MAX_LATENCY_NANOS, transactionMicros(line) * 1000));
                }
            }
            return new Paced(latencies, measured.work(), measured.stealPercent());
        } finally {
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(logs);
        }
    }

    /**
     * Latencies at a fixed rate in nanoseconds, what the transactions cost PostgreSQL, and the share of
     * the cores the hypervisor stole meanwhile.
     */
    record Paced(Histogram latencies, DatabaseWork.PerClone work, double stealPercent) {
    }

    /**
     * One pgbench run with {@code options}: what it did, what it cost PostgreSQL and how much of the
     * cores the hypervisor stole, all read before the hosts are put back, which is no part of it.
     */
    private Measured measured(int clients, int seconds, List<String> options, String outputFile)
            throws IOException, InterruptedException, SQLException {
        DatabaseWork work = DatabaseWork.start(postgres);
        long stealBefore = MachineCpu.HERE.stealTicks();
        return restoringHosts(() -> new Measured(pgbench(clients, seconds, options, outputFile), work.perClone(),
                ProcessCpu.percentOfCores(MachineCpu.HERE.stealSince(stealBefore), warmupSeconds + seconds)));
    }

    /**
     * A line of pgbench's per-transaction log, {@code client transaction micros script epoch epoch_micros
     * [lag]}: the transaction's latency in microseconds, from when it was due when a rate is set.
     */
    static long transactionMicros(String line) {
        return Long.parseLong(transaction(line)[2]);
    }

    /** When the transaction of a line of pgbench's per-transaction log completed, in microseconds of the epoch. */
    static long completedMicros(String line) {
        String[] fields = transaction(line);
        return Long.parseLong(fields[4]) * 1_000_000L + Long.parseLong(fields[5]);
    }

    private static String[] transaction(String line) {
        String[] fields = line.strip().split(" ");
        if (fields.length < 6 || fields[2].equals("skipped")) {
            throw new IllegalStateException("not a transaction of pgbench's log: " + line);
        }
        return fields;
    }

    /**
     * The transactions per second of pgbench's progress report ({@code -P 1}) over the intervals that
     * end after {@code warmupSeconds}: the run's rate once warmed up.
     */
    static double tpsAfter(String output, int warmupSeconds) {
        Matcher progress = PROGRESS.matcher(output);
        double sum = 0;
        int intervals = 0;
        while (progress.find()) {
            if (Double.parseDouble(progress.group(1)) > warmupSeconds) {
                sum += Double.parseDouble(progress.group(2));
                intervals++;
            }
        }
        if (intervals == 0) {
            throw new IllegalStateException("no progress after " + warmupSeconds + " s in pgbench's output:\n" + output);
        }
        return sum / intervals;
    }

    /** A pgbench run, whose changes to the hosts are put back after it. */
    private interface PgbenchRun<T> {
        T run() throws IOException, InterruptedException, SQLException;
    }

    private <T> T restoringHosts(PgbenchRun<T> run) throws IOException, InterruptedException, SQLException {
        execute("CREATE UNLOGGED TABLE IF NOT EXISTS bench_host_doc AS SELECT bk_host_id, doc FROM host");
        T result = run.run();
        execute("UPDATE host h SET doc = b.doc, version = h.version + 1 FROM bench_host_doc b"
                + " WHERE h.bk_host_id = b.bk_host_id AND h.doc <> b.doc");
        execute("VACUUM ANALYZE host");
        return result;
    }

    /**
     * Runs pgbench with the clone scripts, warm-up first, and returns its transactions per second after it, once its backends
     * have exited, so that what they cost is counted ({@link DatabaseWork}) before anything else runs.
     */
    private double pgbench(int clients, int seconds, List<String> options, String outputFile)
            throws IOException, InterruptedException, SQLException {
        List<String> command = new ArrayList<>(List.of("pgbench", "-n", "-r", "-M", "prepared",
                "-h", "localhost", "-p", Integer.toString(postgres.getPort()), "-U", BenchPostgres.ROLE,
                "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)),
                "-T", Integer.toString(warmupSeconds + seconds), "-P", "1"));
        command.addAll(options);
        for (String update : updates(command)) {
            command.addAll(List.of("-f", script(PAIR + READ_BY_ID + update) + "@1", "-f", script(PAIR + READ_BY_IP + update) + "@1"));
        }
        define(command, "hosts", seeded.ids().size());
        define(command, "first", firstOfContiguousIds());
        command.add("postgres");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGOPTIONS", SESSION_OPTIONS);
        builder.environment().putAll(clientEnvironment);
        Process process = builder.start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Files.writeString(BenchOutput.file(outputFile), text);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + text);
        }
        awaitDisconnected();
        return tpsAfter(text, warmupSeconds);
    }

    /**
     * Defines the model revision, and the changes and audit values of each of the server's latest
     * {@link #CLONES} clones, as pgbench variables (suffixed with the clone's number); returns one
     * update statement per clone ({@link #update}).
     */
    private List<String> updates(List<String> command) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet revision = statement.executeQuery("SELECT revision FROM host_model_state WHERE id = 1")) {
                revision.next();
                define(command, "revision", revision.getLong(1));
            }
            List<String> updates = new ArrayList<>();
            try (ResultSet clone = statement.executeQuery("SELECT a.*, (a.update_fields || jsonb_build_object("
                    + "'last_time', h.doc -> 'last_time', 'bk_updated_at', h.doc -> 'bk_updated_at',"
                    + " 'bk_updated_by', h.doc -> 'bk_updated_by'))::text AS changes"
                    + " FROM audit_record a JOIN host h ON h.bk_host_id = a.resource_id WHERE a.resource_type = 'host'"
                    + " AND a.action = 'update' AND a.update_fields IS NOT NULL ORDER BY a.id DESC LIMIT " + CLONES)) {
                while (clone.next()) {
                    updates.add(update(clone, Integer.toString(updates.size()), command));
                }
            }
            if (updates.isEmpty()) {
                throw new IllegalStateException("no clone in the audit records yet; run clones before the baseline");
            }
            return updates;
        }
    }

    /**
     * The update statement copying one clone's values, defined as pgbench variables suffixed with
     * {@code suffix} (in the select list of its audit insert, a null is a literal).
     */
    private static String update(ResultSet clone, String suffix, List<String> command) throws SQLException {
        define(command, "changes_" + suffix, clone.getString("changes"));
        List<String> select = new ArrayList<>();
        for (String[] column : AUDIT_COLUMNS) {
            String name = column[0];
            String variable = name + "_" + suffix;
            String value = clone.getString(name);
            if (name.equals("resource_id")) {
                select.add("CAST(:destination_id AS bigint)");
            } else if (name.equals("pre_data")) {
                // as the adapter's statement: the row the update replaces, not a parameter
                select.add("previous_doc");
            } else if (value == null) {
                select.add("CAST(NULL AS " + column[1] + ")");
            } else {
                define(command, variable, value);
                // jsonb goes as text, parsed by the server, as the adapter sends it ($n::text::jsonb)
                select.add(column[1].equals("jsonb") ? "CAST(:" + variable + " AS text)::jsonb"
                        : "CAST(:" + variable + " AS " + column[1] + ")");
            }
        }
        String audit = String.join(", ", select);
        return UPDATE.formatted(suffix, audit, COPYING_UPDATE.formatted(suffix, audit, SOURCE_FIRST),
                COPYING_UPDATE.formatted(suffix, audit, DESTINATION_FIRST));
    }

    /** Waits until pgbench's backends have exited, so that their CPU is the postmaster's to report. */
    private void awaitDisconnected() throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet left = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgbench'")) {
                left.next();
                if (left.getLong(1) == 0) {
                    Thread.sleep(100);
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("pgbench's connections were still open 10 s after it ended");
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** pgbench draws hosts by index; the seeder created them in one run, so host i has id first + i. */
    private long firstOfContiguousIds() {
        long first = seeded.ids().get(0);
        for (int i = 0; i < seeded.ids().size(); i++) {
            if (seeded.ids().get(i) != first + i) {
                throw new IllegalStateException("seeded host ids are not contiguous in seeding order; pgbench draws ids from a range");
            }
        }
        return first;
    }

    private static String script(String text) throws IOException {
        Path script = Files.createTempFile("hostclone-clone", ".pgbench");
        script.toFile().deleteOnExit();
        Files.writeString(script, text, StandardCharsets.UTF_8);
        return script.toString();
    }

    private static void define(List<String> command, String name, Object value) {
        command.add("-D");
        command.add(name + "=" + value);
    }
}
