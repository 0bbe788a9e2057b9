package dev.hostclone.bootstrap.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What PostgreSQL spent per clone over one phase of a run: CPU (every PostgreSQL process: backends,
 * including those that exited, WAL writer, checkpointer, autovacuum) and WAL written by statements
 * ({@code pg_stat_statements}) with the full-page images in it (the first change of a page after a
 * checkpoint logs the whole page, up to 8 kB), and how often the WAL was synced to disk
 * ({@code pg_stat_wal}: a commit waits for one, and one sync serves every commit written before it,
 * so fewer than one per clone is commits sharing them) and how long a sync took on average ({@code wal_sync_time}, which
 * {@link BenchPostgres} has PostgreSQL keep): the disk's part of every commit's wait. A clone is one
 * execution of the host update; every clone of the load and of pgbench sends exactly one. Comparing
 * the server's phase with pgbench's shows whether the database baseline asks PostgreSQL for the same
 * work as the server does.
 *
 * <p>CPU comes from {@code /proc} (Linux, see {@link ProcessCpu}).
 */
final class DatabaseWork {

    /** Counts the clone's update, the adapter's or pgbench's (not the baseline's restore of the documents). */
    private static final String UPDATES_AND_WAL = "SELECT coalesce(sum(calls) FILTER (WHERE query LIKE '%UPDATE host h SET doc = h.doc ||%'), 0),"
            + " coalesce(sum(wal_bytes), 0), coalesce(sum(wal_fpi), 0) FROM pg_stat_statements";
    /**
     * Syncs of the WAL by any process, backends and WAL writer alike, and the milliseconds they took,
     * since the statistics were last reset.
     */
    private static final String WAL_SYNCS = "SELECT wal_sync, wal_sync_time FROM pg_stat_wal";

    private final EmbeddedPostgres postgres;
    private final long postmaster;
    private long ticksAtStart;
    private WalSyncs walSyncsAtStart;

    private DatabaseWork(EmbeddedPostgres postgres, long postmaster) {
        this.postgres = postgres;
        this.postmaster = postmaster;
    }

    /** Starts counting now. */
    static DatabaseWork start(EmbeddedPostgres postgres) throws SQLException, IOException {
        DatabaseWork work = new DatabaseWork(postgres, ProcessCpu.postmaster(postgres));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
            work.walSyncsAtStart = walSyncs(statement);
        }
        work.ticksAtStart = ProcessCpu.ofTree(work.postmaster);
        return work;
    }

    /** PostgreSQL's CPU, statement WAL and WAL syncs per clone, and a sync's mean time, since {@link #start}. */
    PerClone perClone() throws SQLException, IOException {
        double seconds = (ProcessCpu.ofTree(postmaster) - ticksAtStart) / ProcessCpu.TICKS_PER_SECOND;
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            long clones;
            double walBytes;
            double fullPages;
            try (ResultSet totals = statement.executeQuery(UPDATES_AND_WAL)) {
                totals.next();
                clones = totals.getLong(1);
                walBytes = totals.getDouble(2);
                fullPages = totals.getDouble(3);
            }
            double per = Math.max(1, clones);
            WalSyncs syncs = walSyncs(statement).since(walSyncsAtStart);
            return new PerClone(clones, seconds * 1e6 / per, walBytes / per, fullPages / per, syncs.count() / per,
                    syncs.meanMillis());
        }
    }

    private static WalSyncs walSyncs(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery(WAL_SYNCS)) {
            row.next();
            return new WalSyncs(row.getLong(1), row.getDouble(2));
        }
    }

    /** A count of WAL syncs and the milliseconds they took together ({@code pg_stat_wal}). */
    record WalSyncs(long count, double millis) {

        WalSyncs since(WalSyncs earlier) {
            return new WalSyncs(count - earlier.count, millis - earlier.millis);
        }

        /** A sync's mean time in milliseconds; NaN when there was none. */
        double meanMillis() {
            return count == 0 ? Double.NaN : millis / count;
        }

        /** As a report shows them: how many a second over {@code seconds}, and the mean. */
        String perSecond(double seconds) {
            return count == 0 ? "none" : "%.0f/s of %.2f ms".formatted(count / seconds, meanMillis());
        }
    }

    /**
     * Per clone: PostgreSQL CPU in µs, statement WAL in bytes, the full-page images among it and syncs
     * of the WAL, over {@code clones} clones; and a sync's mean time in milliseconds (NaN when none was
     * made).
     */
    record PerClone(long clones, double cpuMicros, double walBytes, double fullPages, double walSyncs,
            double walSyncMillis) {

        @Override
        public String toString() {
            if (clones == 0) {
                return "no clone wrote (every one found its destination as it would have left it)";
            }
            return "%.0f µs CPU, %.1f kB WAL (%.2f full pages), %.2f WAL syncs%s".formatted(cpuMicros,
                    walBytes / 1000, fullPages, walSyncs,
                    Double.isNaN(walSyncMillis) ? "" : " of %.2f ms".formatted(walSyncMillis));
        }
    }
}
