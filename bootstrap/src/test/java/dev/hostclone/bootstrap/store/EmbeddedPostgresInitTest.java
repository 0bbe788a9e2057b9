package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A new data directory's cluster, made whole or not at all ({@link EmbeddedPostgresInit}): a first start killed
 * while {@code initdb} wrote it left remains that every later start failed on, until someone emptied the
 * directory by hand.
 */
class EmbeddedPostgresInitTest extends EmbeddedPostgresFixture {

    /** The version of the newest migration applied: by rank, as versions compare as text ("9" after "10"). */
    private static final String LAST_MIGRATION = "SELECT version FROM flyway_schema_history WHERE success"
            + " ORDER BY installed_rank DESC LIMIT 1";

    @Test
    void givenAFreshDataDirectory_whenOpened_thenItHoldsAWholeClusterForItsOwnerAloneAndNoStagingDirectory()
            throws Exception {
        Path dataDirectory = openedOnce();

        assertThat(Files.readString(dataDirectory.resolve("PG_VERSION")).strip())
                .isEqualTo(EmbeddedDataDirectory.MAJOR_VERSION);
        assertThat(dataDirectory.resolve("global/pg_control")).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory))).isEqualTo("rwx------");
        assertThat(dataDirectory.resolve(EmbeddedPostgresInit.STAGING)).doesNotExist();
    }

    /**
     * What a start killed while moving a made cluster up leaves: the staging directory with what was not moved yet
     * ({@code PG_VERSION} always among it), and in the data directory what was. Before the staging directory a
     * start killed in {@code initdb} left the like in the data directory itself; that one failed on them.
     */
    @Test
    void givenACreationCutShort_whenOpened_thenTheClusterIsMadeAgainAndServes() throws Exception {
        Path dataDirectory = cutShort();
        Path staging = dataDirectory.resolve(EmbeddedPostgresInit.STAGING);
        Files.writeString(Files.createDirectories(staging.resolve("base/1")).resolve("1259"), "half a relation");
        Files.writeString(dataDirectory.resolve("postgresql.conf"), "# initdb's first, empty, configuration\n");
        Files.writeString(Files.createDirectories(dataDirectory.resolve("global")).resolve("pg_control"), "torn");

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection connection = connectTo(dataDirectory)) {
            assertThat(TestPostgres.column(connection, LAST_MIGRATION)).as("migrated")
                    .containsExactly(TestPostgres.CURRENT_VERSION);
        }
        assertThat(Files.readString(dataDirectory.resolve("postgresql.conf"))).contains("max_connections");
        assertThat(Files.size(dataDirectory.resolve("global/pg_control"))).isEqualTo(8192);
        assertThat(dataDirectory.resolve(EmbeddedPostgresInit.STAGING)).doesNotExist();
    }

    /**
     * Since a new cluster gets HostClone's rules and password file in staging, a creation cut short while they were
     * moved up leaves them in the data directory, in either order: the rules alone, or both with the discarded
     * cluster's password. Read as a cluster's, they refused every start (the password file missing) or gave the start
     * the old password; they are the creation's, cleared with the rest.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void givenACreationCutShortWhileItsRulesWereMovedUp_whenOpened_thenTheClusterIsMadeAgainAndServes(boolean passwordFileToo)
            throws Exception {
        Path dataDirectory = cutShort();
        Files.write(dataDirectory.resolve(EmbeddedPostgresAccess.RULES_FILE), List.of(EmbeddedPostgresAccess.RULES_HEADER,
                "local   all             all                                     scram-sha-256"));
        if (passwordFileToo) {
            Files.writeString(dataDirectory.resolve(EmbeddedPostgresAccess.PASSWORD_FILE),
                    "*:*:*:postgres:" + "0".repeat(48) + "\n");
        }

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection connection = connectTo(dataDirectory)) {
            assertThat(TestPostgres.column(connection, LAST_MIGRATION)).as("migrated")
                    .containsExactly(TestPostgres.CURRENT_VERSION);
        }
        assertThat(Files.readString(dataDirectory.resolve(EmbeddedPostgresAccess.PASSWORD_FILE)))
                .doesNotContain("0".repeat(48));
    }

    /**
     * A JVM killed alone (the OOM killer's choice) leaves its {@code initdb} writing in the staging directory, whose
     * deletion it would race, or whose next cluster its cleanup would empty. Here a shell copied as {@code initdb}, given the
     * staging directory by {@code -D} as {@code initdb} is, stands for it, with a child of its own, as {@code initdb}'s
     * backend is. Killed, and not ended of itself: its exit says SIGKILL (137) once the JDK has reaped it, which
     * {@code isAlive()} could still deny just after the store, waiting on the same exit, had seen it (until 2026-12-07).
     */
    @Test
    void givenAProcessLeftWritingInTheStagingDirectory_whenOpened_thenItIsEndedAndTheClusterMade() throws Exception {
        Path dataDirectory = cutShort();
        Path staging = dataDirectory.resolve(EmbeddedPostgresInit.STAGING);
        Path program = Files.copy(Path.of("/bin/sh").toRealPath(),
                Files.createDirectories(folder.resolve("bin")).resolve("initdb"));
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
        Process initdb = new ProcessBuilder(program.toString(), "-c", "sleep 600 & wait", "initdb", "-D",
                staging.toString()).start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> initdb.descendants().count() == 1);
            ProcessHandle child = initdb.descendants().findFirst().orElseThrow();
            children.add(child);
            try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
                assertThat(initdb.waitFor(60, TimeUnit.SECONDS)).as("the process left writing, ended").isTrue();
                assertThat(initdb.exitValue()).as("killed").isEqualTo(137);
                assertThat(child.onExit()).as("its child, ended").succeedsWithin(Duration.ofSeconds(60));
            }
            assertThat(dataDirectory.resolve("PG_VERSION")).exists();
        } finally {
            // the child as found: once its shell is gone it is no descendant of it, and would outlive the run
            children.forEach(ProcessHandle::destroyForcibly);
            initdb.destroyForcibly();
        }
    }

    /** A start killed after its last move, before it deleted the staging directory, left it empty. */
    @Test
    void givenAStagingDirectoryLeftBesideAWholeCluster_whenOpened_thenItIsDeletedAndTheDataKept() throws Exception {
        Path dataDirectory = openedOnce();
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection connection = connectTo(dataDirectory); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (id int)");
        }
        Files.createDirectories(dataDirectory.resolve(EmbeddedPostgresInit.STAGING));

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection connection = connectTo(dataDirectory)) {
            assertThat(TestPostgres.column(connection, "SELECT count(*) FROM kept")).containsExactly("0");
        }
        assertThat(dataDirectory.resolve(EmbeddedPostgresInit.STAGING)).doesNotExist();
    }

    /**
     * Only names a creation writes are deleted as its remains: a file of anyone else's beside them refuses the start,
     * and nothing is deleted.
     */
    @Test
    void givenACreationCutShortBesideAFileNoCreationWrites_whenOpened_thenRefusedNamingItAndNothingDeleted()
            throws Exception {
        Path dataDirectory = cutShort();
        Path staging = dataDirectory.resolve(EmbeddedPostgresInit.STAGING);
        Files.writeString(dataDirectory.resolve("postgresql.conf"), "# initdb's first, empty, configuration\n");
        Files.writeString(dataDirectory.resolve("backup.tgz"), "an operator's");

        assertThatOpening(dataDirectory).hasMessage("the data directory " + dataDirectory + " holds a PostgreSQL"
                + " cluster whose creation was cut short, and files no creation writes (backup.tgz): move those"
                + " elsewhere, and the next start makes the cluster again");
        assertThat(dataDirectory.resolve("backup.tgz")).hasContent("an operator's");
        assertThat(dataDirectory.resolve("postgresql.conf")).exists();
        assertThat(staging.resolve("PG_VERSION")).exists();
    }

    @Test
    void givenADataDirectoryHoldingOtherFilesButNoCluster_whenOpened_thenRefusedNamingThemAndNothingWrittenThere()
            throws Exception {
        Path dataDirectory = Files.createDirectories(folder.resolve("data").toAbsolutePath().normalize());
        for (String name : List.of("notes.txt", "backup.tgz", "old", "zz")) {
            Files.writeString(dataDirectory.resolve(name), name);
        }

        assertThatOpening(dataDirectory).hasMessage("the data directory " + dataDirectory + " holds no PostgreSQL"
                + " cluster but is not empty (backup.tgz, notes.txt, old and 1 more): give this server an empty or new"
                + " data directory (HOSTCLONE_DATA_DIR, --data-dir), or empty that one");
        try (Stream<Path> entries = Files.list(dataDirectory)) {
            assertThat(entries.map(entry -> entry.getFileName().toString()))
                    .containsExactlyInAnyOrder("notes.txt", "backup.tgz", "old", "zz");
        }
    }

    /** A data directory whose cluster's creation was cut short before its last move: its staging one holds PG_VERSION. */
    private Path cutShort() throws IOException {
        Path dataDirectory = Files.createDirectories(folder.resolve("data").toAbsolutePath().normalize());
        Path staging = Files.createDirectories(dataDirectory.resolve(EmbeddedPostgresInit.STAGING));
        Files.writeString(staging.resolve("PG_VERSION"), EmbeddedDataDirectory.MAJOR_VERSION + "\n");
        return dataDirectory;
    }
}
