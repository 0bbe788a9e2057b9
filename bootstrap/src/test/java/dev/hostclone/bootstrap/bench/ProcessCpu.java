package dev.hostclone.bootstrap.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time a process has used, from {@code /proc/[pid]/stat} (Linux), in clock ticks (USER_HZ, the
 * unit of {@code /proc/stat} too). For PostgreSQL, the whole server: the postmaster's own time, the
 * time of its children that exited ({@code cutime}, {@code cstime}) and of those still running
 * (backends, WAL writer, checkpointer, autovacuum).
 */
final class ProcessCpu {

    /** USER_HZ: the unit of the CPU times in /proc, 100 on every mainstream Linux. */
    static final double TICKS_PER_SECOND = 100;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private ProcessCpu() {
    }

    /** The postmaster's pid, found as the parent of a backend of our own. */
    static long postmaster(EmbeddedPostgres postgres) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet backend = statement.executeQuery("SELECT pg_backend_pid()")) {
            backend.next();
            long pid = backend.getLong(1);
            // while this connection's backend lives: its parent is the postmaster
            return ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                    .orElseThrow(() -> new IllegalStateException("no postmaster above backend " + pid)).pid();
        }
    }

    /** The ticks of one process, all its threads. */
    static long ofProcess(long pid) throws IOException {
        return ofStat(Files.readString(statFile(pid)));
    }

    /** The ticks of the process whose {@code /proc/[pid]/stat} reads {@code stat}. */
    static long ofStat(String stat) {
        List<String> fields = fields(stat);
        // utime, stime: fields 14 and 15 of /proc/[pid]/stat
        return Long.parseLong(fields.get(13)) + Long.parseLong(fields.get(14));
    }

    /** The ticks of {@code parent}, of its children that exited, and of those still running. */
    static long ofTree(long parent) throws IOException {
        List<String> own = fields(Files.readString(statFile(parent)));
        // utime, stime, cutime, cstime: fields 14 to 17 of /proc/[pid]/stat
        long ticks = Long.parseLong(own.get(13)) + Long.parseLong(own.get(14)) + Long.parseLong(own.get(15))
                + Long.parseLong(own.get(16));
        for (ProcessHandle child : ProcessHandle.of(parent).orElseThrow().children().toList()) {
            try {
                ticks += ofProcess(child.pid());
            } catch (IOException exited) {
                // gone since listed: the parent's cutime and cstime count it from now on
            }
        }
        return ticks;
    }

    /**
     * The share of the machine's cores, in percent, that {@code ticks} over {@code seconds} of wall
     * clock are: against the wall clock, not the ticks {@code /proc/stat} counted meanwhile (see
     * {@link WaitSampler}).
     */
    static double percentOfCores(long ticks, double seconds) {
        double capacity = seconds * TICKS_PER_SECOND * CORES;
        return capacity <= 0 ? 0 : 100 * ticks / capacity;
    }

    /**
     * The ticks of the JVM {@code pid}'s JIT compiler threads ({@link #isCompilerThread}), those alive
     * now: HotSpot keeps at least one of each compiler for the JVM's life.
     */
    static long ofCompilerThreads(long pid) throws IOException {
        return ofCompilerThreads(Path.of("/proc", Long.toString(pid), "task"));
    }

    /** The ticks of the compiler threads among the threads of {@code tasks}, laid out as {@code /proc/[pid]/task}. */
    static long ofCompilerThreads(Path tasks) throws IOException {
        return ofNamed(tasks, ProcessCpu::isCompilerThread);
    }

    /**
     * The ticks of the processes or threads in {@code folder}, laid out as {@code /proc} or
     * {@code /proc/[pid]/task}, whose command ({@link #command}) {@code named} accepts. One that ends
     * while the others are read counts nothing.
     */
    static long ofNamed(Path folder, Predicate<String> named) throws IOException {
        long ticks = 0;
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(entry.resolve("stat"));
                } catch (IOException ended) {
                    continue;
                }
                if (named.test(command(stat))) {
                    ticks += ofStat(stat);
                }
            }
        }
        return ticks;
    }

    /**
     * Whether a thread named {@code command} (its name as {@code /proc} keeps it: the first 15
     * characters) is one of HotSpot's JIT compiler threads: {@code C1 CompilerThread0},
     * {@code C2 CompilerThread0} and so on.
     */
    static boolean isCompilerThread(String command) {
        return command.startsWith("C1 CompilerThre") || command.startsWith("C2 CompilerThre");
    }

    /** Field 2 of /proc/[pid]/stat: the command, or a thread's name, without its parentheses. */
    static String command(String stat) {
        return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    }

    private static Path statFile(long pid) {
        return Path.of("/proc", Long.toString(pid), "stat");
    }

    /** The fields of /proc/[pid]/stat, numbered from 1 in proc(5), here from 0; the command is field 2. */
    private static List<String> fields(String line) {
        // the command may hold spaces and parentheses: the fields after it start past the last ')'
        String afterCommand = line.substring(line.lastIndexOf(')') + 2);
        List<String> fields = new ArrayList<>(List.of("pid", "comm"));
        fields.addAll(List.of(afterCommand.trim().split(" ")));
        return fields;
    }
}
