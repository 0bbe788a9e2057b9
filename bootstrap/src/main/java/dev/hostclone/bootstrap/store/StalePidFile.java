package dev.hostclone.bootstrap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@code postmaster.pid} that outlived its PostgreSQL: a crash, the machine's or the server's with its
 * PostgreSQL, leaves it. PostgreSQL takes it for a running server's as long as any process has the id it
 * names, and refuses to start ("lock file "postmaster.pid" already exists"); after a reboot or a
 * container's restart another process very often has that id, and every start then failed until someone
 * deleted the file by hand.
 *
 * <p>Deleted only while no server of ours holds the data directory (see {@link EmbeddedDataDirectory}),
 * and only when its process surely is no PostgreSQL on it ({@link Postmaster#whyNotPostgresOn}): one that
 * is, a killed server's, is stopped instead ({@link OrphanedPostgres}). PostgreSQL then starts and recovers
 * from its WAL as after any crash. Its other guard stays: backends of a killed PostgreSQL that still run
 * hold its shared memory, which PostgreSQL keys by the data directory, and a start is refused while they do.
 */
final class StalePidFile {

    private static final Logger LOG = LoggerFactory.getLogger(StalePidFile.class);

    private StalePidFile() {
    }

    /**
     * Deletes the pid file on {@code dataDirectory} when the process it names surely is no PostgreSQL on
     * that directory; the caller holds the directory's lock. One that names no process id is left for
     * PostgreSQL to report.
     */
    static void deleteFrom(Path dataDirectory) {
        OptionalLong pid = Postmaster.pid(dataDirectory);
        if (pid.isEmpty()) {
            return;
        }
        Postmaster.whyNotPostgresOn(pid.getAsLong(), dataDirectory).ifPresent(why -> {
            Path pidFile = dataDirectory.resolve(Postmaster.PID_FILE).toAbsolutePath().normalize();
            LOG.warn("{} is stale, left by a crash: the process it names, pid {}, {}; deleting it, and PostgreSQL"
                    + " recovers from its WAL as after any crash", pidFile, pid.getAsLong(), why);
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                throw new UncheckedIOException("could not delete the stale " + pidFile + " (pid " + pid.getAsLong()
                        + " " + why + "): delete it, then start again", e);
            }
        });
    }
}
