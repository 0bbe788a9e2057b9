package dev.hostclone.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where every benchmark leaves what it measured: reports, pgbench's output, the database's and the
 * server's logs, all in {@code bootstrap/target/bench} from the project root (the exec plugin's
 * working directory), so {@code mvn clean} removes them.
 */
final class BenchOutput {

    private static final Path DIRECTORY = Path.of("bootstrap/target/bench");

    private BenchOutput() {
    }

    /** The directory, made if missing. */
    static Path directory() throws IOException {
        return Files.createDirectories(DIRECTORY);
    }

    /** The file {@code name} in it. */
    static Path file(String name) throws IOException {
        return directory().resolve(name);
    }
}
