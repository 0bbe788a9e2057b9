package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.application.testing.CapturedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which process a data directory's pid file may be taken for a PostgreSQL left running: never one that is
 * not PostgreSQL on that directory, since a start stops what it finds. The case where one is found, a
 * server killed and the next started, runs whole in {@code MainProcessTest}. When it is stopped: not
 * while its pid file says it is starting, since that may be a crash recovery's replay, lost if stopped
 * (here a {@code sleep} stands in for it, its pid file written as PostgreSQL writes one).
 */
class OrphanedPostgresTest {

    @Test
    void givenNoPidFile_whenLooking_thenNoneIsFound(@TempDir Path dataDirectory) {
        assertThat(OrphanedPostgres.in(dataDirectory)).isEmpty();
    }

    @Test
    void givenAPidFileNamingAProcessThatIsNotPostgres_whenLooking_thenItIsLeftAlone(@TempDir Path dataDirectory)
            throws Exception {
        // the number a pid file holds can have gone to any process since: here, this test's own JVM
        Files.writeString(dataDirectory.resolve(Postmaster.PID_FILE), ProcessHandle.current().pid() + "\n"
                + dataDirectory + "\n");

        assertThat(OrphanedPostgres.in(dataDirectory)).isEmpty();
    }

    @Test
    void givenAPidFileNamingAProcessThatHasGone_whenLooking_thenNoneIsFound(@TempDir Path dataDirectory)
            throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Files.writeString(dataDirectory.resolve(Postmaster.PID_FILE), gone.pid() + "\n");

        assertThat(OrphanedPostgres.in(dataDirectory)).isEmpty();
    }

    @Test
    void givenAPidFileWithoutANumber_whenLooking_thenNoneIsFound(@TempDir Path dataDirectory) throws Exception {
        Files.writeString(dataDirectory.resolve(Postmaster.PID_FILE), "not a pid\n");

        assertThat(OrphanedPostgres.in(dataDirectory)).isEmpty();
    }

    @Test
    void givenOneStillStarting_whenStopped_thenItIsLetFinishFirst(@TempDir Path dataDirectory) throws Exception {
        Process postmaster = standIn();
        writePidFile(dataDirectory, postmaster, "starting");
        OrphanedPostgres orphan = new OrphanedPostgres(postmaster.toHandle(), dataDirectory);
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> orphan.stop(Duration.ofMinutes(1), Duration.ofMinutes(1)));
        try {
            assertThat(postmaster.waitFor(500, TimeUnit.MILLISECONDS)).as("stopped while starting").isFalse();

            writePidFile(dataDirectory, postmaster, "ready   ");

            stopping.get(30, TimeUnit.SECONDS);
            assertExited(postmaster);
        } finally {
            postmaster.destroyForcibly();
        }
    }

    @Test
    void givenOneThatIsReady_whenStopped_thenItIsStoppedWithoutWaitingForItsStart(@TempDir Path dataDirectory) throws Exception {
        Process postmaster = standIn();
        writePidFile(dataDirectory, postmaster, "ready   ");
        try (CapturedLog logged = CapturedLog.of(OrphanedPostgres.class)) {
            new OrphanedPostgres(postmaster.toHandle(), dataDirectory).stop(Duration.ofMinutes(1), Duration.ofMinutes(1));

            assertExited(postmaster);
            assertThat(logged.events()).extracting(ILoggingEvent::getFormattedMessage).as("never waited for its start")
                    .noneMatch(message -> message.contains("is still starting"));
        } finally {
            postmaster.destroyForcibly();
        }
    }

    @Test
    void givenOneStartingLongerThanItsPatience_whenStopped_thenItIsStoppedAnyway(@TempDir Path dataDirectory)
            throws Exception {
        Process postmaster = standIn();
        writePidFile(dataDirectory, postmaster, "starting");
        try {
            new OrphanedPostgres(postmaster.toHandle(), dataDirectory).stop(Duration.ofMillis(300), Duration.ofMinutes(1));

            assertExited(postmaster);
        } finally {
            postmaster.destroyForcibly();
        }
    }

    /**
     * The fast stop, which ends the sessions: the smart one waits for each, and a session an operator left open on
     * the orphan (psql, pg_dump, a standby's) kept it running and every start failing. The stand-in ignores SIGTERM,
     * as PostgreSQL's smart stop with a session open does not end, and ends at SIGINT: a shell, given SIGINT's default
     * first ({@code env --default-signal}), since a shell cannot trap a signal ignored when it started, as a build run
     * in the background without job control starts its tests.
     */
    @Test
    void givenOneWithASessionThatStaysOpen_whenStopped_thenItIsStoppedFastNotWaitedFor(@TempDir Path dataDirectory)
            throws Exception {
        Process postmaster = new ProcessBuilder("env", "--default-signal=INT", "sh", "-c",
                "trap '' TERM; trap 'exit 0' INT; echo trapping;"
                + " while :; do sleep 0.05; done").redirectErrorStream(true).start();
        try {
            assertThat(postmaster.inputReader().readLine()).as("its traps set").isEqualTo("trapping");
            writePidFile(dataDirectory, postmaster, "ready   ");

            new OrphanedPostgres(postmaster.toHandle(), dataDirectory).stop(Duration.ofMinutes(1), Duration.ofSeconds(20));

            assertExited(postmaster);
        } finally {
            postmaster.destroyForcibly();
        }
    }

    /**
     * The stand-in has exited: the stop waited for its handle's exit, which the {@link Process} learns of from its
     * own reaper thread a moment later, so {@code isAlive()} right after the stop can still say true on a busy
     * machine; the stand-in sleeps ten minutes, so a stop that did not end it still fails here.
     */
    private static void assertExited(Process postmaster) throws InterruptedException {
        assertThat(postmaster.waitFor(30, TimeUnit.SECONDS)).as("exited").isTrue();
    }

    /**
     * A process that lives until it is sent SIGINT or SIGTERM, as a PostgreSQL does: SIGINT's default given first
     * ({@code env --default-signal}), as for the session's stand-in above. A build started in the background without
     * job control (a CI script's {@code &}) starts its tests with SIGINT ignored, which a {@code sleep} inherits: until
     * 2026-12-07 it then outlived the fast stop, and three tests here failed after a minute each.
     */
    private static Process standIn() throws IOException {
        return new ProcessBuilder("env", "--default-signal=INT", "sleep", "600").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** A pid file as PostgreSQL writes one: pid, directory, start, port, socket directory, address, key, status. */
    private static void writePidFile(Path dataDirectory, Process postmaster, String status) throws IOException {
        Files.writeString(dataDirectory.resolve(Postmaster.PID_FILE), postmaster.pid() + "\n" + dataDirectory
                + "\n1764788000\n5432\n/tmp\nlocalhost\n  5432001    163840\n" + status + "\n");
    }
}
