package dev.hostclone.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * When the kernel writes dirty file data out ({@code /proc/sys/vm/dirty_*}), for a report's machine
 * line. PostgreSQL leaves the zero-filled pages that extend its tables to the kernel, and with Linux's
 * defaults a file's dirty pages go out together once the oldest is 30 s old: under a durable load a
 * burst of 100-200 MB every half minute, the commits' WAL syncs queued behind it (see
 * docs/performance.md, *The kernel's write-back*). Runs with other settings are not comparable.
 */
final class KernelWriteBack {

    /** This machine's. */
    static final KernelWriteBack HERE = new KernelWriteBack(Path.of("/proc/sys/vm"));

    private final Path vm;

    /** {@code vm}: the folder of the kernel's memory settings ({@code /proc/sys/vm}). */
    KernelWriteBack(Path vm) {
        this.vm = vm;
    }

    /** The settings in words; "unknown" where they cannot be read (not Linux). */
    String describe() {
        try {
            long expire = setting("dirty_expire_centisecs");
            long interval = setting("dirty_writeback_centisecs");
            long backgroundBytes = setting("dirty_background_bytes");
            String background = backgroundBytes > 0 ? "from %d MB dirty".formatted(backgroundBytes >> 20)
                    : "from %d %% of memory dirty".formatted(setting("dirty_background_ratio"));
            return "the kernel's write-back: a file's dirty data once %s s old, looked for every %s s, and %s"
                    .formatted(seconds(expire), seconds(interval), background);
        } catch (IOException | NumberFormatException | SecurityException unreadable) {
            return "the kernel's write-back: unknown";
        }
    }

    /** Read by lines: a file of /proc/sys has a size of 0, and JDK 17's {@code Files.readString} then reads one byte of it. */
    private long setting(String name) throws IOException {
        List<String> lines = Files.readAllLines(vm.resolve(name));
        return Long.parseLong(lines.isEmpty() ? "" : lines.get(0).trim());
    }

    private static String seconds(long centiseconds) {
        return centiseconds % 100 == 0 ? Long.toString(centiseconds / 100) : Double.toString(centiseconds / 100.0);
    }
}
