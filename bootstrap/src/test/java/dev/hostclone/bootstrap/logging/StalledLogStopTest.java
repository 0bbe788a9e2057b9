package dev.hostclone.bootstrap.logging;

import static dev.hostclone.bootstrap.ServerProbe.awaitReady;
import static dev.hostclone.bootstrap.ServerProbe.freePort;
import static dev.hostclone.bootstrap.ServerProbe.java;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.bootstrap.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server in a JVM of its own whose standard output no one reads (a hung journald, a paused {@code | less}): a
 * SIGTERM must end it soon after the server has stopped. Until 2026-12-06 the log's stop waited out Logback's grace of
 * a minute for the writer, and then for good for a console that would never take its last lines: the process lived
 * on until killed. Standard error is either the same
 * stalled pipe (systemd's default) or a file that takes everything (a terminal), where the lines lost are told.
 */
class StalledLogStopTest {

    private static final String NOT_FOUND = "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final String DROPPED = "hostclone_log_events_dropped_total{level=\"info\"}";

    /**
     * Well before Logback's minute, and far above the log's own bound of a few seconds, so that a slow machine's
     * stop does not fail it: no figure of the machine's speed is asserted.
     */
    private static final long STOPS_WITHIN_SECONDS = 30;

    @ParameterizedTest(name = "standard error stalled too: {0}")
    @ValueSource(booleans = {true, false})
    void givenStandardOutputThatTakesNothing_whenSigtermArrives_thenTheServerExitsWellBeforeLogbacksMinute(
            boolean standardErrorStalled, @TempDir Path directory) throws Exception {
        int port = freePort();
        Path standardError = directory.resolve("err");
        ProcessBuilder builder = new ProcessBuilder(java(List.of(), System.getProperty("java.class.path"),
                Main.class.getName(), List.of("--storage=memory", "--http-host=127.0.0.1", "--http-port=" + port,
                        "--apps=app:secret"))).directory(directory.toFile());
        if (standardErrorStalled) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(standardError.toFile());
        }
        // standard output stays a pipe to this JVM, which never reads it
        Process server = builder.start();
        try {
            assertThat(awaitReady(port, server)).as("it serves").isEqualTo(200);
            fillTheLog(port);

            // not Process.destroy, which closes this end of the pipe: the server's writes would fail, not stall
            server.toHandle().destroy();

            assertThat(server.waitFor(STOPS_WITHIN_SECONDS, TimeUnit.SECONDS)).as("it exited after the SIGTERM").isTrue();
            if (!standardErrorStalled) {
                assertThat(Files.readString(standardError)).containsPattern(
                        "hostclone-log-stop\\] " + DroppedLines.class.getName().replace(".", "\\.")
                                + " - \\d+ log lines were still waiting for standard output when the log stopped");
            }
        } finally {
            server.destroyForcibly();
            server.getInputStream().close();
        }
    }

    /**
     * Requests until the log drops lines: its writer then stands on the full pipe and its buffer is full (8,192
     * lines, an access line per request, behind the pipe's and the console's 64 KiB each).
     */
    private static void fillTheLog(int port) {
        ApiClient client = ApiClient.of("http://127.0.0.1:" + port, List.of());
        try (RawConnection connection = RawConnection.open(port)) {
            for (int round = 0; round < 20 && Scrape.of(client).value(DROPPED) == 0; round++) {
                for (int i = 0; i < 1_000; i++) {
                    connection.send(NOT_FOUND);
                    assertThat(connection.readResponse().status()).isEqualTo(404);
                }
            }
        }
        assertThat(Scrape.of(client).value(DROPPED)).as("lines dropped: the log is full").isPositive();
    }
}
