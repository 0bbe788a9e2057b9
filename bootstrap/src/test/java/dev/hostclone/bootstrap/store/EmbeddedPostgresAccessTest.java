package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.application.testing.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who may connect to the embedded PostgreSQL, and as whom the server does: each role with the password its data
 * directory's {@code pgpass} keeps, the server as a role that owns its tables and is no superuser; older clusters
 * brought to that.
 */
class EmbeddedPostgresAccessTest extends EmbeddedPostgresFixture {

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
    void givenThePasswordFileIsGone_whenOpened_thenRefusedBeforeAnyStartSayingWhatToDo() throws Exception {
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
    void givenThePasswordFileNoLongerHoldsTheRolesPassword_whenOpened_thenTheRefusalEndsTheStartSayingWhatToDo() throws Exception {
        Path dataDirectory = openedOnce();
        Path passwordFile = dataDirectory.resolve("pgpass");
        Files.writeString(passwordFile, "*:*:*:postgres:" + "0".repeat(48) + "\n");

        // the refusal's own words, not the end of the start's wait (as long as a crash recovery may take: 10 minutes,
        // which the test's timeout cuts short), say the refusal ended the wait; it is not timed
        assertThatOpening(dataDirectory).isInstanceOf(IllegalStateException.class)
                .hasMessage("the embedded PostgreSQL refuses the postgres role's password in " + passwordFile
                        + " (FATAL: password authentication failed for user \"postgres\"): put the role's password"
                        + " there, or restore the file and the data directory from one copy");

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

    /**
     * The first start makes a cluster that asks for the password from its first moment. Until 2026-12-07 it was made
     * trusting ({@code initdb -A trust}), and any user of the host could connect as the superuser, with no password,
     * while its creation and the first start ran: a second or two, long enough to make a role of their own. A prober
     * tries, as fast as it can, every PostgreSQL the data directory's pid files name, staging's included, and must
     * have reached the staging one, which the old code's trust let in: it cannot pass having tried only the server
     * that runs once the start is done.
     */
    @Test
    void givenAFreshDataDirectory_whenTheFirstStartMakesItsCluster_thenNoConnectionWithoutAPasswordIsEverAccepted()
            throws Exception {
        Path dataDirectory = folder.resolve("data");
        AtomicBoolean probing = new AtomicBoolean(true);
        AtomicInteger triedStaging = new AtomicInteger();
        List<String> accepted = new CopyOnWriteArrayList<>();
        Thread prober = new Thread(() -> {
            while (probing.get()) {
                Path staging = dataDirectory.resolve(EmbeddedPostgresInit.STAGING);
                for (Path directory : List.of(staging, dataDirectory)) {
                    Postmaster.port(directory).ifPresent(port -> {
                        if (directory.equals(staging)) {
                            triedStaging.incrementAndGet();
                        }
                        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port
                                + "/postgres?user=postgres&connectTimeout=2")) {
                            accepted.add(directory + " (port " + port + ")");
                        } catch (SQLException refused) {
                            // asked for a password it was not given: as it must be
                        }
                    });
                }
            }
        }, "trust-prober");
        prober.start();
        try (OpenStore store = OpenStore.open(embeddedIn(dataDirectory), vertx)) {
            assertThat(store.description()).contains("embedded PostgreSQL");
        } finally {
            probing.set(false);
            prober.join();
        }

        assertThat(triedStaging).as("connections tried on the PostgreSQL that made the cluster").hasPositiveValue();
        assertThat(accepted).as("connections accepted without a password").isEmpty();
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

    /** Who owns the tables, sequences and indexes of the server's schema. */
    private static List<String> ownersOfTheTables(Connection connection) throws SQLException {
        return TestPostgres.column(connection, "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c"
                + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'i')");
    }

    /** What {@code opening} logs of the embedded PostgreSQL's access ({@link EmbeddedPostgresAccess}). */
    private static List<String> accessLinesOf(ThrowingRunnable opening) throws Exception {
        CapturedLog logged = CapturedLog.of(EmbeddedPostgresAccess.class);
        try (logged) {
            opening.run();
        }
        return logged.messages();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
