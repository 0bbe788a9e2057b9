package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hostclone.adapter.persistence.SecretChecks;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Starts of the embedded PostgreSQL that fail: saying why, in PostgreSQL's words or their own, stopping a PostgreSQL
 * they started and letting go of the data directory, so that the next start in the JVM serves once the cause is mended.
 */
class EmbeddedPostgresFailedStartTest extends EmbeddedPostgresFixture {

    private static final OpenStore.StartBound START = new OpenStore.StartBound(Duration.ofSeconds(60), "the test");

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenALineOfAlterSystemsFilePostgresRefuses_whenOpened_thenTheStartFailsInPostgresWords() throws Exception {
        Path dataDirectory = openedOnce();
        Path systemSettings = dataDirectory.resolve("postgresql.auto.conf");
        Files.writeString(systemSettings, "shared_bufers = '256MB'\n", StandardOpenOption.APPEND);

        assertThatOpening(dataDirectory)
                .hasMessage("could not start the embedded PostgreSQL in " + dataDirectory
                        + ": LOG: unrecognized configuration parameter \"shared_bufers\" in file \"" + systemSettings
                        + "\" line 3; FATAL: configuration file \"" + systemSettings + "\" contains errors")
                // the watch ended the wait, which without it lasts as long as a crash recovery may
                .cause().hasMessage("the server stopped while starting");
    }

    /**
     * A start whose PostgreSQL stopped while starting lets go of the data directory, as a stop does: until
     * 2026-12-05 the library kept its lock until the JVM exited, and every later start in it (a test, the
     * embedding API) was refused, the directory in use by another server.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAStartWhosePostgresqlStoppedWhileStarting_whenTheCauseIsMendedAndItOpensAgain_thenItServes() throws Exception {
        Path dataDirectory = openedOnce();
        Path systemSettings = dataDirectory.resolve("postgresql.auto.conf");
        String mended = Files.readString(systemSettings);
        Files.writeString(systemSettings, "shared_bufers = '256MB'\n", StandardOpenOption.APPEND);
        assertThatOpening(dataDirectory).cause().hasMessage("the server stopped while starting");
        assertThat(descriptorsOfTheLockFile(dataDirectory)).as("after the failed start").isEmpty();

        Files.writeString(systemSettings, mended);

        assertTheNextStartServes(dataDirectory);
    }

    /**
     * A step that fails once PostgreSQL has started (here closing its programs' directory to others, which no
     * directory refuses root, so failed by the test) stops it and lets go of the data directory before the failure
     * goes up: until 2026-12-05 it ran on, holding the directory's lock, and the next start in this JVM was refused.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenClosingItsProgramsToOthersFailsOnceItsPostgresqlStarted_whenOpened_thenItIsStoppedAndTheNextStartServes()
            throws Exception {
        Path dataDirectory = openedOnce();
        Path binaries = EmbeddedBinaries.directory(LeftBehindFiles.temporaryDirectory());
        try {
            assertThatThrownBy(() -> OpenStore.embedded(vertx, dataDirectory, Duration.ofSeconds(5), 1, new SecretChecks(),
                    START,
                    directory -> {
                        throw new AccessDeniedException(directory.toString());
                    }, Postmaster::on, EmbeddedPostgresStart.RECOVERY_WAIT))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("could not close " + binaries + ", where the embedded PostgreSQL's programs are, to other users")
                    .hasCauseInstanceOf(AccessDeniedException.class);
            assertThat(Postmaster.on(dataDirectory)).as("its PostgreSQL").isEmpty();
            assertThat(descriptorsOfTheLockFile(dataDirectory)).as("after the failed start").isEmpty();

            assertTheNextStartServes(dataDirectory);
        } finally {
            // should the test fail while the failed start's PostgreSQL runs
            killIfRunning(dataDirectory);
        }
    }

    /**
     * Finding its PostgreSQL's server once it has started (its pid file read, its process looked up) may fail too
     * (an unreadable pid file, a security manager's refusal): it is stopped then, the data directory let go and the
     * output's file deleted, as for any later step. Until 2026-12-06 that lookup ran outside the guard, and a failure
     * there left PostgreSQL running with nothing to stop it.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenFindingItsPostgresqlsServerFailsOnceItStarted_whenOpened_thenItIsStoppedItsOutputDeletedAndTheNextStartServes()
            throws Exception {
        Path dataDirectory = openedOnce();
        List<Path> outputsBefore = startOutputsOfThisJvm();
        UncheckedIOException unreadable = new UncheckedIOException(new AccessDeniedException(
                dataDirectory.resolve(Postmaster.PID_FILE).toString()));
        try {
            assertThatThrownBy(() -> OpenStore.embedded(vertx, dataDirectory, Duration.ofSeconds(5), 1, new SecretChecks(),
                    START,
                    EmbeddedBinaries::closeToOthers, directory -> {
                        throw unreadable;
                    }, EmbeddedPostgresStart.RECOVERY_WAIT)).isSameAs(unreadable);
            assertThat(Postmaster.on(dataDirectory)).as("its PostgreSQL").isEmpty();
            assertThat(dataDirectory.resolve(Postmaster.PID_FILE)).doesNotExist();
            assertThat(descriptorsOfTheLockFile(dataDirectory)).as("after the failed start").isEmpty();
            assertThat(startOutputsOfThisJvm()).isEqualTo(outputsBefore);

            assertTheNextStartServes(dataDirectory);
        } finally {
            // should the test fail while the failed start's PostgreSQL runs
            killIfRunning(dataDirectory);
        }
    }

    /**
     * A start whose PostgreSQL runs but accepts no connection within the start's wait (a crash recovery longer
     * than it; here a PostgreSQL listening on no TCP address, which the start connects to) lets go of the data
     * directory, and leaves that PostgreSQL running, to finish a recovery, as a killed start leaves it: the next
     * start in this JVM stops it and serves. Until 2026-12-05 the library kept its lock until the JVM exited. The
     * failure says why no connection was made, which the library's wait, ended by the start's, no longer said.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAPostgresqlThatAcceptsNoConnectionWithinTheStartsWait_whenTheStartGivesUp_thenTheNextStartInTheJvmServes()
            throws Exception {
        Path dataDirectory = openedOnce();
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        EmbeddedPostgres.Builder unreachable = unreachableOn(dataDirectory, output);
        try {
            try {
                assertThatThrownBy(() -> EmbeddedPostgresStart.start(unreachable, output, dataDirectory, Optional::empty,
                        Duration.ofSeconds(3))).isInstanceOf(EmbeddedPostgresStart.NoConnection.class)
                        .hasMessage("the server accepted no connection within 3 s (ConnectException: Connection refused);"
                                + " it is left running, to finish a recovery from a crash, and the next start stops it"
                                + " once it has");
            } finally {
                output.delete();
            }
            assertThat(descriptorsOfTheLockFile(dataDirectory)).as("after the start gave up").isEmpty();
            assertThat(Postmaster.on(dataDirectory)).as("its PostgreSQL").isPresent();

            assertTheNextStartServes(dataDirectory);
        } finally {
            // should the test fail before the next start stopped it
            killIfRunning(dataDirectory);
        }
    }

    /**
     * A start whose PostgreSQL listens on no address the start connects to (set so by {@code ALTER SYSTEM}), once its
     * wait is over, says why no connection was made, and nothing of what PostgreSQL printed as it started: until
     * 2026-12-05 the library's last connection error was lost when the start's watch ended its wait, and the lines
     * saying that PostgreSQL's log went to files stood in its place.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAPostgresqlListeningOnNoAddressTheStartConnectsTo_whenTheStartGivesUp_thenItSaysWhyNoConnectionWasMade()
            throws Exception {
        Path dataDirectory = openedOnce();
        Path sockets = Files.createDirectories(folder.resolve("sockets"));
        alterSystem(dataDirectory, "ALTER SYSTEM SET listen_addresses = ''",
                "ALTER SYSTEM SET unix_socket_directories = '" + sockets + "'");
        try {
            assertThatThrownBy(() -> OpenStore.embedded(vertx, dataDirectory, Duration.ofSeconds(5), 1, new SecretChecks(),
                    START,
                    EmbeddedBinaries::closeToOthers, Postmaster::on, Duration.ofSeconds(3)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("could not start the embedded PostgreSQL in " + dataDirectory)
                    .cause().hasMessage("the server accepted no connection within 3 s (ConnectException: Connection refused);"
                            + " it is left running, to finish a recovery from a crash, and the next start stops it once it has");
        } finally {
            killIfRunning(dataDirectory);
        }
    }

    /**
     * A PostgreSQL that ends while the start waits for its first connection, after {@code pg_ctl} has returned
     * (killed, or stopped by the Ctrl-C that reached its whole process group, {@code pg_ctl} with it): nothing
     * prints {@code could not start server}, and the start waited out its whole wait, 10 minutes by default,
     * saying the server was left running to finish a recovery. Its end, once its process is found, ends the wait.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenThePostgresqlEndsWhileTheStartWaitsForAConnection_whenItEnds_thenTheStartFailsSayingItStopped()
            throws Exception {
        Path dataDirectory = openedOnce();
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        EmbeddedPostgres.Builder unreachable = unreachableOn(dataDirectory, output);
        // once pg_ctl has returned, which then says nothing of the server's end
        Thread killer = new Thread(() -> {
            await().atMost(Duration.ofSeconds(60)).until(() -> Postmaster.on(dataDirectory).isPresent()
                    && Files.readString(output.redirect().file().toPath()).contains("server started"));
            killPostmasterOn(dataDirectory);
        });
        try {
            killer.start();
            assertThatThrownBy(() -> EmbeddedPostgresStart.start(unreachable, output, dataDirectory, Optional::empty,
                    Duration.ofSeconds(90))).isInstanceOf(IOException.class)
                    .isNotInstanceOf(EmbeddedPostgresStart.NoConnection.class)
                    .hasMessage("the server stopped while starting");
            killer.join();
            assertThat(descriptorsOfTheLockFile(dataDirectory)).as("after the start failed").isEmpty();
        } finally {
            output.delete();
            killIfRunning(dataDirectory);
        }
    }

    /**
     * A second start in this JVM on a data directory that a running server holds is refused, and the first keeps its
     * lock against other processes. On Linux, closing any descriptor of a file lets go of every lock the process holds
     * on it: until 2026-12-06 the refused start closed the one it tried the lock with, and left the library's, which
     * had tried too, to the collector, which closed it; a start in another process then took the running server's
     * PostgreSQL for one a crash left, and stopped it.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAServerOnTheDataDirectoryInThisJvm_whenAnotherStartThereIsRefused_thenTheFirstStillHoldsItsLock()
            throws Exception {
        Path dataDirectory = openedOnce();
        Path lockFile = dataDirectory.resolve(EmbeddedDataDirectory.LOCK_FILE);
        try (OpenStore first = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            assertThatOpening(dataDirectory).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the data directory " + dataDirectory + " is in use by another server, which holds "
                            + lockFile + ": stop that server, or give this one a data directory of its own"
                            + " (HOSTCLONE_DATA_DIR, --data-dir)");
            // a descriptor left to the collector is closed by it
            System.gc();

            assertThat(anotherProcessLocks(lockFile)).as("another process took the lock").isFalse();
            assertThat(Postmaster.on(dataDirectory)).as("the first server's PostgreSQL").isPresent();
        }

        // the next start closes what the refused one kept open
        OpenStore.open(embeddedIn(dataDirectory), vertx).close();
        assertThat(descriptorsOfTheLockFile(dataDirectory)).as("once the next start closed").isEmpty();
    }

    /** Whether a process of its own can take the lock on {@code lockFile}, as a server's start there would try it. */
    private boolean anotherProcessLocks(Path lockFile) throws IOException, InterruptedException {
        Path probe = folder.resolve("LockProbe.java");
        Files.writeString(probe, """
                import java.nio.channels.FileChannel;
                import java.nio.file.Path;
                import java.nio.file.StandardOpenOption;

                class LockProbe {
                    public static void main(String[] args) throws Exception {
                        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE)) {
                            System.out.print(channel.tryLock() != null ? "locked" : "held");
                        }
                    }
                }
                """);
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                probe.toString(), lockFile.toString()).redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(said).as("the probe's output").isIn("locked", "held");
        return said.equals("locked");
    }

    /**
     * A PostgreSQL on {@code dataDirectory} that runs and that the start's connections never reach: it listens on no
     * TCP address, and on a socket in this test's folder alone.
     */
    private EmbeddedPostgres.Builder unreachableOn(Path dataDirectory, EmbeddedPostgresOutput output) throws IOException {
        Path sockets = Files.createDirectories(folder.resolve("sockets"));
        return builderOn(dataDirectory, output).setServerConfig("listen_addresses", "")
                .setServerConfig("unix_socket_directories", sockets.toString());
    }

    /** As {@link #killPostmasterOn}, when one runs: so that none is writing under the folder as JUnit deletes it. */
    private static void killIfRunning(Path dataDirectory) {
        if (Postmaster.on(dataDirectory).isPresent()) {
            killPostmasterOn(dataDirectory);
        }
    }

    /** As {@link #startOutputs()}, only this JVM's: another's tests may start and end theirs meanwhile. */
    private static List<Path> startOutputsOfThisJvm() throws IOException {
        String ours = "hostclone-postgres-" + ProcessHandle.current().pid() + "-";
        return startOutputs().stream().filter(path -> path.getFileName().toString().startsWith(ours)).toList();
    }

    /** A store opened on {@code dataDirectory} now serves: its PostgreSQL takes the superuser's connection. */
    private void assertTheNextStartServes(Path dataDirectory) throws IOException, SQLException {
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection superuser = connectTo(dataDirectory)) {
            assertThat(superuser.isValid(5)).isTrue();
        }
    }
}
