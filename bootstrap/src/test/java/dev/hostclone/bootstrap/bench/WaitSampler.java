package dev.hostclone.bootstrap.bench;

import static dev.hostclone.bootstrap.bench.MachineCpu.IDLE;
import static dev.hostclone.bootstrap.bench.MachineCpu.IOWAIT;
import static dev.hostclone.bootstrap.bench.MachineCpu.IRQ;
import static dev.hostclone.bootstrap.bench.MachineCpu.NICE;
import static dev.hostclone.bootstrap.bench.MachineCpu.SOFTIRQ;
import static dev.hostclone.bootstrap.bench.MachineCpu.STEAL;
import static dev.hostclone.bootstrap.bench.MachineCpu.SYSTEM;
import static dev.hostclone.bootstrap.bench.MachineCpu.USER;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What PostgreSQL and the machine were doing, second by second, while a phase of a run went on,
 * to hold a slow second of a fixed-rate run against: every {@link #EVERY_MILLIS} ms, what each
 * PostgreSQL process at work was waiting on ({@code pg_stat_activity}: a client backend running a
 * statement, a background process outside its idle loop; no wait event means on the CPU; a wait for
 * a relation's extension lock is named with the relation, from {@code pg_locks}), and each
 * second the machine's CPU split ({@code /proc/stat}: user, system, I/O wait, stolen by the
 * hypervisor, idle) and the shares of it the server, PostgreSQL, the load generator and the kernel's
 * DAMON ({@link Kdamond}) took ({@link ProcessCpu}, against the wall clock: see {@link #share}), so
 * that a busy second names who was busy, how often PostgreSQL synced its WAL and how long a sync
 * took on average ({@code pg_stat_wal}; the disk's part of each commit's wait) and the longest sync the
 * samples caught ({@link #syncsSeen}), the times its WAL buffers were full, when a backend must
 * write WAL itself before it can go on,
 * and the file data the kernel holds dirty or is writing back ({@code /proc/meminfo}), which it
 * flushes in bursts as it ages (30 s by default); all read every {@link #TICK_MILLIS} ms.
 *
 * <p>It polls on a thread of its own, over a connection of its own, with prepared statements: about a
 * hundred small queries a second, some 0.1 ms of PostgreSQL's CPU each on the machine of 2026-11-30.
 */
final class WaitSampler implements AutoCloseable {

    /** The Markdown header of the cells {@link #at} writes, after a report's own columns. */
    static final String COLUMNS = "PostgreSQL at work | machine CPU | WAL syncs | WAL buffers full | dirty file data |";
    /** The Markdown rule under {@link #COLUMNS}. */
    static final String RULE = "---|---|---|---|---|";
    /** What those cells mean, for the line above a report's table. */
    static final String LEGEND = "PostgreSQL's processes at work: the mean number per sample in each wait, CPU"
            + " meaning none, then the sample with the most waiting; the machine's CPU over the quarter seconds"
            + " around that second, and the shares of it the server, PostgreSQL, the load generator and the kernel's"
            + " kdamond took; the WAL's syncs a second over them, a sync's mean time, and the longest sync seen"
            + " in the second (one statement in the wait IO:WalSync in consecutive samples: at least that long);"
            + " the file data the kernel held dirty at their first and last, and the most it was writing back at"
            + " one of them";

    private static final long EVERY_MILLIS = 10;
    /** A process at work without a wait event: running, or waiting for a core. */
    private static final String ON_CPU = "CPU";
    /** A process waiting for the kernel to sync the WAL to the disk ({@code pg_stat_activity}). */
    private static final String WAL_SYNC = "IO:WalSync";
    /** How often the CPU split and the WAL counters are read: a second of the phase is then measured to a quarter. */
    private static final long TICK_MILLIS = 250;
    /** Processes at work: active client backends, and background processes not idle in their main loop. */
    private static final String AT_WORK = "SELECT backend_type, wait_event_type, wait_event, pid, query_start"
            + " FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
            + " AND (backend_type = 'client backend' AND state = 'active'"
            + " OR backend_type <> 'client backend' AND wait_event_type IS DISTINCT FROM 'Activity')";
    private static final String WAL_COUNTERS = "SELECT wal_buffers_full, wal_sync, wal_sync_time FROM pg_stat_wal";
    /** A relation's extension lock, which one backend holds while it adds pages and the others wait for. */
    private static final String EXTENSION_WAIT = "Lock:extend";
    /**
     * Which relation each backend waiting for an extension lock waits for: asked only when a sample
     * shows such a wait, as reading the lock table every 10 ms would cost the database more.
     */
    private static final String EXTENSION_WAITERS = "SELECT pid, relation::regclass::text FROM pg_locks"
            + " WHERE locktype = 'extend' AND NOT granted";
    /** Places in {@link Tick#processes}. */
    private static final int SERVER = 0;
    private static final int POSTGRES = 1;
    private static final int GENERATOR = 2;
    private static final int KDAMOND = 3;

    private final Connection connection;
    private final long server;
    private final long postmaster;
    private final long generator = ProcessHandle.current().pid();
    private final Thread thread;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Tick> ticks = new ArrayList<>();
    /** The WAL syncs the samples caught, found once when the sampling stops: every report reads after it. */
    private List<SyncSeen> syncsSeen = List.of();
    private volatile boolean running = true;
    private volatile Exception failure;

    private WaitSampler(Connection connection, long server, long postmaster) {
        this.connection = connection;
        this.server = server;
        this.postmaster = postmaster;
        this.thread = new Thread(this::poll, "wait-sampler");
        this.thread.setDaemon(true);
    }

    /** Starts sampling now; {@code server} is the pid of the server under load, whose CPU is told apart. */
    static WaitSampler start(EmbeddedPostgres postgres, long server) throws SQLException {
        WaitSampler sampler = new WaitSampler(postgres.getPostgresDatabase().getConnection(), server,
                ProcessCpu.postmaster(postgres));
        sampler.thread.start();
        return sampler;
    }

    private void poll() {
        // prepared: planning the view's query each time cost PostgreSQL 0.7 ms of CPU per sample, 0.1 ms prepared
        try (PreparedStatement atWorkQuery = connection.prepareStatement(AT_WORK);
             PreparedStatement walQuery = connection.prepareStatement(WAL_COUNTERS);
             PreparedStatement extensionQuery = connection.prepareStatement(EXTENSION_WAITERS)) {
            long nextTick = 0;
            while (running) {
                long now = System.currentTimeMillis();
                List<String> atWork = new ArrayList<>();
                List<Long> pids = new ArrayList<>();
                List<String> doing = new ArrayList<>();
                try (ResultSet rows = atWorkQuery.executeQuery()) {
                    while (rows.next()) {
                        String wait = rows.getString(2) == null ? ON_CPU : rows.getString(2) + ":" + rows.getString(3);
                        atWork.add(shortName(rows.getString(1)) + " " + wait);
                        pids.add(rows.getLong(4));
                        doing.add(rows.getLong(4) + " " + rows.getString(5));
                    }
                }
                if (atWork.stream().anyMatch(work -> work.endsWith(EXTENSION_WAIT))) {
                    nameExtendedRelations(extensionQuery, atWork, pids);
                }
                if (now >= nextTick) {
                    tick(walQuery, now);
                    nextTick = now + TICK_MILLIS;
                }
                synchronized (this) {
                    samples.add(new Sample(now, atWork, doing));
                }
                TimeUnit.MILLISECONDS.sleep(Math.max(0, now + EVERY_MILLIS - System.currentTimeMillis()));
            }
            tick(walQuery, System.currentTimeMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException | IOException | RuntimeException e) {
            failure = e;
        }
    }

    private void tick(PreparedStatement walQuery, long now) throws SQLException, IOException {
        try (ResultSet wal = walQuery.executeQuery()) {
            wal.next();
            synchronized (this) {
                long[] processes = {ProcessCpu.ofProcess(server), ProcessCpu.ofTree(postmaster),
                    ProcessCpu.ofProcess(generator), Kdamond.HERE.ticks()};
                ticks.add(new Tick(now, MachineCpu.HERE.ticks(), processes, wal.getLong(1),
                        new DatabaseWork.WalSyncs(wal.getLong(2), wal.getDouble(3)), PageCache.read()));
            }
        }
    }

    /**
     * Each extension-lock wait named with its relation ({@code Lock:extend on audit_record}), when it
     * still waits as the lock table is read: which table or index many writers add pages to at once.
     */
    private static void nameExtendedRelations(PreparedStatement extensionQuery, List<String> atWork, List<Long> pids)
            throws SQLException {
        Map<Long, String> relations = new HashMap<>();
        try (ResultSet rows = extensionQuery.executeQuery()) {
            while (rows.next()) {
                relations.put(rows.getLong(1), rows.getString(2));
            }
        }
        for (int i = 0; i < atWork.size(); i++) {
            String relation = relations.get(pids.get(i));
            if (relation != null && atWork.get(i).endsWith(EXTENSION_WAIT)) {
                atWork.set(i, atWork.get(i) + " on " + relation);
            }
        }
    }

    private static String shortName(String backendType) {
        return "client backend".equals(backendType) ? "backend" : backendType.replace(' ', '-');
    }

    /**
     * Stops sampling, and returns the phase second by second from {@code start}, for {@code seconds}
     * seconds, one line each (see {@link #at}).
     */
    List<String> finish(Instant start, int seconds) throws InterruptedException {
        stop();
        List<String> lines = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            lines.add(at(start.plusSeconds(second)));
        }
        return lines;
    }

    /**
     * The second from {@code start} as table cells: the mean number of PostgreSQL processes in each
     * state per sample (the most frequent first), the machine's CPU split over the ticks around that
     * second, the WAL's syncs and the WAL buffers full in it.
     */
    synchronized String at(Instant start) {
        if (failure != null) {
            throw new IllegalStateException("the wait sampler failed", failure);
        }
        long begin = start.toEpochMilli();
        long end = begin + 1000;
        return waits(samples.stream().filter(s -> s.at() >= begin && s.at() < end).toList()) + " | "
                + machine(begin, end, longestIn(syncsSeen, begin, end));
    }

    /**
     * The mean number of processes in each state per sample, the most frequent first; then the
     * sample with the most processes waiting on something other than the CPU, whose states a mean
     * over the second hides when the stall is shorter than it.
     */
    private static String waits(List<Sample> in) {
        if (in.isEmpty()) {
            return "no samples";
        }
        Sample mostWaiting = in.stream().max(Comparator.comparingLong(WaitSampler::waiting)).orElseThrow();
        return in.size() + " samples: " + byFrequency(in.stream().flatMap(s -> s.atWork().stream()),
                count -> "%.2f".formatted((double) count / in.size()))
                + (waiting(mostWaiting) == 0 ? "" : "; most waiting at %s: %s".formatted(
                        LocalTime.ofInstant(Instant.ofEpochMilli(mostWaiting.at()), ZoneOffset.UTC),
                        byFrequency(mostWaiting.atWork().stream(), String::valueOf)));
    }

    private static long waiting(Sample sample) {
        return sample.atWork().stream().filter(state -> !state.endsWith(" " + ON_CPU)).count();
    }

    private static String byFrequency(Stream<String> states, Function<Long, String> count) {
        return states.collect(Collectors.groupingBy(state -> state, TreeMap::new, Collectors.counting()))
                .entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .map(e -> e.getKey() + " " + count.apply(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /**
     * The machine's cells between the last tick at or before {@code begin} and the first at or after
     * {@code end}: the CPU split, the WAL's syncs (then {@code longestSync}), the WAL buffers full, and
     * the dirty file data.
     */
    private String machine(long begin, long end, Optional<SyncSeen> longestSync) {
        Span span = span(begin, end);
        if (span == null) {
            return "no CPU figures | " + longestSync.map(sync -> "the longest seen " + sync).orElse("") + " | | ";
        }
        Tick first = span.first();
        Tick last = span.last();
        long[] delta = new long[STEAL + 1];
        long total = 0;
        for (int i = 0; i < delta.length; i++) {
            delta[i] = last.cpu()[i] - first.cpu()[i];
            total += delta[i];
        }
        double all = Math.max(1, total);
        long writingBack = ticks.stream().filter(tick -> tick.at() >= first.at() && tick.at() <= last.at())
                .mapToLong(tick -> tick.pageCache().writebackKilobytes()).max().orElseThrow();
        return ("user %.0f %%, system %.0f %%, I/O wait %.0f %%, steal %.0f %%, idle %.0f %%; server %.0f %%,"
                + " PostgreSQL %.0f %%, generator %.0f %%, kdamond %.0f %% over %.2f s | %s%s | %d | %s → %s MB,"
                + " up to %s MB under writeback")
                .formatted(100 * (delta[USER] + delta[NICE]) / all,
                        100 * (delta[SYSTEM] + delta[IRQ] + delta[SOFTIRQ]) / all, 100 * delta[IOWAIT] / all,
                        100 * delta[STEAL] / all, 100 * delta[IDLE] / all,
                        share(span, SERVER), share(span, POSTGRES), share(span, GENERATOR), share(span, KDAMOND),
                        span.seconds(), span.walSyncs().perSecond(span.seconds()),
                        longestSync.map(sync -> "; the longest seen " + sync).orElse(""),
                        last.walBuffersFull() - first.walBuffersFull(), megabytes(first.pageCache().dirtyKilobytes()),
                        megabytes(last.pageCache().dirtyKilobytes()), megabytes(writingBack));
    }

    /**
     * The WAL syncs the samples caught: each one statement (a backend's pid and the statement's start;
     * a background process's pid) in {@link #WAL_SYNC} in two or more samples running, as long at least
     * as the first and last of them lie apart. A mean per second hides a single slow sync, which every
     * commit behind it waits for. The statement's start is what tells one slow sync from two quick
     * ones: at 2,000 syncs a second of 0.25 ms, a backend is in one about a sixteenth of the time, so
     * the same backend caught syncing in two samples running happened every second by chance, at the
     * COMMITs of different clones. A sync seen in one sample only says nothing of its length.
     */
    static List<SyncSeen> syncsSeen(List<Sample> samples) {
        String syncing = " " + WAL_SYNC;
        Map<String, SyncSeen> going = new HashMap<>();
        List<SyncSeen> seen = new ArrayList<>();
        for (Sample sample : samples) {
            Map<String, SyncSeen> still = new HashMap<>();
            for (int i = 0; i < sample.atWork().size(); i++) {
                String work = sample.atWork().get(i);
                if (work.endsWith(syncing)) {
                    String statement = sample.doing().get(i);
                    SyncSeen before = going.get(statement);
                    String process = work.substring(0, work.length() - syncing.length());
                    still.put(statement, before == null ? new SyncSeen(process, sample.at(), sample.at(), 1)
                            : before.seenAgainAt(sample.at()));
                }
            }
            going.forEach((statement, sync) -> {
                if (!still.containsKey(statement)) {
                    seen.add(sync);
                }
            });
            going = still;
        }
        seen.addAll(going.values());
        return seen.stream().filter(sync -> sync.samples() > 1).toList();
    }

    /**
     * The longest of {@code syncs} that went on between {@code begin} and {@code end}; a sync across a
     * second's edge counts whole in both.
     */
    static Optional<SyncSeen> longestIn(List<SyncSeen> syncs, long begin, long end) {
        return syncs.stream()
                .filter(sync -> sync.to() >= begin && sync.from() < end)
                .max(Comparator.comparingLong(SyncSeen::millis));
    }

    /** From the last tick at or before {@code begin} to the first at or after {@code end}; null when either is missing. */
    private Span span(long begin, long end) {
        Tick first = null;
        Tick last = null;
        for (Tick tick : ticks) {
            if (tick.at() <= begin) {
                first = tick;
            }
            if (tick.at() >= end && last == null) {
                last = tick;
            }
        }
        return first == null || last == null ? null : new Span(first, last);
    }

    /**
     * The WAL's syncs over a phase of {@code seconds} from {@code start}: how many a second and their
     * mean time, with the lowest and highest of its seconds' means and the longest sync seen, for the
     * line beside its table.
     */
    synchronized String walSyncs(Instant start, int seconds) {
        long begin = start.toEpochMilli();
        Span phase = span(begin, begin + seconds * 1000L);
        if (phase == null) {
            return "no WAL figures";
        }
        DoubleSummaryStatistics means = IntStream.range(0, seconds)
                .mapToObj(second -> span(begin + second * 1000L, begin + (second + 1) * 1000L))
                .filter(Objects::nonNull)
                .mapToDouble(second -> second.walSyncs().meanMillis())
                .filter(mean -> !Double.isNaN(mean))
                .summaryStatistics();
        return phase.walSyncs().perSecond(phase.seconds()) + (means.getCount() == 0 ? ""
                : ", a second's mean %.2f to %.2f ms".formatted(means.getMin(), means.getMax()))
                + longestIn(syncsSeen, begin, begin + seconds * 1000L).map(sync -> ", the longest seen " + sync)
                        .orElse("");
    }

    /**
     * The percentage of the machine that one process took between two ticks: its CPU time over the
     * wall-clock time those ticks lie apart times the cores, not over the ticks {@code /proc/stat}
     * counted meanwhile. On the virtual machine of 2026-12-01 those disagreed with the wall clock under
     * a fixed-rate load (263 ticks a second for two cores in one reading, against 200 when idle, and in
     * other seconds few enough that the three processes' shares summed to 130 %), while each
     * process's own time, which the kernel keeps from its scheduler, agreed with {@code top}.
     */
    private static double share(Span span, int process) {
        // never below 0: a kdamond started between the two ticks (DAMON turned off and on) counts from none
        return ProcessCpu.percentOfCores(
                Math.max(0, span.last().processes()[process] - span.first().processes()[process]), span.seconds());
    }

    private static String megabytes(long kilobytes) {
        return "%.1f".formatted(kilobytes / 1024.0);
    }

    /**
     * Stops the polling thread after its last reading, and finds the syncs it caught; what it read
     * stays to be asked for.
     */
    void stop() throws InterruptedException {
        running = false;
        thread.join();
        synchronized (this) {
            syncsSeen = syncsSeen(samples);
        }
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        stop();
        connection.close();
    }

    /**
     * One reading of the processes at work: what each waited on, and in the same order what each was
     * doing: its pid and the start of its statement ({@code null} for a background process).
     */
    record Sample(long at, List<String> atWork, List<String> doing) {
    }

    /** A statement of a {@code process} seen in a WAL sync from one sample to another, {@code samples} in all. */
    record SyncSeen(String process, long from, long to, int samples) {

        SyncSeen seenAgainAt(long at) {
            return new SyncSeen(process, from, at, samples + 1);
        }

        /** How long the sync went on at least: from the first sample that saw it to the last. */
        long millis() {
            return to - from;
        }

        @Override
        public String toString() {
            return "%d ms or more (%s, %d samples from %s)".formatted(millis(), process, samples,
                    LocalTime.ofInstant(Instant.ofEpochMilli(from), ZoneOffset.UTC));
        }
    }

    /** {@code cpu}: /proc/stat's columns; {@code processes}: the server's, PostgreSQL's, the generator's and kdamond's ticks. */
    private record Tick(long at, long[] cpu, long[] processes, long walBuffersFull, DatabaseWork.WalSyncs walSyncs,
                        PageCache pageCache) {
    }

    /** Two ticks, and what the counters they read did between them. */
    private record Span(Tick first, Tick last) {

        double seconds() {
            return (last.at() - first.at()) / 1000.0;
        }

        DatabaseWork.WalSyncs walSyncs() {
            return last.walSyncs().since(first.walSyncs());
        }
    }

    /** File data the kernel holds dirty, and is writing back, in kB ({@code /proc/meminfo}, proc(5)). */
    private record PageCache(long dirtyKilobytes, long writebackKilobytes) {

        static PageCache read() throws IOException {
            try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
                Map<String, Long> kilobytes = lines.map(line -> line.split("\\s+"))
                        .filter(fields -> fields[0].equals("Dirty:") || fields[0].equals("Writeback:"))
                        .collect(Collectors.toMap(fields -> fields[0], fields -> Long.parseLong(fields[1])));
                return new PageCache(kilobytes.get("Dirty:"), kilobytes.get("Writeback:"));
            }
        }
    }
}
