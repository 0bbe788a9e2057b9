package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reasons a failed start of the embedded PostgreSQL gives, and whether {@code pg_ctl} said the
 * server stopped, read from what its programs printed: each output below is one they printed here, on
 * PostgreSQL 17 ({@code EmbeddedPostgresFailedStartTest} fails a real start); and the name of its file.
 */
class EmbeddedPostgresOutputTest {

    @Test
    void givenAConfigurationFileWithAnUnknownSetting_whenRead_thenTheLineAndTheFatalAreTheReasons() {
        assertThat(EmbeddedPostgresOutput.reasons(List.of(
                "waiting for server to start....2026-12-03 18:26:22.145 GMT [29434] LOG:  unrecognized configuration"
                        + " parameter \"shared_bufers\" in file \"/data/postgresql.auto.conf\" line 4",
                "2026-12-03 18:26:22.145 GMT [29434] FATAL:  configuration file \"/data/postgresql.auto.conf\" contains errors",
                " stopped waiting",
                "pg_ctl: could not start server",
                "Examine the log output.")))
                .containsExactly(
                        "LOG: unrecognized configuration parameter \"shared_bufers\" in file \"/data/postgresql.auto.conf\" line 4",
                        "FATAL: configuration file \"/data/postgresql.auto.conf\" contains errors");
    }

    @Test
    void givenTooLittleMemoryForTheBuffers_whenRead_thenTheFatalAndItsHintAreTheReasonsAndNotTheShutDown() {
        assertThat(EmbeddedPostgresOutput.reasons(List.of(
                "waiting for server to start....2026-12-03 18:26:33.652 UTC [29484] LOG:  starting PostgreSQL 17.7 on"
                        + " x86_64-pc-linux-gnu, compiled by gcc",
                "2026-12-03 18:26:33.652 UTC [29484] LOG:  listening on IPv4 address \"127.0.0.1\", port 39707",
                "2026-12-03 18:26:33.652 UTC [29484] FATAL:  could not map anonymous shared memory: Cannot allocate memory",
                "2026-12-03 18:26:33.652 UTC [29484] HINT:  This error usually means that PostgreSQL's request for a"
                        + " shared memory segment exceeded available memory, swap space, or huge pages.",
                "2026-12-03 18:26:33.652 UTC [29484] LOG:  database system is shut down",
                " stopped waiting",
                "pg_ctl: could not start server")))
                .containsExactly(
                        "FATAL: could not map anonymous shared memory: Cannot allocate memory",
                        "HINT: This error usually means that PostgreSQL's request for a shared memory segment exceeded"
                                + " available memory, swap space, or huge pages.");
    }

    @Test
    void givenInitdbRefusedTheDirectory_whenRead_thenItsErrorAndHintAreTheReasons() {
        assertThat(EmbeddedPostgresOutput.reasons(List.of(
                "The files belonging to this database system will be owned by user \"nobody\".",
                "initdb: error: directory \"/data\" exists but is not empty",
                "initdb: hint: If you want to create a new database system, either remove or empty the directory"
                        + " \"/data\" or run initdb with an argument other than \"/data\".")))
                .containsExactly(
                        "initdb error: directory \"/data\" exists but is not empty",
                        "initdb hint: If you want to create a new database system, either remove or empty the"
                                + " directory \"/data\" or run initdb with an argument other than \"/data\".");
    }

    @Test
    void givenAFailureAfterTheLogWentToItsFiles_whenRead_thenTheReasonsSayWhereToLook() {
        assertThat(EmbeddedPostgresOutput.reasons(List.of(
                "waiting for server to start....2026-12-03 18:25:20.292 UTC [29339] LOG:  redirecting log output to"
                        + " logging collector process",
                "2026-12-03 18:25:20.292 UTC [29339] HINT:  Future log output will appear in directory \"log\".",
                " stopped waiting",
                "pg_ctl: could not start server")))
                .containsExactly("LOG: redirecting log output to logging collector process",
                        "HINT: Future log output will appear in directory \"log\".");
    }

    /** What a start printed, then what its log file holds, when a crash recovery could not write its WAL on a full disk. */
    private static final List<String> REDIRECTED = List.of(
            "waiting for server to start....2026-12-05 04:54:48.812 UTC [22700] LOG:  redirecting log output to"
                    + " logging collector process",
            "2026-12-05 04:54:48.812 UTC [22700] HINT:  Future log output will appear in directory \"log\".",
            " stopped waiting",
            "pg_ctl: could not start server");
    private static final List<String> RECOVERY_ON_A_FULL_DISK = List.of(
            "2026-12-05 04:54:32.749 UTC [17220] FATAL:  could not write to file \"pg_wal/xlogtemp.17220\": No space left"
                    + " on device",
            "2026-12-05 04:54:32.753 UTC [779] LOG:  database system is shut down",
            "2026-12-05 04:54:48.813 UTC [22700] LOG:  starting PostgreSQL 17.7 on x86_64-pc-linux-gnu, compiled by gcc",
            "2026-12-05 04:54:48.813 UTC [22700] LOG:  listening on IPv4 address \"127.0.0.1\", port 34621",
            "2026-12-05 04:54:48.817 UTC [22719] LOG:  database system was interrupted while in recovery at 2026-12-05"
                    + " 04:54:32 UTC",
            "2026-12-05 04:54:48.817 UTC [22719] HINT:  This probably means that some data is corrupted and you will have"
                    + " to use the last backup for recovery.",
            "2026-12-05 04:54:48.826 UTC [22719] LOG:  database system was not properly shut down; automatic recovery in"
                    + " progress",
            "2026-12-05 04:54:48.826 UTC [22719] LOG:  redo starts at 0/14D8A58",
            "2026-12-05 04:54:48.906 UTC [22719] FATAL:  could not write to file \"pg_wal/xlogtemp.22719\": No space left"
                    + " on device",
            "2026-12-05 04:54:48.907 UTC [22700] LOG:  startup process (PID 22719) exited with exit code 1",
            "2026-12-05 04:54:48.908 UTC [22700] LOG:  shutting down due to startup process failure",
            "2026-12-05 04:54:48.912 UTC [22700] LOG:  database system is shut down");

    @Test
    void givenALogFile_whenAskedWhyTheServerStopped_thenItsFatalLinesWithTheirDetailAndHintAndNotItsProgress() {
        assertThat(EmbeddedPostgresOutput.stoppedBecause(List.of(
                "2026-12-05 04:54:48.817 UTC [22719] LOG:  database system was interrupted while in recovery",
                "2026-12-05 04:54:48.817 UTC [22719] HINT:  This probably means that some data is corrupted.",
                "2026-12-05 04:54:48.906 UTC [22719] FATAL:  could not write to file \"pg_wal/x\": No space left on device",
                "2026-12-05 04:54:48.906 UTC [22719] DETAIL:  a detail",
                "2026-12-05 04:54:48.906 UTC [22719] HINT:  a hint",
                "2026-12-05 04:54:48.907 UTC [22700] LOG:  startup process (PID 22719) exited with exit code 1",
                "2026-12-05 04:54:48.907 UTC [22700] HINT:  a hint of a line after it")))
                .containsExactly("FATAL: could not write to file \"pg_wal/x\": No space left on device",
                        "DETAIL: a detail", "HINT: a hint");
    }

    @Test
    void givenAFailureAfterTheLogWentToItsFiles_whenTheStartAsksWhy_thenTheNewestFileSaysWhySinceThisStartNamingIt(
            @TempDir Path dataDirectory) throws IOException {
        Path log = Files.createDirectories(dataDirectory.resolve("log"));
        Files.write(log.resolve("postgresql-Fri.log"), List.of("2026-12-04 10:00:00.000 UTC [1] FATAL:  of another day"));
        Files.setLastModifiedTime(log.resolve("postgresql-Fri.log"), FileTime.from(Instant.parse("2026-12-04T10:00:00Z")));
        Files.write(log.resolve("postgresql-Sat.log"), RECOVERY_ON_A_FULL_DISK);

        assertThat(reasons(dataDirectory, REDIRECTED)).isEqualTo(": FATAL: could not write to file \"pg_wal/xlogtemp.22719\":"
                + " No space left on device (in " + log.resolve("postgresql-Sat.log") + ")");
    }

    @Test
    void givenAFailureAfterTheLogWentToFilesThatSayNothing_whenTheStartAsksWhy_thenTheReasonsSayWhereToLook(
            @TempDir Path dataDirectory) throws IOException {
        assertThat(reasons(dataDirectory, REDIRECTED)).as("no log directory").isEqualTo(": LOG: redirecting log output to"
                + " logging collector process; HINT: Future log output will appear in directory \"log\".");
        Files.write(Files.createDirectories(dataDirectory.resolve("log")).resolve("postgresql-Sat.log"),
                RECOVERY_ON_A_FULL_DISK.subList(2, 4));
        assertThat(reasons(dataDirectory, REDIRECTED)).as("no failure since the start")
                .isEqualTo(": LOG: redirecting log output to logging collector process; HINT: Future log output will"
                        + " appear in directory \"log\".");
    }

    /**
     * One log file a day holds the earlier starts' lines too: an earlier start's failure is not this one's reason
     * (until 2026-12-06 the last start the file held was taken for this one, its lines not yet written).
     */
    @Test
    void givenALogFileHoldingAnEarlierStartsFailureAlone_whenTheStartAsksWhy_thenThatIsNotItsReason(
            @TempDir Path dataDirectory) throws IOException {
        Files.write(Files.createDirectories(dataDirectory.resolve("log")).resolve("postgresql-Sat.log"),
                RECOVERY_ON_A_FULL_DISK.subList(0, 2));

        assertThat(reasons(dataDirectory, REDIRECTED)).isEqualTo(": LOG: redirecting log output to logging collector"
                + " process; HINT: Future log output will appear in directory \"log\".");
    }

    /** In a container each start numbers its processes alike: an earlier server of this one's process id is not it. */
    @Test
    void givenAnEarlierServerOfTheSameProcessIdInTheLog_whenTheStartAsksWhy_thenItsFailureIsNotTheReason(
            @TempDir Path dataDirectory) throws IOException {
        Files.write(Files.createDirectories(dataDirectory.resolve("log")).resolve("postgresql-Sat.log"), List.of(
                "2026-12-05 04:50:00.000 UTC [22700] LOG:  starting PostgreSQL 17.7 on x86_64-pc-linux-gnu",
                "2026-12-05 04:50:00.100 UTC [22700] FATAL:  an earlier start's failure",
                "2026-12-05 04:50:00.200 UTC [22700] LOG:  database system is shut down"));

        assertThat(reasons(dataDirectory, REDIRECTED)).isEqualTo(": LOG: redirecting log output to logging collector"
                + " process; HINT: Future log output will appear in directory \"log\".");
    }

    /** The logging collector writes what the server sent it after the server has gone: the start waits for it. */
    @Test
    void givenTheServersLinesWrittenAfterItStopped_whenTheStartAsksWhy_thenTheyAreItsReasons(@TempDir Path dataDirectory)
            throws Exception {
        Path log = Files.createDirectories(dataDirectory.resolve("log")).resolve("postgresql-Sat.log");
        Files.write(log, RECOVERY_ON_A_FULL_DISK.subList(0, 2));
        Thread collector = new Thread(() -> {
            try {
                Thread.sleep(100);
                Files.write(log, RECOVERY_ON_A_FULL_DISK.subList(2, RECOVERY_ON_A_FULL_DISK.size()),
                        StandardOpenOption.APPEND);
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        collector.start();
        try {
            assertThat(reasons(dataDirectory, REDIRECTED)).isEqualTo(": FATAL: could not write to file"
                    + " \"pg_wal/xlogtemp.22719\": No space left on device (in " + log + ")");
        } finally {
            collector.join();
        }
    }

    @Test
    void givenNothingFromTheServer_whenRead_thenThereIsNoReason() {
        assertThat(EmbeddedPostgresOutput.reasons(List.of("pg_ctl: could not start server", "Examine the log output.")))
                .isEmpty();
    }

    @Test
    void givenPgCtlSaidTheServerStopped_whenAsked_thenItSaysSo() throws IOException {
        assertThat(saysTheServerStopped("waiting for server to start.... stopped waiting",
                "pg_ctl: could not start server", "Examine the log output.")).isTrue();
    }

    @Test
    void givenAServerStillStartingOrStarted_whenAsked_thenItDoesNotSayItStopped() throws IOException {
        assertThat(saysTheServerStopped("waiting for server to start....")).isFalse();
        assertThat(saysTheServerStopped("waiting for server to start.... done", "server started")).isFalse();
        assertThat(saysTheServerStopped("waiting for server to start........ stopped waiting",
                "pg_ctl: server did not start in time")).as("pg_ctl's own wait ended, the server's start goes on")
                .isFalse();
    }

    @Test
    void givenAStart_whenItsFileIsMade_thenItsNameCarriesThisProcesssId() throws IOException {
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        try {
            assertThat(output.redirect().file().getName())
                    .startsWith("hostclone-postgres-" + ProcessHandle.current().pid() + "-").endsWith(".out");
        } finally {
            output.delete();
        }
    }

    /** The reasons a start on {@code dataDirectory} gives whose programs printed {@code lines}. */
    private static String reasons(Path dataDirectory, List<String> lines) throws IOException {
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        try {
            Files.write(output.redirect().file().toPath(), lines);
            return output.reasons(dataDirectory);
        } finally {
            output.delete();
        }
    }

    /** What a file of the programs' output holding {@code lines} says. */
    private static boolean saysTheServerStopped(String... lines) throws IOException {
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        try {
            Files.write(output.redirect().file().toPath(), List.of(lines));
            return output.saysTheServerStopped();
        } finally {
            output.delete();
        }
    }
}
