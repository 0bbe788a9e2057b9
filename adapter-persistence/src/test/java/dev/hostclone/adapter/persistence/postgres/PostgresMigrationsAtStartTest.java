package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.postgres.TestPostgres.CURRENT_VERSION;
import static dev.hostclone.adapter.persistence.postgres.TestPostgres.NEWER_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.adapter.persistence.Stages;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.application.port.out.SchemaStatus;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The schema as the PostgreSQL store's start finds it: migrated by Flyway where it must be, left alone where the
 * history is this build's, refused where a migration was edited; and the readiness check that holds the store to it.
 */
class PostgresMigrationsAtStartTest extends PostgresStoreFixture {

    @Test
    void givenEmptyDatabase_whenTwoServersStartOnItAtOnce_thenBothMigrateItOnceAndServe() throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();

        CompletableFuture<PostgresStore> first = PostgresStore.start(vertx, settings).toCompletableFuture();
        CompletableFuture<PostgresStore> second = PostgresStore.start(vertx, settings).toCompletableFuture();
        PostgresStore one = await(first);
        PostgresStore two = await(second);

        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement();
             ResultSet applied = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (applied.next()) {
                versions.add(applied.getString(1));
            }
            assertThat(versions).containsExactlyElementsOf(IntStream.rangeClosed(1, TestPostgres.SCHEMA_VERSION)
                    .mapToObj(Integer::toString).toList());
        }
        assertThat(await(one.loadHostModel()).attributes()).hasSameSizeAs(HostBuilder.MODEL.attributes());
        assertThat(await(two.loadCloudAreas(List.of(CloudAreaId.DEFAULT)))).hasSize(1);
        await(one.close());
        await(two.close());
    }

    @Test
    void givenAMigrationThatFails_whenTheStoreStarts_thenNoneOfTheMigrationsBeforeItStay() throws SQLException {
        PgSettings settings = TestPostgres.emptyDatabase();
        try (Connection connection = TestPostgres.superuserJdbc(settings); Statement statement = connection.createStatement()) {
            // V3's first index is refused; V1 and V2 run before it. The trap lives outside the schema Flyway
            // migrates, which must be empty for it to start; only a superuser sets an event trigger.
            statement.execute("CREATE SCHEMA trap");
            statement.execute("CREATE FUNCTION trap.refuse() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF current_query() LIKE '%business_properties_idx%' THEN RAISE EXCEPTION 'refused'; END IF; END $$");
            statement.execute("CREATE EVENT TRIGGER refuse_v3 ON ddl_command_start WHEN TAG IN ('CREATE INDEX')"
                    + " EXECUTE FUNCTION trap.refuse()");

            assertThat(Stages.outcome(PostgresStore.start(vertx, settings))).isInstanceOf(PostgresStoreException.class)
                    .hasMessage("PostgreSQL could not start the store: FlywayMigrateException");

            try (ResultSet left = statement.executeQuery("SELECT to_regclass('business') IS NULL AND to_regclass('host') IS NULL")) {
                assertThat(left.next() && left.getBoolean(1)).as("no table of V1 left").isTrue();
            }
            statement.execute("DROP EVENT TRIGGER refuse_v3");
        }
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        assertThat(await(store.loadHostModel()).attributes()).hasSameSizeAs(HostBuilder.MODEL.attributes());
        await(store.close());
    }

    @Test
    void givenAnEmptyDatabase_whenTheStoreStarts_thenFlywayAppliesEveryMigration() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.emptyDatabase()));

        assertThat(store.schemaAtStart())
                .isEqualTo(new Migrations.Outcome(CURRENT_VERSION, TestPostgres.SCHEMA_VERSION, true));
        await(store.close());
    }

    /** A failed statement is an ERROR line in PostgreSQL's log, which operators watch. */
    @Test
    void givenAnEmptyDatabase_whenTheStoreStarts_thenNoStatementItSendsFails() {
        List<String> statements = new CopyOnWriteArrayList<>();
        List<String> failed = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements, failed);

        PostgresStore store = await(PostgresStore.start(traced, TestPostgres.emptyDatabase()));

        assertThat(statements).as("Flyway's history looked for before it is read").contains(Migrations.HISTORY_EXISTS_SQL);
        assertThat(failed).isEmpty();
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    @Test
    void givenADatabaseAtThisBuildsSchema_whenTheStoreStarts_thenFlywayIsNotRun() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));

        assertThat(store.schemaAtStart()).isEqualTo(new Migrations.Outcome(CURRENT_VERSION, 0, false));
        assertThat(await(store.checkStoreReadiness()))
                .isEqualTo(SchemaStatus.applied("schema at version " + CURRENT_VERSION));
        await(store.close());
    }

    @Test
    void givenAnAppliedMigrationEditedSince_whenTheStoreStarts_thenFlywayRefusesTheStart() throws SQLException {
        PgSettings settings = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");
        }

        Throwable failure = Stages.outcome(PostgresStore.start(vertx, settings));

        assertThat(failure).isInstanceOf(PostgresStoreException.class)
                .hasMessage("PostgreSQL could not start the store: FlywayValidateException");
        assertThat(failure.getCause()).hasMessageContaining("Migration checksum mismatch for migration version 3");
    }

    @Test
    void givenAMigrationANewerBuildApplied_whenTheStoreStarts_thenFlywayDecidesAndLetsItServe() throws SQLException {
        PgSettings settings = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success)"
                    + " VALUES (" + NEWER_VERSION + ", '" + NEWER_VERSION + "', 'From a newer build', 'SQL',"
                    + " 'V" + NEWER_VERSION + "__From_a_newer_build.sql', 1, 'postgres', 1, true)");
        }

        try (CapturedLog logged = CapturedLog.of(PostgresStore.class)) {
            PostgresStore store = await(PostgresStore.start(vertx, settings));

            assertThat(store.schemaAtStart()).isEqualTo(new Migrations.Outcome(NEWER_VERSION, 0, true));
            assertThat(logged.messages()).contains("the database's schema is at version " + NEWER_VERSION + ", newer than"
                    + " this build's newest migration: a newer build migrated it, and this one serves on a schema it does"
                    + " not know (README, Storage on PostgreSQL: a build older than the database's newest migration)");
            await(store.close());
        }
    }

    @Test
    void givenTheSchemaVersions_whenComparedWithThisBuilds_thenOnlyANewerOneIsNewer() {
        String newest = Migrations.expectedHistory().get(Migrations.expectedHistory().size() - 1).version();

        assertThat(Migrations.isNewerThanThisBuild(newest)).isFalse();
        assertThat(Migrations.isNewerThanThisBuild("2")).isFalse();
        assertThat(Migrations.isNewerThanThisBuild(NEWER_VERSION)).isTrue();
        assertThat(Migrations.isNewerThanThisBuild(newest + ".1")).isTrue();
    }

    @Test
    void givenMigrationHistoryLosingTheVersionTheStoreStartedOn_whenCheckedForReadiness_thenMigrationsAreNotApplied()
            throws SQLException {
        assertThat(readinessAfter("UPDATE flyway_schema_history SET success = false WHERE version = '" + CURRENT_VERSION
                + "'")).isEqualTo(SchemaStatus.notApplied("schema version " + CURRENT_VERSION + " is not applied"));
    }

    /** The history gone is PostgreSQL's answer: the store answered, its migrations are not applied. */
    @Test
    void givenTheMigrationHistoryDropped_whenCheckedForReadiness_thenMigrationsAreNotAppliedNotTheStoreSilent()
            throws SQLException {
        assertThat(readinessAfter("DROP TABLE flyway_schema_history")).isEqualTo(SchemaStatus.notApplied("schema version "
                + CURRENT_VERSION + " is not applied: flyway_schema_history is missing"));
    }

    /** What a store started on a migrated database answers a readiness check, once {@code change} has run there. */
    private SchemaStatus readinessAfter(String change) throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try {
            try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
                statement.execute(change);
            }
            return await(store.checkStoreReadiness());
        } finally {
            await(store.close());
        }
    }
}
