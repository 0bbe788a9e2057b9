package dev.hostclone.bootstrap.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded PostgreSQL that outlived the server that started it. A server stops its PostgreSQL as it
 * stops; one killed (SIGKILL: the kernel's OOM killer, a container runtime or systemd whose stop timeout
 * ran out) cannot, and that PostgreSQL, a daemon of its own, runs on, holding the data directory. Every
 * later start then failed after 10 s with "Gave up waiting for server to start … Connection refused",
 * until someone found and stopped it by hand.
 *
 * <p>It is found by the process its {@code postmaster.pid} names: alive, a {@code postgres} program,
 * running on this data directory. Asked only while no server holds the directory's lock (see
 * {@link OpenStore}), so that a PostgreSQL of a server that runs is never taken for one. It is stopped
 * cleanly, as a server stops its own.
 */
final class OrphanedPostgres {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanedPostgres.class);

    private static final long POLL_MILLISECONDS = 100;
    private static final long SAY_EVERY_MILLISECONDS = 10_000;
    /** How long the shell's {@code kill} may take to send SIGINT, at a start in no hurry: past it, SIGTERM goes instead. */
    private static final Duration SIGNAL_WITHIN = Duration.ofSeconds(10);

    private final ProcessHandle postmaster;
    private final Path dataDirectory;

    OrphanedPostgres(ProcessHandle postmaster, Path dataDirectory) {
        this.postmaster = postmaster;
        this.dataDirectory = dataDirectory;
    }

    /** The PostgreSQL that runs on {@code dataDirectory}, if one does; the caller knows no server of ours runs it. */
    static Optional<OrphanedPostgres> in(Path dataDirectory) {
        return Postmaster.on(dataDirectory).map(process -> new OrphanedPostgres(process, dataDirectory));
    }

    /**
     * Stops it and waits until it has exited: SIGINT, PostgreSQL's fast stop, which ends the sessions and writes a
     * shutdown checkpoint, as a server stops its own ({@link EmbeddedPostgresStop#SHELL}). Until 2026-12-07 it was
     * SIGTERM, the smart stop, which waits for every session to end: one an operator had left open ({@code psql},
     * {@code pg_dump}, a standby's replication) kept it from stopping, and every start failed until that session
     * ended. Ended counts a zombie too, which nothing may reap ({@link Postmaster#ended}). ({@code pg_ctl} refuses
     * to run as root, which a container often is.) One still starting is first let finish, for up to
     * {@code startingPatience}: it may be replaying its WAL after a crash, and a replay stopped is lost
     * (a crash recovery makes no restartpoint). The next start would begin it again, and a server killed
     * during each such start (by a probe that gave up on it, say) would never come up: here a replay
     * stopped after 22 s began again at the same place.
     *
     * @throws IllegalStateException when it has not exited within {@code patience}, saying how to stop it by hand
     */
    void stop(Duration startingPatience, Duration patience) {
        LOG.warn("an embedded PostgreSQL (pid {}) still runs on {}, left by a server that stopped without stopping it"
                + " (killed, say): stopping it first", postmaster.pid(), dataDirectory);
        awaitTheEndOfItsStart(startingPatience);
        if (!EmbeddedPostgresStop.SHELL.fastStop(postmaster, SIGNAL_WITHIN)) {
            throw new IllegalStateException("the embedded PostgreSQL (pid " + postmaster.pid() + ") left running on "
                    + dataDirectory + " by a server that did not stop it cannot be stopped by this user: stop it (kill -INT "
                    + postmaster.pid() + " as its owner), then start again");
        }
        if (!EmbeddedPostgresStop.endsBy(postmaster, System.nanoTime() + patience.toNanos())) {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while stopping the embedded PostgreSQL left on " + dataDirectory);
            }
            throw new IllegalStateException("the embedded PostgreSQL (pid " + postmaster.pid() + ") left running on "
                    + dataDirectory + " by a server that did not stop it has not stopped within " + patience.toSeconds()
                    + " s of its stop: stop it (kill -INT " + postmaster.pid() + " as its owner), then start again");
        }
        LOG.info("the embedded PostgreSQL left on {} (pid {}) stopped", dataDirectory, postmaster.pid());
    }

    /** Waits while it lives and its pid file says it is starting, for up to {@code patience}. */
    private void awaitTheEndOfItsStart(Duration patience) {
        long began = System.nanoTime();
        long nextSaying = 0;
        while (!Postmaster.ended(postmaster) && Postmaster.starting(dataDirectory)) {
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            if (waited >= patience.toMillis()) {
                LOG.warn("the embedded PostgreSQL left on {} (pid {}) is still starting after {} s: stopping it anyway",
                        dataDirectory, postmaster.pid(), waited / 1000);
                return;
            }
            if (waited >= nextSaying) {
                nextSaying = waited + SAY_EVERY_MILLISECONDS;
                LOG.info("the embedded PostgreSQL left on {} (pid {}) is still starting (a recovery from a crash"
                        + " replays its WAL first): letting it finish before stopping it, so that the replay is kept",
                        dataDirectory, postmaster.pid());
            }
            try {
                Thread.sleep(POLL_MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the embedded PostgreSQL left on "
                        + dataDirectory + " to finish starting", e);
            }
        }
    }
}
