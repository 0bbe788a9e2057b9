package dev.hostclone.bootstrap.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel's DAMON threads ({@code kdamond}), which watch how memory is used and, with a scheme
 * such as the {@code pageout} of memory left idle, act on it. The virtual machines of 2026-12-02 run
 * one over all physical memory. Under a load run on memory it took about a tenth of one core, in
 * bursts of about 100 ms every half second, and the memory server's fixed-rate tail was those bursts:
 * p99 by second 65-97 ms with it, 2-4 ms with it off (see docs/performance.md).
 *
 * <p>Found by name among the processes ({@code [proc]/[pid]/comm}), whichever interface started them
 * (DAMON's sysfs, or the {@code damon_reclaim} and {@code damon_lru_sort} modules), and looked for
 * again at each reading: turning DAMON off and on starts a new thread.
 */
final class Kdamond {

    /** This machine's. */
    static final Kdamond HERE = new Kdamond(Path.of("/proc"), Path.of("/sys/kernel/mm/damon/admin/kdamonds"));

    private final Path proc;
    private final Path sysfs;

    /** {@code proc}: where the processes are ({@code /proc}); {@code sysfs}: DAMON's kdamonds in sysfs. */
    Kdamond(Path proc, Path sysfs) {
        this.proc = proc;
        this.sysfs = sysfs;
    }

    /** The CPU ticks ({@link ProcessCpu}) of every kdamond running now; 0 when none is. */
    long ticks() {
        try {
            return ProcessCpu.ofNamed(proc, Kdamond::isKdamond);
        } catch (IOException | SecurityException unreadable) {
            return 0; // no /proc: not Linux
        }
    }

    /**
     * The ticks of every kdamond since {@code before}, a reading of {@link #ticks}; never below 0,
     * where DAMON was turned off, or off and on again, meanwhile.
     */
    long since(long before) {
        return Math.max(0, ticks() - before);
    }

    /** What DAMON does on this machine, in words, for a report's machine line. */
    String describe() {
        int running = running().size();
        if (running == 0) {
            return "the kernel's DAMON: no kdamond running";
        }
        List<String> schemes = new ArrayList<>();
        for (Path kdamond : folders(sysfs)) {
            if (read(kdamond.resolve("state")).equals("on")) {
                for (Path context : folders(kdamond.resolve("contexts"))) {
                    String operations = read(context.resolve("operations"));
                    for (Path scheme : folders(context.resolve("schemes"))) {
                        schemes.add(operations + " " + read(scheme.resolve("action")));
                    }
                }
            }
        }
        return ("the kernel's DAMON: %d kdamond running%s (as root, `echo off > %s/0/state` stops it until"
                + " `echo on`)").formatted(running, schemes.isEmpty() ? "" : ", " + String.join(", ", schemes), sysfs);
    }

    /** The folders of the kdamond processes. */
    private List<Path> running() {
        return folders(proc).stream()
                .filter(process -> process.getFileName().toString().chars().allMatch(Character::isDigit))
                .filter(process -> isKdamond(read(process.resolve("comm"))))
                .toList();
    }

    private static boolean isKdamond(String command) {
        return command.startsWith("kdamond");
    }

    /** The folders in a folder, sorted; none where it cannot be read (no DAMON, not Linux). */
    private static List<Path> folders(Path folder) {
        List<Path> folders = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, Files::isDirectory)) {
            entries.forEach(folders::add);
        } catch (IOException | SecurityException unreadable) {
            return List.of();
        }
        folders.sort(null);
        return folders;
    }

    /** A file's content, trimmed; empty where it is gone or cannot be read. */
    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException | SecurityException gone) {
            return "";
        }
    }
}
