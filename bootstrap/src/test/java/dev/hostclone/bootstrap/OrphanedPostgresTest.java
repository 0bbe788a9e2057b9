package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which process a data directory's pid file may be taken for a PostgreSQL left running: never one that is
 * not PostgreSQL on that directory, since a start stops what it finds. The case where one is found, a
 * server killed and the next started, runs whole in {@code MainProcessTest}.
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
        Files.writeString(dataDirectory.resolve(OrphanedPostgres.PID_FILE), ProcessHandle.current().pid() + "\n"
                + dataDirectory + "\n");

        assertThat(OrphanedPostgres.in(dataDirectory)).isEmpty();
    }

    @Test
    void givenAPidFileNamingAProcessThatHasGone_whenLooking_thenNoneIsFound(@TempDir Path dataDirectory)
            throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Files.writeString(dataDirectory.resolve(OrphanedPostgres.PID_FILE), gone.pid() + "\n");

        assertThat(OrphanedPostgres.in(dataDirectory)).isEmpty();
    }

    @Test
    void givenAPidFileWithoutANumber_whenLooking_thenNoneIsFound(@TempDir Path dataDirectory) throws Exception {
        Files.writeString(dataDirectory.resolve(OrphanedPostgres.PID_FILE), "not a pid\n");

        assertThat(OrphanedPostgres.in(dataDirectory)).isEmpty();
    }
}
