package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.application.testing.CapturedLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pid file a crash left in the data directory, against a real embedded PostgreSQL: deleted once another process has
 * its number, which is left alone; kept while it names the directory's running PostgreSQL.
 */
class StalePidFileTest extends EmbeddedPostgresFixture {

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAPidFileACrashLeftWhosePidAnotherProcessHasTaken_whenOpened_thenItStartsWithItsDataAndLeavesThatProcessAlone()
            throws Exception {
        Path dataDirectory = folder.resolve("data");
        alterSystem(dataDirectory, "INSERT INTO business (bk_biz_name, properties) VALUES ('kept', '{}')");
        // after a reboot or a container's restart the number goes to any process: here a sleep
        Process taken = new ProcessBuilder("sleep", "600").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (CapturedLog logged = CapturedLog.of(StalePidFile.class)) {
            writePidFileACrashLeft(dataDirectory, taken.pid());

            try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
                 Connection superuser = connectTo(dataDirectory)) {
                assertThat(TestPostgres.column(superuser, "SELECT bk_biz_name FROM business")).containsExactly("kept");
            }
            assertThat(taken.isAlive()).as("the process that has the pid now").isTrue();
            assertThat(logged.events()).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).startsWith(dataDirectory.resolve(Postmaster.PID_FILE)
                        + " is stale, left by a crash: the process it names, pid " + taken.pid() + ", now runs ")
                        .contains("sleep, not PostgreSQL; deleting it");
            });
        } finally {
            taken.destroyForcibly().waitFor();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAPidFileACrashLeftWhosePidThePostgresOfAnotherDataDirectoryHasTaken_whenOpened_thenBothServe()
            throws Exception {
        Path dataDirectory = openedOnce();
        Path another = folder.resolve("another");

        try (OpenStore other = OpenStore.open(embeddedIn(another), vertx)) {
            long itsPostmaster = Postmaster.on(another).orElseThrow().pid();
            writePidFileACrashLeft(dataDirectory, itsPostmaster);

            try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
                assertThat(Postmaster.on(dataDirectory)).isPresent();
            }
            assertThat(Postmaster.on(another)).as("the other's PostgreSQL, and its pid file")
                    .map(ProcessHandle::pid).contains(itsPostmaster);
        }
    }

    @Test
    void givenThePostgresOfTheDataDirectoryRuns_whenItsPidFileIsJudged_thenItStays() throws Exception {
        Path dataDirectory = folder.resolve("data");

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            Path pidFile = dataDirectory.resolve(Postmaster.PID_FILE);
            String before = Files.readString(pidFile);

            StalePidFile.deleteFrom(dataDirectory);

            assertThat(pidFile).hasContent(before);
        }
    }

    /**
     * A pid file as a PostgreSQL on {@code dataDirectory} that a crash ended leaves it: pid, directory, start, port,
     * socket directory, address, shared memory key, status.
     */
    private static void writePidFileACrashLeft(Path dataDirectory, long pid) throws IOException {
        Files.writeString(dataDirectory.resolve(Postmaster.PID_FILE), pid + "\n" + dataDirectory
                + "\n1764788000\n5432\n\nlocalhost\n  5432001    163840\nready   \n");
    }
}
