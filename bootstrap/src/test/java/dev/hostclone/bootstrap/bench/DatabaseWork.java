package dev.hostclone.bootstrap.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * What PostgreSQL spent per clone over one phase of a run: CPU (every PostgreSQL process: backends,
 * including those that exited, WAL writer, checkpointer, autovacuum) and WAL written by statements
 * ({@code pg_stat_statements}). A clone is one execution of the host update; every clone of the load
 * and of pgbench sends exactly one. Comparing the server's phase with pgbench's shows whether the
 * database baseline asks PostgreSQL for the same work as the server does.
 *
 * <p>CPU comes from {@code /proc} (Linux): the postmaster's own time, the time of its children that
 * exited ({@code cutime}, {@code cstime}) and of those still running, in clock ticks.
 */
final class DatabaseWork {

    /** Counts the clone's update, the adapter's or pgbench's (not the baseline's restore of the documents). */
    private static final String UPDATES_AND_WAL = "SELECT coalesce(sum(calls) FILTER (WHERE query LIKE '%UPDATE host h SET doc = h.doc ||%'), 0),"
            + " coalesce(sum(wal_bytes), 0) FROM pg_stat_statements";
    /** USER_HZ: the unit of the CPU times in /proc/[pid]/stat, 100 on every mainstream Linux. */
    private static final double TICKS_PER_SECOND = 100;

    private final EmbeddedPostgres postgres;
    private final long postmaster;
    private long ticksAtStart;

    private DatabaseWork(EmbeddedPostgres postgres, long postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    /** Starts counting now. */
    static DatabaseWork start(EmbeddedPostgres postgres) throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            long pid = backend.getLong(1);
            // while this connection's backend lives: its parent is the postmaster
            long postmaster = ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                    .orElseThrow(() -> new IllegalStateException("no postmaster above backend " + pid)).pid();
            statement.execute("SELECT pg_stat_statements_reset()");
            DatabaseWork work = new DatabaseWork(postgres, postmaster);
            work.ticksAtStart = work.ticks();
            return work;
        }
    }

    /** PostgreSQL's CPU and statement WAL per clone since {@link #start}. */
    PerClone perClone() throws SQLException, IOException {
        double seconds = (ticks() - ticksAtStart) / TICKS_PER_SECOND;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet totals = statement.executeQuery(UPDATES_AND_WAL)) {
            totals.next();
            long clones = totals.getLong(1);
            double per = Math.max(1, clones);
            return new PerClone(clones, seconds * 1e6 / per, totals.getDouble(2) / per);
        }
    }

    private long ticks() throws IOException {
        List<String> own = stat(postmaster);
        // utime, stime, cutime, cstime: fields 14 to 17 of /proc/[pid]/stat
        long ticks = Long.parseLong(own.get(13)) + Long.parseLong(own.get(14)) + Long.parseLong(own.get(15))
                + Long.parseLong(own.get(16));
        for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
            try {
                List<String> fields = stat(child.pid());
                ticks += Long.parseLong(fields.get(13)) + Long.parseLong(fields.get(14));
            } catch (IOException exited) {
                // gone since listed: the postmaster's cutime and cstime count it from now on
            }
        }
        return ticks;
    }

    /** The fields of /proc/[pid]/stat, numbered from 1 in proc(5), here from 0; the command is field 2. */
    private static List<String> stat(long pid) throws IOException {
        String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // the command may hold spaces and parentheses: the fields after it start past the last ')'
        String afterCommand = line.substring(line.lastIndexOf(')') + 2);
        List<String> fields = new java.util.ArrayList<>(List.of("pid", "comm"));
        fields.addAll(List.of(afterCommand.trim().split(" ")));
        return fields;
    }

    /** Per clone: PostgreSQL CPU in µs and statement WAL in bytes, over {@code clones} clones. */
    record PerClone(long clones, double cpuMicros, double walBytes) {

        @Override
        public String toString() {
            return "%.0f µs CPU, %.1f kB WAL".formatted(cpuMicros, walBytes / 1000);
        }
    }
}
