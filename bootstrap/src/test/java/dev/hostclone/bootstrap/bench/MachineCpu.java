package dev.hostclone.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The machine's CPU time by kind, all cores together, in clock ticks ({@link ProcessCpu#TICKS_PER_SECOND}):
 * the first line of {@code /proc/stat} (proc(5)). Among its kinds is the time the hypervisor gave
 * this virtual machine's cores to others while they had work (steal): in an hour when it is high,
 * every process here runs slower, and a run's figures say more about the hour than about the code.
 */
final class MachineCpu {

    /** This machine's. */
    static final MachineCpu HERE = new MachineCpu(Path.of("/proc/stat"));

    /** Columns of the {@code cpu} line after its name. */
    static final int USER = 0;
    static final int NICE = 1;
    static final int SYSTEM = 2;
    static final int IDLE = 3;
    static final int IOWAIT = 4;
    static final int IRQ = 5;
    static final int SOFTIRQ = 6;
    static final int STEAL = 7;

    private final Path stat;

    /** {@code stat}: where the kernel's statistics are ({@code /proc/stat}). */
    MachineCpu(Path stat) {
        this.stat = stat;
    }

    /** The {@code cpu} line's columns, after its name, from {@link #USER} on. */
    long[] ticks() throws IOException {
        String cpu = Files.readAllLines(stat).get(0);
        return Arrays.stream(cpu.trim().split("\\s+")).skip(1).mapToLong(Long::parseLong).toArray();
    }

    /**
     * The ticks stolen from every core so far; 0 where they cannot be read (no {@code /proc}, or a
     * kernel too old to count them), so that a report says none rather than failing the run.
     */
    long stealTicks() {
        try {
            long[] ticks = ticks();
            return ticks.length > STEAL ? ticks[STEAL] : 0;
        } catch (IOException | RuntimeException unreadable) {
            return 0;
        }
    }

    /** The ticks stolen since {@code before}, a reading of {@link #stealTicks}; never below 0. */
    long stealSince(long before) {
        return Math.max(0, stealTicks() - before);
    }
}
