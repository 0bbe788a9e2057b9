package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reasons a failed start of the embedded PostgreSQL gives, and whether {@code pg_ctl} said the
 * server stopped, read from what its programs printed: each output below is one they printed here, on
 * PostgreSQL 17 ({@code EmbeddedPostgresTest} fails a real start); and the name of its file.
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
