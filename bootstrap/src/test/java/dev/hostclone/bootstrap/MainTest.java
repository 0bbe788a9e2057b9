package dev.hostclone.bootstrap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.application.testing.CapturedLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The one line a failed start ends with (its reasons, outermost first), the secret-hashing command,
 * and {@code java.util.logging} routed into the server's log.
 */
class MainTest {

    @Test
    void givenAStandardErrorThatTakesNothing_whenTheFailedStartsLineIsPrinted_thenItGivesUpAtItsBound() {
        CountDownLatch never = new CountDownLatch(1);
        PrintStream stalled = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                awaitUninterruptibly(never);
            }
        }, true, UTF_8);

        // a bound no machine misses by 30 s: what is asserted is that it returns, not how soon
        boolean printed = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> Main.printWithin(stalled, "hostclone: could not start: Address already in use", 100));

        assertThat(printed).isFalse();
        never.countDown();
    }

    @Test
    void givenAStandardErrorThatTakesIt_whenTheFailedStartsLineIsPrinted_thenItIsWrittenWhole() {
        ByteArrayOutputStream taken = new ByteArrayOutputStream();

        boolean printed = Main.printWithin(new PrintStream(taken, true, UTF_8),
                "hostclone: could not start: Address already in use", 30_000);

        assertThat(printed).isTrue();
        assertThat(taken.toString(UTF_8)).isEqualTo("hostclone: could not start: Address already in use"
                + System.lineSeparator());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (latch.getCount() > 0) {
            try {
                latch.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void givenAFailureWithCauses_whenDescribed_thenEachMessageOnceOutermostFirst() {
        IllegalStateException failure = new IllegalStateException("could not listen on http://0.0.0.0:8080",
                new IllegalStateException(new BindException("Address already in use")));

        assertThat(Main.reasons(failure)).isEqualTo("could not listen on http://0.0.0.0:8080: Address already in use");
    }

    @Test
    void givenAFailureWhoseMessagesSpanLinesAndRepeat_whenDescribed_thenOneLineSayingEachOnce() {
        String driver = "The hostname 127.0.0.1 could not be verified by hostnameverifier PgjdbcHostnameVerifier.";
        IllegalStateException failure = new IllegalStateException("PostgreSQL could not start the store: FlywayException",
                new IllegalStateException("Unable to obtain connection from database for user 'hostclone': " + driver
                        + "\n-----------\nSQL State  : 08006\nError Code : 0\nMessage    : " + driver + "\n",
                        new IllegalStateException(driver)));

        assertThat(Main.reasons(failure)).isEqualTo("PostgreSQL could not start the store: FlywayException:"
                + " Unable to obtain connection from database for user 'hostclone': " + driver);
    }

    /** Java's file-system failures say only the file, which the line already names: the type says what happened. */
    @Test
    void givenAFileSystemFailureNamingOnlyItsFile_whenDescribed_thenItsTypeSaysWhatHappened() {
        IllegalStateException failure = new IllegalStateException("could not start the embedded PostgreSQL in /var/lib/hc",
                new java.nio.file.AccessDeniedException("/var/lib/hc"));

        assertThat(Main.reasons(failure))
                .isEqualTo("could not start the embedded PostgreSQL in /var/lib/hc: AccessDeniedException: /var/lib/hc");
        assertThat(Main.reasons(new IllegalStateException("x", new java.nio.file.FileSystemException("/a", null, "Read-only file system"))))
                .as("one that says why keeps its own message").isEqualTo("x: /a: Read-only file system");
    }

    /** {@code initCause} allows a cycle: each failure of it is said once, and the line ends. */
    @Test
    void givenCausesInACycle_whenDescribed_thenEachMessageOnceAndTheLineEnds() {
        IllegalStateException outer = new IllegalStateException("could not start");
        IllegalStateException inner = new IllegalStateException("the store did not open");
        outer.initCause(inner);
        inner.initCause(outer);

        String line = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Main.reasons(outer));

        assertThat(line).isEqualTo("could not start: the store did not open");
    }

    /** A close that throws is logged while the log still runs, and the shutdown hook goes on to its end. */
    @Test
    void givenAServerWhoseCloseFails_whenStopped_thenTheFailureIsLoggedAndNothingEscapes() {
        CapturedLog seen = CapturedLog.of(Main.class);
        IllegalStateException failed = new IllegalStateException("could not close the store");
        try (seen) {
            Main.closeStarted(CompletableFuture.completedFuture(() -> {
                throw failed;
            }));
            Main.closeStarted(CompletableFuture.failedFuture(new IllegalStateException("the start failed")));
        }

        assertThat(seen.events()).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getFormattedMessage()).isEqualTo("HostClone did not stop cleanly");
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo("could not close the store");
        });
    }

    @Test
    void givenAFailureWithoutMessages_whenDescribed_thenItsType() {
        assertThat(Main.reasons(new UncheckedIOException(null, new IOException())))
                .isEqualTo("java.io.UncheckedIOException");
    }

    @Test
    void givenJavaUtilLoggingRouted_whenTheJdbcDriverLogs_thenTheLineGoesToTheServersLogAlone() throws IOException {
        String name = "org.postgresql.ssl.PGjdbcHostnameVerifier";
        try (CapturedLog seen = CapturedLog.of(name)) {
            Main.routeJavaUtilLogging();

            java.util.logging.Logger.getLogger(name).severe("Server name validation failed");

            assertThat(seen.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                    .containsExactly(tuple(Level.ERROR, "Server name validation failed"));
            assertThat(java.util.logging.Logger.getLogger("").getHandlers()).as("the JDK's console handler is gone")
                    .singleElement().isInstanceOf(SLF4JBridgeHandler.class);
        } finally {
            SLF4JBridgeHandler.uninstall();
            LogManager.getLogManager().readConfiguration();
        }
    }

    @Test
    void givenASecret_whenHashed_thenTheHashAloneIsPrintedAndMatchesTheTrimmedSecret() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Main.hashSecret("  s3cret ", new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));

        String printed = out.toString(UTF_8);
        assertThat(exitCode).isZero();
        assertThat(err.toString(UTF_8)).isEmpty();
        assertThat(printed).endsWith("\n").doesNotContain("s3cret");
        assertThat(SecretHashing.isHash(printed.strip())).isTrue();
        assertThat(new SecretHashing().matches("s3cret", printed.strip())).isTrue();
    }

    /** Trimmed as HOSTCLONE_APPS reads the secret, of Unicode's spaces too: an ideographic space, as a Chinese IME types it. */
    @Test
    void givenASecretWithAnIdeographicSpaceAfterIt_whenHashed_thenTheHashMatchesTheSecretWithout() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        Main.hashSecret("s3cret\u3000", new PrintStream(out, true, UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, UTF_8));

        assertThat(new SecretHashing().matches("s3cret", out.toString(UTF_8).strip())).isTrue();
    }

    /** Typed at a terminal whose output goes elsewhere, JDK 17 has no console to read without echo. */
    @Test
    void givenDescriptorsOfEachKind_whenAskedWhetherATerminal_thenOnlyTheTerminalsAre(@TempDir Path links) throws Exception {
        assertThat(Main.isTerminal(Files.createSymbolicLink(links.resolve("pts"), Path.of("/dev/pts/3")))).isTrue();
        assertThat(Main.isTerminal(Files.createSymbolicLink(links.resolve("tty"), Path.of("/dev/tty1")))).isTrue();
        assertThat(Main.isTerminal(Files.createSymbolicLink(links.resolve("pipe"), Path.of("pipe:[4021]")))).isFalse();
        assertThat(Main.isTerminal(Files.createSymbolicLink(links.resolve("file"), Path.of("/tmp/secret.txt")))).isFalse();
        assertThat(Main.isTerminal(Files.createFile(links.resolve("plain")))).isFalse();
        assertThat(Main.isTerminal(links.resolve("missing"))).isFalse();
    }

    @Test
    void givenNoSecret_whenHashed_thenExitCode2AndNothingOnStandardOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Main.hashSecret(null, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));

        assertThat(exitCode).isEqualTo(2);
        assertThat(out.toString(UTF_8)).isEmpty();
        assertThat(err.toString(UTF_8)).isEqualTo(
                "hostclone: --hash-secret reads one secret, from the terminal or standard input; it got none\n");
        assertThat(Main.hashSecret(" ", new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8))).isEqualTo(2);
    }
}
