package dev.hostclone.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files laid out as Linux's {@code /proc} has them, for the tests of what the load run reads there. */
final class ProcFiles {

    private ProcFiles() {
    }

    /**
     * Writes {@code folder/stat} (creating the folder) for the process or thread {@code pid} named
     * {@code command}, as proc(5) has it: the name in parentheses, utime and stime as fields 14 and 15.
     */
    static void stat(Path folder, long pid, String command, long utime, long stime) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("stat"), "%d (%s) S 2 0 0 0 -1 2129984 0 0 0 0 %d %d 0 0 20 0 1 0 151 0 0\n"
                .formatted(pid, command, utime, stime));
    }
}
