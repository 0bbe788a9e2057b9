package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.Stages.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.application.testing.CapturedLog;
import io.vertx.core.Vertx;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A store that may open more connections than PostgreSQL accepts from it starts, and then fails requests under load
 * with SQLSTATE 53300 (too many clients): its start refuses, before Flyway, naming the numbers. On a PostgreSQL of its
 * own that accepts few: 20 connections, 3 kept for superusers and 2 for pg_use_reserved_connections.
 */
class ConnectionLimitTest {

    private static final AtomicInteger NAMES = new AtomicInteger();
    private static EmbeddedPostgres small;
    private static Vertx vertx;

    @BeforeAll
    static void startAPostgresAcceptingFew() throws Exception {
        small = TestPostgres.builder()
                .setServerConfig("max_connections", "20")
                .setServerConfig("superuser_reserved_connections", "3")
                .setServerConfig("reserved_connections", "2")
                .setServerConfig("fsync", "off")
                .setRegisterShutdownHook(false)
                .start();
        try (Connection connection = small.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE hc LOGIN NOSUPERUSER");
        }
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        await(vertx.close().toCompletionStage());
        small.close();
    }

    /**
     * 7 callers (6 event loops and the rest) x (1 pooled + 1 shared) + LISTEN = 15 = 20 - 3 - 2; one loop more is 17. Each
     * pool holds one connection already: a smaller pool_size would change nothing, so it is not offered.
     */
    @Test
    void givenAServerAcceptingFewerConnectionsThanTheStoreMayOpen_whenStarting_thenRefusedNamingTheNumbersAndNothingMigrated()
            throws SQLException {
        PgSettings settings = newDatabase("hc");

        Throwable failure = outcome(PostgresStore.start(vertx, settings.withPoolSize(7), 7));

        assertThat(failure).isInstanceOf(ConnectionLimitException.class)
                .hasMessage("the store may open 17 connections to PostgreSQL (7 event loops x (1 pooled + 1 shared) + 1"
                        + " pooled + 1 shared for other callers + 1 LISTEN) but it accepts 15 (max_connections 20 - 5"
                        + " reserved): lower the event loops, or raise max_connections");
        assertThat(tables(settings)).as("nothing migrated").isZero();
        PostgresStore store = await(PostgresStore.start(vertx, settings.withPoolSize(6), 6));
        assertThat(store.connectionCeiling().total()).isEqualTo(15);
        assertThat(store.connectionLimit().orElseThrow().accepted()).isEqualTo(15);
        await(store.close());
    }

    /** PostgreSQL would let a superuser take the reserved slots: the one an administrator needs when all are taken. */
    @Test
    void givenASuperuser_whenItsStoreMayOpenMoreThanOthersAreAccepted_thenItIsRefusedAlike() throws SQLException {
        PgSettings settings = newDatabase("postgres");

        Throwable failure = outcome(PostgresStore.start(vertx, settings.withPoolSize(7), 7));

        assertThat(failure).isInstanceOf(ConnectionLimitException.class)
                .hasMessageContaining("may open 17 connections").hasMessageContaining("but it accepts 15");
    }

    /** A role's CONNECTION LIMIT binds a role that is no superuser, as PostgreSQL applies it. */
    @Test
    void givenARoleWithAConnectionLimit_whenItsStoreMayOpenMore_thenRefusedNamingTheRolesLimit() throws SQLException {
        superuser("CREATE ROLE hc_limited LOGIN NOSUPERUSER CONNECTION LIMIT 4");
        PgSettings settings = newDatabase("hc_limited");

        Throwable failure = outcome(PostgresStore.start(vertx, settings.withPoolSize(3), 1));

        assertThat(failure).isInstanceOf(ConnectionLimitException.class)
                .hasMessage("the store may open 5 connections to PostgreSQL (3 pooled + 1 shared + 1 LISTEN) but the role"
                        + " hc_limited may open 4 (its CONNECTION LIMIT): lower pool_size, or raise the role's CONNECTION"
                        + " LIMIT");
    }

    @Test
    void givenADatabaseWithAConnectionLimit_whenTheStoreMayOpenMore_thenRefusedNamingTheDatabasesLimit() throws SQLException {
        PgSettings settings = newDatabase("hc");
        superuser("ALTER DATABASE " + settings.database() + " CONNECTION LIMIT 3");

        Throwable failure = outcome(PostgresStore.start(vertx, settings.withPoolSize(2), 1));

        assertThat(failure).isInstanceOf(ConnectionLimitException.class)
                .hasMessage("the store may open 4 connections to PostgreSQL (2 pooled + 1 shared + 1 LISTEN) but the"
                        + " database " + settings.database() + " accepts 3 (its CONNECTION LIMIT): lower pool_size, or"
                        + " raise the database's CONNECTION LIMIT");
    }

    /**
     * The first read of the limit gets no answer (a PostgreSQL still starting, a network slow to come up), and Flyway's
     * login, which follows, does: the limit is read again before the store serves. Until 2026-12-06 such a store
     * served unchecked, its pool failing under load with 53300 (too many clients).
     */
    @Test
    void givenAServerThatAnswersOnlyOnceTheFirstReadGaveUp_whenFlywayMigrates_thenTheLimitIsReadAgainAndTheStoreRefused()
            throws Exception {
        PgSettings direct = newDatabase("hc");
        superuser("ALTER DATABASE " + direct.database() + " CONNECTION LIMIT 2");
        try (SilenceableLink link = SilenceableLink.to(small.getPort())) {
            link.silence();
            PgSettings settings = new PgSettings("localhost", link.port(), direct.database(), "hc", "")
                    .withPoolSize(2).withListenForModelChanges(false).withTimeout(Duration.ofSeconds(3));

            CompletionStage<PostgresStore> starting = PostgresStore.start(vertx, settings, 1);
            // the pool's connection, then, once its read gave up, Flyway's
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> link.connectionsAccepted() >= 2);
            link.heal();
            Throwable failure = outcome(starting);

            assertThat(failure).isInstanceOf(ConnectionLimitException.class)
                    .hasMessage("the store may open 3 connections to PostgreSQL (2 pooled + 1 shared) but the database "
                            + direct.database() + " accepts 2 (its CONNECTION LIMIT): lower pool_size, or raise the"
                            + " database's CONNECTION LIMIT");
            assertThat(tables(direct)).as("Flyway migrated before the limit could be read").isPositive();
        }
    }

    /** 8 callers x (2 pooled + 1 shared) + LISTEN: fewer connections a pool, or fewer event loops, would fit. */
    @Test
    void givenPoolsOfTwoConnectionsEach_whenTheStoreMayOpenMore_thenTheRefusalOffersBothSettings() throws SQLException {
        PgSettings settings = newDatabase("hc");

        Throwable failure = outcome(PostgresStore.start(vertx, settings.withPoolSize(14), 7));

        assertThat(failure).isInstanceOf(ConnectionLimitException.class)
                .hasMessage("the store may open 25 connections to PostgreSQL (7 event loops x (2 pooled + 1 shared) + 2"
                        + " pooled + 1 shared for other callers + 1 LISTEN) but it accepts 15 (max_connections 20 - 5"
                        + " reserved): lower pool_size or the event loops, or raise max_connections");
    }

    /**
     * An engine without these settings, or a role that may not read them: the store starts unchecked, and says so at
     * WARN, where a DEBUG line went unseen.
     */
    @Test
    void givenARoleThatMayNotReadTheRoles_whenStarting_thenTheStoreStartsAndWarnsItsConnectionsAreNotChecked()
            throws SQLException {
        PgSettings settings = newDatabase("hc");
        try (Connection connection = small.getDatabase("postgres", settings.database()).getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("REVOKE SELECT ON pg_catalog.pg_roles FROM PUBLIC");
        }
        CapturedLog logged = CapturedLog.of(PostgresStore.class);
        try (logged) {
            PostgresStore store = await(PostgresStore.start(vertx, settings.withPoolSize(2), 1));
            assertThat(store.connectionLimit()).isEmpty();
            await(store.close());
        }

        assertThat(logged.events()).filteredOn(event -> event.getLevel() == Level.WARN)
                .extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .startsWith("the store's 4 connections (2 pooled + 1 shared + 1 LISTEN) not checked against what"
                        + " PostgreSQL accepts, which could not be read: ")
                .contains("permission denied");
    }

    /** A new database owned by {@code owner} on the small server, and the store's settings on it as that role. */
    private static PgSettings newDatabase(String owner) throws SQLException {
        String name = "limits_" + NAMES.incrementAndGet();
        superuser("CREATE DATABASE " + name + " OWNER " + owner);
        return new PgSettings("localhost", small.getPort(), name, owner, "");
    }

    private static void superuser(String sql) throws SQLException {
        try (Connection connection = small.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long tables(PgSettings settings) throws SQLException {
        try (Connection connection = small.getDatabase("postgres", settings.database()).getConnection()) {
            return TestPostgres.number(connection, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'");
        }
    }
}
