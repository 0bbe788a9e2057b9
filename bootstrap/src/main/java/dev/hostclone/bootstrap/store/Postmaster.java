package dev.hostclone.bootstrap.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a PostgreSQL data directory's pid file says of the server on it, checked against the process
 * itself: a pid file can outlive its server (one killed leaves it), and the number it holds can since
 * have gone to any other process.
 */
final class Postmaster {

    /** The file a running PostgreSQL keeps in its data directory; its first line is the server's process id. */
    static final String PID_FILE = "postmaster.pid";
    /** Where the pid file holds the port the server listens on: its fourth line, in PostgreSQL's documented layout. */
    private static final int PORT_LINE = 3;
    /** Where the pid file holds the server's status: its eighth line, in PostgreSQL's documented layout. */
    private static final int STATUS_LINE = 7;
    /** The status a PostgreSQL keeps there until it accepts connections, a crash recovery's replay included. */
    private static final String STARTING = "starting";
    /** What Linux writes after the program of a process whose file has been deleted ({@code /proc/<pid>/exe}). */
    private static final String DELETED = " (deleted)";

    private Postmaster() {
    }

    /** The PostgreSQL server that runs on {@code dataDirectory}, if one does: alive, a {@code postgres} program on it. */
    static Optional<ProcessHandle> on(Path dataDirectory) {
        OptionalLong pid = pid(dataDirectory);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid.getAsLong()).filter(process -> runsPostgresOn(process, dataDirectory));
    }

    /** The process id the pid file on {@code dataDirectory} names; empty when it is gone or names none. */
    static OptionalLong pid(Path dataDirectory) {
        List<String> lines = pidFile(dataDirectory);
        if (lines.isEmpty() || !lines.get(0).strip().matches("[0-9]{1,10}")) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(lines.get(0).strip()));
    }

    /**
     * Why process {@code pid} surely is not the PostgreSQL on {@code dataDirectory}, if it surely is not: it
     * has ended, runs another program, or is a PostgreSQL whose {@code -D} names another directory. Empty
     * when it is, or may be, that PostgreSQL: one whose program this user cannot see, or a {@code postgres}
     * whose arguments name no other directory (started with {@code PGDATA}, or a relative path). Doubt
     * counts as PostgreSQL, since a pid file judged stale is deleted, and with it PostgreSQL's lock.
     */
    static Optional<String> whyNotPostgresOn(long pid, Path dataDirectory) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || ended(process.get())) {
            return Optional.of("has ended");
        }
        ProcessHandle.Info info = process.get().info();
        Optional<String> command = info.command();
        if (command.isEmpty()) {
            return Optional.empty();
        }
        if (!isPostgres(command.get())) {
            return Optional.of("now runs " + command.get() + ", not PostgreSQL");
        }
        List<Path> named = dataDirectoryArguments(info);
        boolean elsewhere = !named.isEmpty() && named.stream().allMatch(directory -> directory.isAbsolute()
                && Files.isDirectory(directory) && !sameDirectory(directory, dataDirectory));
        return elsewhere ? Optional.of("is the PostgreSQL on another data directory, " + named.get(0)) : Optional.empty();
    }

    /** The port the pid file on {@code dataDirectory} names; empty when it is gone or names none yet. */
    static Optional<Integer> port(Path dataDirectory) {
        List<String> lines = pidFile(dataDirectory);
        if (lines.size() <= PORT_LINE || !lines.get(PORT_LINE).strip().matches("[0-9]{1,5}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(lines.get(PORT_LINE).strip()));
    }

    /** Whether the pid file on {@code dataDirectory} says its server is starting; not when it is gone or has no status yet. */
    static boolean starting(Path dataDirectory) {
        List<String> lines = pidFile(dataDirectory);
        return lines.size() > STATUS_LINE && lines.get(STATUS_LINE).strip().equals(STARTING);
    }

    /**
     * Whether {@code process} has ended: gone, or on Linux a zombie that its parent has not reaped. A
     * postmaster's parent is the first process once {@code pg_ctl} has exited, and in a container whose
     * first process reaps no orphans (this repository's machines) a killed postmaster stays a zombie,
     * which {@link ProcessHandle#isAlive()} counts alive.
     */
    static boolean ended(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // pid (command) state ...: the command may hold spaces and parentheses, the state follows the last ')'
            int afterCommand = stat.lastIndexOf(')');
            return afterCommand >= 0 && afterCommand + 2 < stat.length() && stat.charAt(afterCommand + 2) == 'Z';
        } catch (NoSuchFileException goneOrNoProc) {
            return !process.isAlive();
        } catch (IOException unreadable) {
            return false;
        }
    }

    private static List<String> pidFile(Path dataDirectory) {
        try {
            return Files.readAllLines(dataDirectory.resolve(PID_FILE));
        } catch (IOException goneOrUnreadable) {
            // PostgreSQL itself reports a pid file it cannot read, when it starts
            return List.of();
        }
    }

    private static boolean runsPostgresOn(ProcessHandle process, Path dataDirectory) {
        ProcessHandle.Info info = process.info();
        return info.command().map(Postmaster::isPostgres).orElse(false)
                && dataDirectoryArguments(info).stream().anyMatch(named -> sameDirectory(named, dataDirectory));
    }

    /**
     * Whether {@code command} is PostgreSQL's server program. Linux names the program of a process whose file was
     * deleted since it started with {@value #DELETED} after its path (the embedded programs' directory in the
     * temporary directory, cleared by a tidier while the server ran for days): until 2026-12-07 such a postmaster,
     * a killed server's orphan, was no PostgreSQL here, and its pid file was deleted as stale while it ran.
     */
    private static boolean isPostgres(String command) {
        return programName(command).equals("postgres");
    }

    /** The file name of the program {@code command} runs ({@link ProcessHandle.Info#command()}), deleted or not. */
    static String programName(String command) {
        String program = command.endsWith(DELETED) ? command.substring(0, command.length() - DELETED.length()) : command;
        return Path.of(program).getFileName().toString();
    }

    /** The directories the {@code -D} options of a {@code postgres} name, as {@code pg_ctl -D} starts it. */
    private static List<Path> dataDirectoryArguments(ProcessHandle.Info info) {
        String[] arguments = info.arguments().orElse(new String[0]);
        List<Path> named = new ArrayList<>();
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals("-D")) {
                named.add(Path.of(arguments[i + 1]));
            }
        }
        return named;
    }

    private static boolean sameDirectory(Path named, Path dataDirectory) {
        try {
            return Files.isSameFile(named, dataDirectory);
        } catch (IOException unreachable) {
            return false;
        }
    }
}
