package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL opens only a cluster of its own major version: a data directory made by
 * another one (an earlier HostClone embedded PostgreSQL 14) is refused, untouched, with what to do.
 */
class EmbeddedDataDirectoryTest {

    private final Vertx vertx = Vertx.vertx();

    @TempDir
    Path folder;

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    @Test
    void givenAFreshDataDirectory_whenOpened_thenItHoldsAClusterOfTheEmbeddedMajorVersion() throws IOException {
        Path dataDirectory = folder.resolve("data");

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            assertThat(store.description()).startsWith("embedded PostgreSQL in ");
        }

        assertThat(Files.readString(dataDirectory.resolve("PG_VERSION")).strip()).isEqualTo(OpenStore.EMBEDDED_MAJOR_VERSION);
    }

    @Test
    void givenADataDirectoryOfAnotherMajorVersion_whenOpened_thenRefusedSayingWhatToDoAndLeftUntouched() throws IOException {
        Path dataDirectory = Files.createDirectories(folder.resolve("data"));
        Files.writeString(dataDirectory.resolve("PG_VERSION"), "14\n");
        Files.createDirectories(dataDirectory.resolve("base"));
        List<Path> before = contents(dataDirectory);

        assertThatThrownBy(() -> OpenStore.open(embeddedIn(dataDirectory), vertx).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the data directory " + dataDirectory.toAbsolutePath().normalize() + " holds a PostgreSQL 14"
                        + " cluster, which the embedded PostgreSQL " + OpenStore.EMBEDDED_MAJOR_VERSION + " cannot open:"
                        + " upgrade it with PostgreSQL " + OpenStore.EMBEDDED_MAJOR_VERSION + "'s pg_upgrade, or give this"
                        + " server a new data directory (HOSTCLONE_DATA_DIR, --data-dir)");

        assertThat(contents(dataDirectory)).isEqualTo(before);
        assertThat(Files.readString(dataDirectory.resolve("PG_VERSION"))).isEqualTo("14\n");
    }

    private static Configuration embeddedIn(Path dataDirectory) {
        return Configuration.inMemory(Map.of("app", "secret"), Set.of("admin"))
                .withStorage(Storage.EMBEDDED, dataDirectory, null);
    }

    private static List<Path> contents(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.sorted().toList();
        }
    }
}
