package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.postgres.TestPostgres.CURRENT_VERSION;
import static dev.hostclone.adapter.persistence.postgres.TestPostgres.NEWER_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.adapter.persistence.Stages;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.adapter.persistence.HostModelChangeContract;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.SchemaStatus;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueRule;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.tracing.SpanKind;
import io.vertx.core.spi.tracing.TagExtractor;
import io.vertx.core.spi.tracing.VertxTracer;
import io.vertx.core.tracing.TracingOptions;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * What only the PostgreSQL store has: migrations at start, query plans, model notifications, lifecycle,
 * and what its tables take on disk.
 */
class PostgresStoreTest {

    private static Vertx vertx;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close().toCompletionStage());
    }

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

        PostgresStore store = await(PostgresStore.start(vertx, settings));

        assertThat(store.schemaAtStart()).isEqualTo(new Migrations.Outcome(NEWER_VERSION, 0, true));
        await(store.close());
    }

    @Test
    void givenNoSubscriptionWithinTheTimeout_whenTheStoreStarts_thenItFailsSayingWhatItWaitedFor() {
        // the subscription is made while Flyway migrates; given a millisecond, it cannot be listening in time
        PgSettings settings = TestPostgres.database().withTimeout(Duration.ofMillis(1));

        assertThat(Stages.outcome(PostgresStore.start(vertx, settings))).isInstanceOf(PostgresStoreException.class)
                .hasMessage("no LISTEN hostclone_model within PT0.001S"
                        + " (turn listenForModelChanges off where LISTEN/NOTIFY is unsupported)");
    }

    @Test
    void givenAuditRecords_whenAnalyzed_thenOnlyTheColumnsSearchesUseGetStatistics() throws SQLException {
        PgSettings settings = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            analyzedAuditRecords(statement, 2_000);

            List<String> analyzed = new ArrayList<>();
            try (ResultSet columns = statement.executeQuery(
                    "SELECT attname FROM pg_stats WHERE tablename = 'audit_record' ORDER BY attname")) {
                while (columns.next()) {
                    analyzed.add(columns.getString(1));
                }
            }

            // V4: the jsonb payload is only ever read back with its row; analyzing it cost every ANALYZE seconds.
            assertThat(analyzed).contains("resource_id", "operation_time", "bk_biz_id")
                    .doesNotContain("pre_data", "cur_data", "update_fields");
        }
    }

    @Test
    void givenMoreAuditRecordsThanASampleHolds_whenAnalyzed_thenItSamples3000RowsNot30000() throws SQLException {
        PgSettings settings = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            analyzedAuditRecords(statement, 5_000);

            statement.execute("ANALYZE VERBOSE audit_record");

            // V5: 300 rows per unit of the largest statistics target; 10 instead of the default 100
            assertThat(messages(statement.getWarnings())).anyMatch(message -> message.contains(" 3000 rows in sample"));
        }
    }

    @Test
    void givenTheHostTable_whenRowsAreInserted_thenEachPageKeepsRoomForUpdatesOfItsRows() throws SQLException {
        PgSettings settings = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement();
             ResultSet options = statement.executeQuery("SELECT reloptions FROM pg_class WHERE relname = 'host'")) {
            options.next();

            assertThat((String[]) options.getArray(1).getArray()).containsExactly("fillfactor=85");
        }
    }

    @Test
    void givenManyHosts_whenPlanningTheLookupByInnerIp_thenItUsesTheIndexNotAScan() throws SQLException {
        PgSettings settings = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO host (bk_host_id, bk_biz_id, version, doc)"
                    + " SELECT g, 1, 1, jsonb_build_object('bk_host_id', g) FROM generate_series(1, 20000) g");
            statement.execute("INSERT INTO host_inner_ip (bk_cloud_id, ip, bk_host_id)"
                    + " SELECT g % 4, '10.' || (g / 65536) || '.' || (g / 256 % 256) || '.' || (g % 256), g"
                    + " FROM generate_series(1, 20000) g");
            statement.execute("ANALYZE host");
            statement.execute("ANALYZE host_inner_ip");

            String plan = TestPostgres.genericPlan(connection, PostgresHosts.FIND_BY_INNER_IP, "1", "'{10.0.0.1,10.0.1.5}'");

            // the one-row host_model_state, read alongside, may well be scanned
            assertThat(plan).contains("host_inner_ip_pkey").contains("host_pkey")
                    .doesNotContain("Seq Scan on host_inner_ip").doesNotContainPattern("Seq Scan on host\\b(?!_)");
        }
    }

    /**
     * The planner's view between a vacuum and the first analyze of a filled table: the row count is
     * known, the spread of the values is not. A generic plan made then is kept until the next
     * invalidation. With the cloud area leading the index, that plan read every address of the area
     * and filtered on the IP (0.7 ms instead of 0.04 at 10,000 hosts; behind the load run's server for
     * a whole minute).
     */
    @Test
    void givenInnerIpsWithoutColumnStatistics_whenPlanningTheLookupByInnerIp_thenTheAddressesBoundTheIndexScan()
            throws SQLException {
        PgSettings settings = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE host_inner_ip SET (autovacuum_enabled = false)");
            statement.execute("INSERT INTO host (bk_host_id, bk_biz_id, version, doc)"
                    + " SELECT g, 1, 1, jsonb_build_object('bk_host_id', g) FROM generate_series(1, 20000) g");
            statement.execute("ANALYZE host");
            statement.execute("INSERT INTO host_inner_ip (bk_cloud_id, ip, bk_host_id)"
                    + " SELECT 0, '10.' || (g / 65536) || '.' || (g / 256 % 256) || '.' || (g % 256), g"
                    + " FROM generate_series(1, 20000) g");
            statement.execute("VACUUM host_inner_ip");
            // as a vacuum leaves it when no older snapshot is open (one of this cluster's may be): all pages all-visible
            try (Connection superuser = TestPostgres.superuserJdbc(settings);
                 Statement catalog = superuser.createStatement()) {
                catalog.execute("UPDATE pg_class SET relallvisible = relpages WHERE relname = 'host_inner_ip'");
            }

            String plan = TestPostgres.genericPlan(connection, PostgresHosts.FIND_BY_INNER_IP, "0", "'{10.0.0.1,10.0.1.5}'");

            assertThat(plan).containsPattern("Index Cond: \\(.*ip = ANY \\(\\$2\\)").doesNotContain("Filter");
        }
    }

    @Test
    void givenTheListenConnectionEnds_whenPostgresqlSaysWhy_thenTheLogSaysSoAndTheStoreListensAgain() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger logger = (Logger) LoggerFactory.getLogger(ModelChangeListener.class);
        logger.addAppender(logged);
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query LIKE 'LISTEN%'");

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logged.list)
                    .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                    .contains(tuple(Level.WARN, "the LISTEN connection for host-model changes failed (FATAL: terminating"
                            + " connection due to administrator command (57P01)); it connects again")));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (ResultSet listening = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query LIKE 'LISTEN%'")) {
                    listening.next();
                    assertThat(listening.getInt(1)).as("listening again").isEqualTo(1);
                }
            });
        } finally {
            logger.detachAppender(logged);
            await(store.close());
        }
    }

    @Test
    void givenCachedModel_whenAnotherServerChangesItAndNotifies_thenTheNextReadSeesTheChange() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);
        assertThat(await(store.loadHostModel())).as("cached until notified").isSameAs(before);

        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("NOTIFY " + PostgresHostModel.CHANNEL);
        }

        HostModel after = eventually(() -> await(store.loadHostModel()), model -> model.revision() == before.revision() + 1);
        assertThat(after.attributeById(1).orElseThrow().nameEn()).isEqualTo("Renamed");
        await(store.close());
    }

    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenHostsAreRead_thenTheNextModelReadSeesTheChange() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);

        await(store.findHostsByInnerIp(CloudAreaId.DEFAULT, List.of(IpAddress.of("10.5.0.1"))));
        HostModel after = await(store.loadHostModel());

        assertThat(after.revision()).as("no notification needed").isEqualTo(before.revision() + 1);
        assertThat(after.attributeById(1).orElseThrow().nameEn()).isEqualTo("Renamed");
        await(store.close());
    }

    /**
     * A request that reads no host (adding hosts, a unique rule naming a new attribute) had only the
     * notification to learn of another server's change, and refused what the change allowed.
     */
    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenTheCurrentModelIsAskedFor_thenItHasTheChange() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);

        HostModel cached = await(store.loadHostModel());
        HostModel current = await(store.loadCurrentHostModel());

        assertThat(cached.revision()).as("the cached copy, no notification having come").isEqualTo(before.revision());
        assertThat(current.revision()).isEqualTo(before.revision() + 1);
        assertThat(current.attributeById(1).orElseThrow().nameEn()).isEqualTo("Renamed");
        await(store.close());
    }

    /** Adding hosts reads no host: its stale write must tell the cache, or its retries plan on the same model. */
    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenCreatingHostsIsStale_thenTheNextModelReadSeesTheChange()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);

        HostsWriteResult created = await(store.createHosts(before.revision(),
                List.of(HostBuilder.creationOf(aHost().withInnerIp("10.5.1.1").build(), before))));
        HostModel after = await(store.loadHostModel());

        assertThat(created).isInstanceOf(HostsWriteResult.Stale.class);
        assertThat(after.revision()).as("no notification needed").isEqualTo(before.revision() + 1);
        await(store.close());
    }

    /**
     * A clone whose first write went stale is planned again on its hosts as locked, and reads no host before
     * that: the locked write must tell the cache the revision it found, or each retry plans on the same cached
     * model, stale again until a notification comes (without notifications, for up to five seconds: it gives
     * up, 1199066).
     */
    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenALockedCloneIsStale_thenTheNextModelReadSeesTheChange()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        Host source = aHost().withInnerIp("10.5.2.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.5.2.2").with("operator", "bob").build();
        await(store.createHosts(before.revision(),
                List.of(HostBuilder.creationOf(source, before), HostBuilder.creationOf(destination, before))));
        renameFirstAttributeWithoutNotifying(settings);

        HostsWriteResult cloned = await(store.updateHosts(List.of(destination.id()), List.of(source.id()),
                (lockedModel, locked) -> Optional.of(List.of(cloneOf(source, destination, before)))));
        HostModel after = await(store.loadHostModel());

        assertThat(cloned).isInstanceOf(HostsWriteResult.Stale.class);
        assertThat(after.revision()).as("no notification needed").isEqualTo(before.revision() + 1);
        await(store.close());
    }

    /**
     * The locks find a revision newer than the cached model (another server's change, not yet notified): the
     * write is handed the model read under its locks, not the cached one, so that a plan on it is written.
     * Until 2026-12-06 the plan got only the hosts, and one planned on the model read before the locks was
     * stale whenever a change committed meanwhile: under a steady stream of changes, until it gave up.
     */
    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenPlannedUnderTheLocks_thenThePlanGetsTheChangedModelAndIsWritten()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        Host host = aHost().withInnerIp("10.5.3.1").build();
        await(store.createHosts(before.revision(), List.of(HostBuilder.creationOf(host, before))));
        renameFirstAttributeWithoutNotifying(settings);
        List<HostModel> handed = new ArrayList<>();

        HostsWriteResult written = await(store.updateHosts(List.of(host.id()), List.of(), (lockedModel, locked) -> {
            handed.add(lockedModel);
            return Optional.of(List.of(HostBuilder.updateOf(locked.get(0), Map.of("bk_comment", "planned locked"), lockedModel)));
        }));

        assertThat(written).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(handed).singleElement().satisfies(model -> {
            assertThat(model.revision()).isEqualTo(before.revision() + 1);
            assertThat(model.attributes().get(0).nameEn()).isEqualTo("Renamed");
            assertThat(model.attributes()).hasSameSizeAs(before.attributes());
            assertThat(model.uniqueRules()).isEqualTo(before.uniqueRules());
        });
        assertThat(await(store.loadHosts(List.of(host.id())))).singleElement()
                .satisfies(stored -> assertThat(stored.document()).containsEntry("bk_comment", "planned locked"));
        await(store.close());
    }

    @Test
    void givenNoNotifications_whenTheCachedModelIsOlderThanItsMaxAge_thenItIsReadAgain() throws SQLException {
        PgSettings settings = TestPostgres.database();
        TimedPool pool = TestPostgres.pool(vertx, settings, 4, 5_000);
        AtomicLong clock = new AtomicLong();
        PostgresHostModel model = new PostgresHostModel(pool, Duration.ofSeconds(5), () -> true, clock::get);
        HostModel first = await(model.loadHostModel());
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE host_model_state SET revision = revision + 1");
        }

        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        HostModel young = await(model.loadHostModel());
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        HostModel old = await(model.loadHostModel());

        assertThat(young).isSameAs(first);
        assertThat(old.revision()).isEqualTo(first.revision() + 1);
        await(pool.close().toCompletionStage());
    }

    @Test
    void givenNotificationsExpectedButNotListening_whenLoadingTheModel_thenNothingIsCachedUntilListeningAgain()
            throws SQLException {
        PgSettings settings = TestPostgres.database();
        TimedPool pool = TestPostgres.pool(vertx, settings, 4, 5_000);
        AtomicBoolean listening = new AtomicBoolean(true);
        PostgresHostModel model = new PostgresHostModel(pool, null, listening::get, System::nanoTime);
        HostModel cached = await(model.loadHostModel());

        listening.set(false);
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE host_model_state SET revision = revision + 1");
        }
        HostModel whileDeaf = await(model.loadHostModel());
        listening.set(true);
        HostModel listeningAgain = await(model.loadHostModel());

        assertThat(await(model.loadHostModel())).as("cached again").isSameAs(listeningAgain);
        assertThat(whileDeaf.revision()).isEqualTo(cached.revision() + 1);
        assertThat(listeningAgain.revision()).isEqualTo(cached.revision() + 1);
        await(pool.close().toCompletionStage());
    }

    @Test
    void givenManyAuditRecords_whenPlanningOneBusinessInATimeRange_thenItUsesTheBusinessTimeIndex() throws SQLException {
        PgSettings settings = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            analyzedAuditRecords(statement, 20_000);

            String plan = TestPostgres.genericPlan(connection, "SELECT id FROM audit_record WHERE bk_biz_id = $1 AND operation_time >= $2::timestamptz",
                    "7", "now() - interval '30 days'");

            assertThat(plan).contains("audit_record_business_time_idx").doesNotContain("Seq Scan");
        }
    }

    @Test
    void givenManyBusinesses_whenPlanningTheMaintainerFilter_thenTheMaintainerIndexServesIt() throws SQLException {
        PgSettings settings = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO business (bk_biz_name, properties) SELECT 'biz' || g,"
                    + " jsonb_build_object('bk_biz_name', 'biz' || g, 'bk_biz_maintainer', 'user' || g || ', ops' || (g % 100))"
                    + " FROM generate_series(1, 20000) g");
            statement.execute("ANALYZE business");
            // what matters is that the query's expression is the index's; which plan is cheaper depends on the data
            statement.execute("SET enable_seqscan = off");

            String plan = TestPostgres.genericPlan(connection, "SELECT bk_biz_id FROM business WHERE " + PostgresBusinesses.MAINTAINERS
                    + " @> ARRAY[$1::text]", "'user42'");

            assertThat(plan).contains("business_maintainers_idx").doesNotContain("Seq Scan");
        }
    }

    @Test
    void givenNoNotifications_whenThisServerChangesTheModel_thenItsNextReadSeesTheChangeAtOnce() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database().withListenForModelChanges(false)));
        HostModel cached = await(store.loadHostModel());

        Attribute created = await(store.createAttribute(HostModelChangeContract.attribute("rack", "Rack", null)));
        HostModel afterAttribute = await(store.loadHostModel());
        boolean deleted = await(store.deleteUniqueRule(HostModelChangeContract.OUTER_IP_RULE));
        HostModel afterDeletion = await(store.loadHostModel());

        assertThat(afterAttribute.revision()).isEqualTo(cached.revision() + 1);
        assertThat(afterAttribute.attributeById(created.id())).contains(created);
        assertThat(deleted).isTrue();
        assertThat(afterDeletion.uniqueRule(HostModelChangeContract.OUTER_IP_RULE)).isEmpty();
        await(store.close());
    }

    @Test
    void givenTwoServersOnOneDatabase_whenEitherChangesTheModel_thenTheOtherSeesItAndRefusesWritesPlannedBefore() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore one = await(PostgresStore.start(vertx, settings));
        PostgresStore two = await(PostgresStore.start(vertx, settings));
        Host host = aHost().withInnerIp("10.50.0.1").with("bk_sn", "SN-50").build();
        await(one.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        HostModel cachedByTwo = await(two.loadHostModel());

        Attribute created = await(one.createAttribute(HostModelChangeContract.attribute("rack", "Rack", null)));

        assertThat(await(one.loadHostModel()).attributeById(created.id())).as("at once where it changed").contains(created);
        HostModel seenByTwo = eventually(() -> await(two.loadHostModel()), model -> model.revision() == cachedByTwo.revision() + 1);
        assertThat(seenByTwo.attributeById(created.id())).contains(created);
        assertThat(await(two.updateHost(HostBuilder.updateOf(host, Map.of("bk_comment", "late"), cachedByTwo))))
                .isInstanceOf(HostWriteResult.Stale.class);

        UniqueRule rule = await(two.createUniqueRule(HostModelChangeContract.SN_RULE,
                HostModelChangeContract.keysUnder(seenByTwo, HostModelChangeContract.SN_RULE)));

        HostModel seenByOne = eventually(() -> await(one.loadHostModel()), model -> model.revision() == seenByTwo.revision() + 1);
        assertThat(seenByOne.uniqueRule(rule.id())).contains(rule);
        Host copy = aHost().withInnerIp("10.50.0.2").with("bk_sn", "SN-50").build();
        Throwable refused = failureOf(one.createHosts(seenByOne.revision(), List.of(HostBuilder.creationOf(copy, seenByOne))));
        assertThat(refused).isInstanceOf(RejectedException.class);
        await(one.close());
        await(two.close());
    }

    @Test
    void givenStartedStore_whenCheckedForReadiness_thenReadyUntilClosed() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));

        assertThat(await(store.checkStoreReadiness()))
                .isEqualTo(SchemaStatus.applied("schema at version " + CURRENT_VERSION));
        await(store.close());

        Throwable failure = failureOf(store.checkStoreReadiness());
        assertThat(failure).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to answer a readiness check (the store is closed)");
    }

    /**
     * An application may keep a port (through a use case) past the store's close(): each kind of call, a keyed read,
     * a statement on a connection of its own and a transaction, is then unavailable saying the store is closed.
     * Until 2026-12-06 each failed as a fault of the store (PostgresStoreException: "PostgreSQL could not load hosts:
     * IllegalStateException"), which a server logs at ERROR with its trace and answers 1199998.
     */
    @Test
    void givenAClosedStore_whenItsPortsAreCalled_thenEachIsUnavailableSayingTheStoreIsClosedAndNothingIsWritten()
            throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        Host source = aHost().withInnerIp("10.66.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.66.0.2").with("operator", "bob").build();
        createBoth(store, source, destination);
        await(store.loadHosts(List.of(source.id())));
        await(store.close());

        assertThat(failureOf(store.loadHosts(List.of(source.id())))).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to load hosts (the store is closed)");
        assertThat(failureOf(store.loadAuditTrail("host", source.id().value())))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to load an audit trail (the store is closed)");
        assertThat(failureOf(store.updateHost(HostBuilder.copyOf(source, destination))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to update a host (the store is closed)");
        assertThat(TestPostgres.number(settings, "SELECT count(*) FROM audit_record")).isEqualTo(2);
    }

    @Test
    void givenMigrationHistoryLosingTheVersionTheStoreStartedOn_whenCheckedForReadiness_thenMigrationsAreNotApplied()
            throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE flyway_schema_history SET success = false"
                    + " WHERE version = '" + CURRENT_VERSION + "'");
        }

        assertThat(await(store.checkStoreReadiness()))
                .isEqualTo(SchemaStatus.notApplied("schema version " + CURRENT_VERSION + " is not applied"));
        await(store.close());
    }

    @Test
    void givenNoServerListening_whenStarting_thenFailsAsStoreUnavailable() {
        PgSettings nowhere = new PgSettings("localhost", 1, "hostclone", "postgres", "")
                .withTimeout(Duration.ofSeconds(1));

        Throwable failure = failureOf(PostgresStore.start(vertx, nowhere));

        assertThat(failure).isInstanceOf(StoreUnavailableException.class);
        assertThat(failure.getMessage()).doesNotContain("password");
    }

    /**
     * A transaction's connection closed between its round trips (the backend terminated, PostgreSQL
     * restarted, a DBA's {@code idle_in_transaction_session_timeout}) fails the next statement with a bare
     * Vert.x exception; that is the database unavailable, answered "retry later", not an unexpected fault.
     */
    @Test
    void givenATransactionWhoseBackendIsTerminatedBetweenItsStatements_whenItGoesOn_thenTheStoreIsUnavailable() {
        PgSettings settings = TestPostgres.database();
        TimedPool pool = TestPostgres.pool(vertx, settings, 1, 5_000);
        try {
            Future<RowSet<Row>> run = Transactions.run(pool, connection -> {
                Promise<Void> closed = Promise.promise();
                connection.closeHandler(closed::tryComplete);
                return connection.query("SELECT pg_backend_pid()").execute()
                        .compose(rows -> vertx.executeBlocking(() -> TestPostgres.number(settings,
                                "SELECT count(*) FROM pg_terminate_backend(" + rows.iterator().next().getInteger(0) + ")")))
                        .compose(terminated -> closed.future())
                        .compose(gone -> connection.query("SELECT 1").execute());
            }, rows -> true);

            Throwable failure = Stages.outcome(run.toCompletionStage());

            assertThat(PostgresStoreException.wrap("update hosts", failure)).as(failure.toString())
                    .isInstanceOf(StoreUnavailableException.class);
        } finally {
            await(pool.close().toCompletionStage());
        }
    }

    /**
     * A database that takes no writes now (a primary demoted by a failover that the address still names,
     * maintenance) refuses each write whole: the store is unavailable for it, and a retry may succeed.
     */
    @Test
    void givenADatabaseThatTakesNoWrites_whenAHostIsWritten_thenTheStoreIsUnavailableAndNothingWritten() throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostCreation host = HostBuilder.creationOf(aHost().withInnerIp("10.63.0.1").build());
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE \"" + settings.database() + "\" SET default_transaction_read_only = on");
            await(store.close());
            store = await(PostgresStore.start(vertx, settings));

            Throwable refused = Stages.outcome(store.createHosts(HostBuilder.MODEL.revision(), List.of(host)));

            assertThat(refused).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("SQLSTATE 25006");
            statement.execute("ALTER DATABASE \"" + settings.database() + "\" RESET default_transaction_read_only");
        } finally {
            await(store.close());
        }
        assertThat(TestPostgres.number(settings, "SELECT count(*) FROM host")).as("hosts written").isZero();
    }

    /**
     * The pools' connections carry TCP keepalive, so a connection whose peer vanished is found dead by the
     * kernel's probes. Until Vert.x 5.0.10 the PostgreSQL client dropped the transport options it was given,
     * and no connection had it. Read off the sockets with {@code ss}, which prints a keepalive timer for each
     * socket that has one.
     */
    @Test
    void givenAStoreThatRead_whenItsConnectionsAreInspected_thenEachHasTcpKeepalive() throws Exception {
        PgSettings settings = TestPostgres.database().withListenForModelChanges(false);
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try {
            await(store.loadHosts(List.of(HostId.of(1))));
            List<String> clientPorts;
            try (Connection connection = TestPostgres.jdbc(settings)) {
                clientPorts = TestPostgres.column(connection, "SELECT client_port::text FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND client_port > 0");
            }

            assertThat(clientPorts).isNotEmpty();
            for (String port : clientPorts) {
                Process ss = new ProcessBuilder("ss", "-tno", "state", "established", "( sport = :" + port + " )")
                        .redirectErrorStream(true).start();
                String sockets = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(ss.waitFor()).isZero();
                assertThat(sockets).as("the socket from port " + port).contains(":" + port).contains("timer:(keepalive");
            }
        } finally {
            await(store.close());
        }
    }

    @Test
    void givenAServerThatAcceptsButNeverAnswers_whenStarting_thenTheStartFailsAfterItsTimeouts() throws Exception {
        ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.start();
        try {
            PgSettings settings = new PgSettings("127.0.0.1", silent.getLocalPort(), "hostclone", "postgres", "")
                    .withTimeout(Duration.ofSeconds(1));

            // the history read and Flyway's login each give up after the store timeout, not the start's own bound
            Throwable failure = failureWithin(PostgresStore.start(vertx, settings), Duration.ofSeconds(30));

            assertThat(failure).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("PostgreSQL is unavailable to start the store");
            assertThat(accepted).as("connections were made, then never answered").isNotEmpty();
        } finally {
            // every connection ever accepted is closed, so that no client still waits for an answer when Vert.x
            // closes: a connection accepted after the last look at the list once held vertx.close() past 60 s
            silent.close();
            acceptor.join();
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void givenStoredHost_whenLookingItUpThroughTheStore_thenFoundByTheIndexedIp() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));
        Host host = aHost().withInnerIp("10.3.0.1").inCloud(0).build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));

        assertThat(await(store.findHostsByInnerIp(CloudAreaId.DEFAULT, List.of(IpAddress.of("10.3.0.1")))))
                .containsExactly(host);
        await(store.close());
    }

    /**
     * A model change waits for the host writes in flight, and the writes that come while it waits wait
     * behind it: with a row lock, each new write's {@code FOR SHARE} went past the change's waiting
     * {@code FOR UPDATE}, and under a steady stream of clones the change waited until it timed out.
     */
    @Test
    void givenAModelChangeWaitingForAHostWrite_whenAnotherHostWriteComes_thenItWaitsBehindTheChange() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        String share = "SELECT revision FROM host_model_state WHERE id = 1 FOR SHARE";
        try (Connection inFlight = TestPostgres.jdbc(settings); Connection later = TestPostgres.jdbc(settings)) {
            inFlight.setAutoCommit(false);
            TestPostgres.number(inFlight, share);
            CompletableFuture<Attribute> changing = store.createAttribute(
                    HostModelChangeContract.attribute("rack_" + System.nanoTime(), "Rack", null)).toCompletableFuture();
            awaitOneWaitingForALock(settings);

            later.setAutoCommit(false);
            try (Statement statement = later.createStatement()) {
                statement.execute("SET LOCAL lock_timeout = '1s'");
            }
            Throwable heldOff = catchThrowable(() -> TestPostgres.number(later, share));
            inFlight.commit();

            assertThat(heldOff).as("the later write held off").isInstanceOf(SQLException.class);
            assertThat(((SQLException) heldOff).getSQLState()).as("lock_not_available").isEqualTo("55P03");
            assertThat(changing.get(30, TimeUnit.SECONDS).id()).isPositive();
            later.rollback();
        }
        await(store.close());
    }

    /**
     * Two writes claiming the same unique keys in opposite orders deadlock; PostgreSQL rolls one back
     * (40P01), here the store's, whose session looks for it first. That write is stale, for its caller to read
     * again, not a failure: a retry finds the key taken or free. It is counted as a deadlock, which the
     * retry would hide otherwise.
     */
    @Test
    void givenAnotherTransactionClaimingTheSameKeysInTheOtherOrder_whenTheyDeadlock_thenTheStoresWriteIsStaleAndCounted()
            throws Exception {
        PgSettings settings = TestPostgres.databaseForDeadlocks();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostCreation first = HostBuilder.creationOf(aHost().withInnerIp("10.61.0.1").build());
        HostCreation second = HostBuilder.creationOf(aHost().withInnerIp("10.61.0.2").build());
        try (Connection other = TestPostgres.outwaitingDeadlocks(settings)) {
            other.setAutoCommit(false);
            claim(other, second.uniqueKeys().iterator().next());
            CompletableFuture<HostsWriteResult> creating =
                    store.createHosts(HostBuilder.MODEL.revision(), List.of(first, second)).toCompletableFuture();
            awaitOneWaitingForALock(settings);

            claim(other, first.uniqueKeys().iterator().next());

            assertThat(creating.get(30, TimeUnit.SECONDS)).isInstanceOf(HostsWriteResult.Stale.class);
            other.rollback();
        }
        assertThat(TestPostgres.number(settings, "SELECT count(*) FROM host")).as("hosts written").isZero();
        assertThat(store.rolledBackWrites().count(RolledBackWrites.Cause.DEADLOCK)).isEqualTo(1);
        assertThat(store.rolledBackWrites().count(RolledBackWrites.Cause.SERIALIZATION_FAILURE)).isZero();
        await(store.close());
    }

    /**
     * On a database whose default isolation is serializable, a write that waited for another's row finds
     * it changed once that commits, and PostgreSQL fails it (40001) where read committed would read the row
     * again. That write is stale too, and counted as a serialization failure.
     */
    @Test
    void givenASerializableDatabase_whenAWriteWaitsForAHostAnotherWriteChangesAndCommits_thenItIsStaleAndCounted()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        try (Connection admin = TestPostgres.jdbc(settings); Statement statement = admin.createStatement()) {
            statement.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET default_transaction_isolation = "
                    + "''serializable''', current_database()); END $$");
        }
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        Host source = aHost().withInnerIp("10.65.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.65.0.2").with("operator", "bob").build();
        createBoth(store, source, destination);
        try (Connection other = TestPostgres.jdbc(settings); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("UPDATE host SET version = version + 1, doc = doc || '{\"operator\":\"carol\"}'"
                    + " WHERE bk_host_id = " + destination.id().value());
            CompletableFuture<HostWriteResult> copying =
                    store.updateHost(HostBuilder.copyOf(source, destination)).toCompletableFuture();
            awaitOneWaitingForALock(settings);

            other.commit();

            assertThat(copying.get(30, TimeUnit.SECONDS)).isInstanceOf(HostWriteResult.Stale.class);
        }
        assertThat(store.rolledBackWrites().count(RolledBackWrites.Cause.SERIALIZATION_FAILURE)).isEqualTo(1);
        assertThat(store.rolledBackWrites().count(RolledBackWrites.Cause.DEADLOCK)).isZero();
        await(store.close());
    }

    /** Until one backend of the database waits for a lock another holds: the store's statement, sent meanwhile. */
    private static void awaitOneWaitingForALock(PgSettings settings) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.number(settings,
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 1);
    }

    /**
     * A batch claims its keys in one order, whatever order its hosts came in: holding the first of them
     * blocks the batch before it has claimed any other, so another transaction can claim the rest without
     * waiting. Claimed in input order, the batch held the second host's key, and that claim waited on it.
     */
    @Test
    void givenAnotherTransactionHoldingTheLowestKeyOfABatch_whenTheBatchWaits_thenItHoldsNoOtherKeyOfIt() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostCreation lower = HostBuilder.creationOf(aHost().withInnerIp("10.62.0.1").build());
        HostCreation higher = HostBuilder.creationOf(aHost().withInnerIp("10.62.0.2").build());
        try (Connection other = TestPostgres.jdbc(settings); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SET lock_timeout = '500ms'");
            claim(other, innerIpKey(lower));
            CompletableFuture<HostsWriteResult> creating =
                    store.createHosts(HostBuilder.MODEL.revision(), List.of(higher, lower)).toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.number(settings,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 1);

            claim(other, innerIpKey(higher));
            other.rollback();

            assertThat(creating.get(30, TimeUnit.SECONDS)).isInstanceOf(HostsWriteResult.AllWritten.class);
        }
        assertThat(TestPostgres.number(settings, "SELECT count(*) FROM host")).as("hosts written").isEqualTo(2);
        await(store.close());
    }

    /**
     * A clone's write waits for a transaction writing its source, and then finds the source moved:
     * without the source's lock its statement's snapshot still showed the old version, and two crossed
     * clones each wrote the other's old values.
     */
    @ParameterizedTest(name = "the source''s id the lower: {0}")
    @ValueSource(booleans = {true, false})
    void givenAnotherTransactionWritingTheSource_whenACloneWrites_thenItWaitsAndIsStaleOnceThatCommits(boolean sourceLower)
            throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        Host first = aHost().withInnerIp("10.63.0.1").with("operator", "alice").build();
        Host second = aHost().withInnerIp("10.63.0.2").with("operator", "bob").build();
        assertThat(first.id().value()).isLessThan(second.id().value());
        Host source = sourceLower ? first : second;
        Host destination = sourceLower ? second : first;
        await(store.createHosts(HostBuilder.MODEL.revision(),
                List.of(HostBuilder.creationOf(first), HostBuilder.creationOf(second))));
        try (Connection other = TestPostgres.jdbc(settings); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("UPDATE host SET version = version + 1, doc = doc || '{\"operator\":\"carol\"}'"
                    + " WHERE bk_host_id = " + source.id().value());
            CompletableFuture<HostWriteResult> copying =
                    store.updateHost(HostBuilder.copyOf(source, destination)).toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.number(settings,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 1);

            other.commit();

            assertThat(copying.get(30, TimeUnit.SECONDS)).isInstanceOf(HostWriteResult.Stale.class);
        }
        assertThat(await(store.loadHosts(List.of(destination.id()))).get(0)).isEqualTo(destination);
        await(store.close());
    }

    /**
     * A batch waits for a transaction writing one of its hosts, and is then planned on what that
     * committed: a batch planned before its locks found the host moved and was read and planned again,
     * and against clients cloning onto its hosts gave up after twelve tries about once in 25.
     */
    @Test
    void givenAnotherTransactionWritingAHostOfABatch_whenTheBatchWrites_thenItWaitsAndIsPlannedOnWhatThatCommitted()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        Host first = aHost().withInnerIp("10.64.0.1").build();
        Host second = aHost().withInnerIp("10.64.0.2").build();
        createBoth(store, first, second);
        try (Connection other = TestPostgres.jdbc(settings); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("UPDATE host SET version = version + 1, doc = doc || '{\"operator\":\"carol\"}'"
                    + " WHERE bk_host_id = " + second.id().value());
            CompletableFuture<HostsWriteResult> batch = store.updateHosts(List.of(first.id(), second.id()), List.of(),
                    (lockedModel, locked) -> Optional.of(locked.stream().map(host -> HostBuilder.updateOf(host, Map.of("bk_comment", "batch")))
                            .toList())).toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.number(settings,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 1);

            other.commit();

            assertThat(batch.get(30, TimeUnit.SECONDS)).isInstanceOf(HostsWriteResult.AllWritten.class);
        }
        Host secondNow = await(store.loadHosts(List.of(second.id()))).get(0);
        assertThat(secondNow.document()).containsEntry("operator", "carol").containsEntry("bk_comment", "batch");
        assertThat(secondNow.version()).isEqualTo(second.version() + 2);
        await(store.close());
    }

    /**
     * A clone planned under its locks holds its source shared: another clone's first write from that source,
     * which takes it {@code FOR SHARE} too, goes on while the first is still planning. Taken
     * {@code FOR NO KEY UPDATE}, the source held every such write off for the locked attempt's three round trips.
     */
    @Test
    void givenACloneHoldingItsSourceUnderItsLocks_whenAnotherCloneFromThatSourceWritesFirst_thenItIsNotHeldOff()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        Host source = aHost().withInnerIp("10.65.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.65.0.2").with("operator", "bob").build();
        Host another = aHost().withInnerIp("10.65.0.3").with("operator", "carol").build();
        try (HeldClone held = HeldClone.planning(settings, source, destination)) {
            await(held.others.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(another))));

            CompletableFuture<HostWriteResult> copying = held.others.updateHost(HostBuilder.copyOf(source, another))
                    .toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> copying.isDone() || lockWaiters(settings) > 0);

            assertThat(copying).as("not waiting for the clone under its locks").isCompleted();
            assertThat(copying.get()).isInstanceOf(HostWriteResult.Written.class);
            assertThat(held.finish()).isInstanceOf(HostsWriteResult.AllWritten.class);
        }
    }

    /** Shared or not, the source is held: a write of it waits until the clone planned on it has ended. */
    @Test
    void givenACloneHoldingItsSourceUnderItsLocks_whenTheSourceIsWritten_thenTheWriteWaitsForTheCloneToEnd()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        Host source = aHost().withInnerIp("10.66.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.66.0.2").with("operator", "bob").build();
        try (HeldClone held = HeldClone.planning(settings, source, destination)) {

            CompletableFuture<HostWriteResult> writing = held.others.updateHost(
                    HostBuilder.updateOf(source, Map.of("operator", "dave"))).toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> writing.isDone() || lockWaiters(settings) == 1);

            assertThat(writing).as("waiting for the clone under its locks").isNotDone();
            assertThat(held.finish()).isInstanceOf(HostsWriteResult.AllWritten.class);
            assertThat(writing.get(30, TimeUnit.SECONDS)).isInstanceOf(HostWriteResult.Written.class);
            assertThat(await(held.others.loadHosts(List.of(destination.id()))).get(0).value("operator")).isEqualTo("alice");
            assertThat(await(held.others.loadHosts(List.of(source.id()))).get(0).value("operator")).isEqualTo("dave");
        }
    }

    private static long lockWaiters(PgSettings settings) throws SQLException {
        return TestPostgres.number(settings, "SELECT count(*) FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND datname = current_database()");
    }

    /**
     * A clone of {@code source} onto {@code destination} planned under its locks, held open inside its plan
     * until {@link #finish}, on a Vert.x of its own: the plan blocks its event loop, and {@link #others}, a
     * second store on the same database, writes meanwhile on connections of its own.
     */
    private static final class HeldClone implements AutoCloseable {

        private final Vertx lockingVertx;
        private final PostgresStore locking;
        final PostgresStore others;
        private final CountDownLatch release = new CountDownLatch(1);
        private CompletableFuture<HostsWriteResult> clone;

        private HeldClone(Vertx lockingVertx, PostgresStore locking, PostgresStore others) {
            this.lockingVertx = lockingVertx;
            this.locking = locking;
            this.others = others;
        }

        static HeldClone planning(PgSettings settings, Host source, Host destination) throws InterruptedException {
            Vertx lockingVertx = Vertx.vertx();
            HeldClone held = new HeldClone(lockingVertx, await(PostgresStore.start(lockingVertx, settings)),
                    await(PostgresStore.start(vertx, settings)));
            createBoth(held.others, source, destination);
            CountDownLatch planning = new CountDownLatch(1);
            held.clone = held.locking.updateHosts(List.of(destination.id()), List.of(source.id()), (lockedModel, locked) -> {
                planning.countDown();
                try {
                    return held.release.await(30, TimeUnit.SECONDS)
                            ? Optional.of(List.of(HostBuilder.copyOf(source, destination))) : Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }).toCompletableFuture();
            assertThat(planning.await(30, TimeUnit.SECONDS)).as("planning under the locks").isTrue();
            return held;
        }

        /** Lets the plan return, and the clone's answer. */
        HostsWriteResult finish() throws Exception {
            release.countDown();
            return clone.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            release.countDown();
            await(locking.close());
            await(others.close());
            await(lockingVertx.close().toCompletionStage());
        }
    }

    private static UniqueKey innerIpKey(HostCreation creation) {
        return creation.uniqueKeys().stream().filter(key -> key.fields().contains("bk_host_innerip")).findFirst().orElseThrow();
    }

    private static void claim(Connection connection, UniqueKey key) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO host_unique_key"
                + " (rule_id, key_hash, key_text, bk_host_id) VALUES (?, sha256(convert_to(?, 'UTF8')), ?, 999)")) {
            insert.setLong(1, key.ruleId());
            insert.setString(2, key.text());
            insert.setString(3, key.text());
            insert.executeUpdate();
        }
    }

    @Test
    void givenHost_whenACloneWritesIt_thenOneStatementCarriesTheUpdateAndItsAuditRecord() {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PostgresStore store = await(PostgresStore.start(traced, TestPostgres.database()));
        Host host = aHost().withInnerIp("10.4.0.1").with("bk_comment", "old").build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        await(store.loadHostModel());
        statements.clear();

        HostWriteResult result = await(store.updateHost(HostBuilder.updateOf(host, Map.of("bk_comment", "new"))));

        assertThat(result).isInstanceOf(HostWriteResult.Written.class);
        assertThat(statements).containsExactly(HostUpdateStatements.UPDATE);
        assertThat(HostUpdateStatements.UPDATE).as("the model check rides along").contains("FOR SHARE");
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    /**
     * A unique rule's creation reads every host and writes a key for each: past a few hundred thousand hosts
     * that takes longer than the store's timeout, and the rule could never be created. Here the hosts' table
     * is held for twice the store's timeout instead, which a read of every host has to wait out all the same.
     */
    @Test
    void givenEveryHostTakingLongerThanTheStoreTimeout_whenAUniqueRuleIsCreated_thenItIsCreated() throws Exception {
        PgSettings settings = TestPostgres.database().withTimeout(Duration.ofSeconds(1));
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        Host host = aHost().withInnerIp("10.65.0.1").with("bk_sn", "SN-65").build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        HostModel model = await(store.loadHostModel());
        CompletableFuture<UniqueRule> creating;
        try (Connection other = TestPostgres.jdbc(settings); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("LOCK TABLE host IN ACCESS EXCLUSIVE MODE");
            creating = store.createUniqueRule(HostModelChangeContract.SN_RULE,
                    HostModelChangeContract.keysUnder(model, HostModelChangeContract.SN_RULE)).toCompletableFuture();
            awaitOneWaitingForALock(settings);
            Thread.sleep(2 * settings.timeout().toMillis());
            other.rollback();
        }

        UniqueRule rule = creating.get(30, TimeUnit.SECONDS);

        assertThat(TestPostgres.number(settings, "SELECT count(*) FROM host_unique_key WHERE rule_id = " + rule.id()))
                .as("keys under the new rule").isEqualTo(1);
        await(store.close());
    }

    /**
     * A new rule's keys are computed for every host, seconds of CPU for a few hundred thousand: on a worker
     * thread, so that the event loop that runs the store's statements goes on serving other requests meanwhile.
     */
    @Test
    void givenHosts_whenAUniqueRuleIsCreated_thenTheirKeysAreComputedOffTheEventLoop() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));
        Host host = aHost().withInnerIp("10.66.0.1").with("bk_sn", "SN-66").build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        HostModel model = await(store.loadHostModel());
        Function<Host, Collection<UniqueKey>> keys = HostModelChangeContract.keysUnder(model, HostModelChangeContract.SN_RULE);
        List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();

        await(store.createUniqueRule(HostModelChangeContract.SN_RULE, keyed -> {
            onEventLoop.add(Context.isOnEventLoopThread());
            return keys.apply(keyed);
        }));

        assertThat(onEventLoop).containsExactly(false);
        await(store.close());
    }

    /** As a rule's creation, its deletion: every key of the rule deleted, past the store's timeout. */
    @Test
    void givenEveryKeyTakingLongerThanTheStoreTimeout_whenAUniqueRuleIsDeleted_thenItIsDeleted() throws Exception {
        PgSettings settings = TestPostgres.database().withTimeout(Duration.ofSeconds(1));
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        CompletableFuture<Boolean> deleting;
        try (Connection other = TestPostgres.jdbc(settings); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("LOCK TABLE host_unique_key IN ACCESS EXCLUSIVE MODE");
            deleting = store.deleteUniqueRule(HostModelChangeContract.OUTER_IP_RULE).toCompletableFuture();
            awaitOneWaitingForALock(settings);
            Thread.sleep(2 * settings.timeout().toMillis());
            other.rollback();
        }

        assertThat(deleting.get(30, TimeUnit.SECONDS)).isTrue();
        await(store.close());
    }

    /**
     * A new rule's keys are computed from every host, under the model's lock: read whole, a fleet's
     * documents filled the heap (100,000 hosts of 1.4 kB at 256 MB). Only the fields the keys come from
     * are read, and the keys are the ones the whole documents give.
     */
    @Test
    void givenHostsWithLongValues_whenAUniqueRuleIsCreated_thenOnlyTheKeyFieldsAreReadAndTheKeysAreRight() throws SQLException {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(traced, settings));
        Host first = aHost().withInnerIp("10.64.0.1").with("bk_sn", "SN-1").with("bk_comment", "x".repeat(1_000)).build();
        Host second = aHost().withInnerIp("10.64.0.2").with("bk_comment", "y".repeat(1_000)).build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(first),
                HostBuilder.creationOf(second))));
        HostModel model = await(store.loadHostModel());
        statements.clear();

        UniqueRule rule = await(store.createUniqueRule(HostModelChangeContract.SN_RULE,
                HostModelChangeContract.keysUnder(model, HostModelChangeContract.SN_RULE)));

        assertThat(statements).contains(PostgresModelChanges.LOAD_KEY_FIELDS);
        try (Connection connection = TestPostgres.jdbc(settings)) {
            assertThat(TestPostgres.column(connection, "SELECT key_text || '@' || bk_host_id FROM host_unique_key"
                    + " WHERE rule_id = " + rule.id()))
                    .containsExactly(UniqueKey.of(rule.id(), List.of("bk_sn"), List.of("SN-1")).text() + "@" + first.id().value());
        }
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    /**
     * The update statement reads {@code pre_data} from the row it replaces and takes none from the
     * record: a record claiming another one shows it (the application's records always carry the
     * stored document, see {@code HostUpdate}).
     */
    @Test
    void givenAnUpdateWhoseRecordClaimsAnotherPreviousDocument_whenWritten_thenTheAuditHasTheRowItReplaced() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));
        Host host = aHost().withInnerIp("10.4.0.2").with("bk_comment", "stored").build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        HostUpdate update = HostBuilder.updateOf(host, Map.of("bk_comment", "new"));
        AuditRecord planned = update.audit();
        AuditRecord claiming = new AuditRecord(0, planned.auditType(), planned.resourceType(), planned.action(),
                planned.business(), planned.resourceId(), planned.resourceName(), planned.user(), planned.appCode(),
                planned.requestId(), planned.operateFrom(), planned.operationTime(),
                Map.of("bk_comment", "not what is stored"), planned.curData(), planned.updateFields());

        HostWriteResult result = await(store.updateHost(new HostUpdate(update.host(), update.expectedVersion(),
                update.modelRevision(), update.changes(), update.uniqueKeys(), claiming)));

        assertThat(result).isInstanceOf(HostWriteResult.Written.class);
        List<AuditRecord> trail = await(store.loadAuditTrail(AuditRecord.HOST, host.id().value()));
        assertThat(trail.get(trail.size() - 1).preData()).isEqualTo(host.document());
        assertThat(trail.get(trail.size() - 1).updateFields()).isEqualTo(Map.of("bk_comment", "new"));
        await(store.close());
    }

    /** The model cached at the revision the locks find (a batch reads it before): the transaction reads none. */
    @Test
    void givenHostsAndTheModelCached_whenABatchUpdatesThem_thenOneTransactionTakesTheLocksThenSendsEachUpdate() {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PostgresStore store = await(PostgresStore.start(traced, TestPostgres.database()));
        Host first = aHost().withInnerIp("10.4.1.1").build();
        Host second = aHost().withInnerIp("10.4.1.2").build();
        createBoth(store, first, second);
        await(store.loadHostModel());
        statements.clear();

        HostsWriteResult result = commentBoth(store, first, second);

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(statements).containsExactly(ModelRevision.SHARE, LockedHostUpdates.LOCK_HOSTS, HostUpdateStatements.UPDATE, HostUpdateStatements.UPDATE);
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    /** The cached model older than the revision the locks find: the transaction reads the model after its locks, before its updates. */
    @Test
    void givenTheCachedModelOlderThanTheLocksFind_whenABatchUpdatesHosts_thenTheTransactionReadsTheModelBetweenLocksAndUpdates()
            throws SQLException {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(traced, settings));
        Host first = aHost().withInnerIp("10.4.3.1").build();
        Host second = aHost().withInnerIp("10.4.3.2").build();
        createBoth(store, first, second);
        await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);
        statements.clear();

        HostsWriteResult result = await(store.updateHosts(List.of(first.id(), second.id()), List.of(),
                (lockedModel, locked) -> Optional.of(locked.stream()
                        .map(host -> HostBuilder.updateOf(host, Map.of("bk_comment", "c"), lockedModel, HostBuilder.ACTOR,
                                HostBuilder.now(), false)).toList())));

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(statements).containsExactly(ModelRevision.SHARE, LockedHostUpdates.LOCK_HOSTS,
                PostgresHostModel.ATTRIBUTES, PostgresHostModel.RULES, HostUpdateStatements.UPDATE, HostUpdateStatements.UPDATE);
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    @Test
    void givenABatchWhoseSecondHostMoved_whenUpdated_thenNoUpdateIsSentSoNoRowIsLeftToVacuum() {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PostgresStore store = await(PostgresStore.start(traced, TestPostgres.database()));
        Host first = aHost().withInnerIp("10.4.2.1").build();
        Host second = aHost().withInnerIp("10.4.2.2").build();
        createBoth(store, first, second);
        await(store.updateHost(HostBuilder.updateOf(second, Map.of("bk_comment", "moved on"))));
        await(store.loadHostModel());
        statements.clear();

        HostsWriteResult result = commentBoth(store, first, second);

        assertThat(result).isInstanceOf(HostsWriteResult.Stale.class);
        // an update sent, then rolled back, would leave a dead host row and a dead audit row behind
        assertThat(statements).containsExactly(ModelRevision.SHARE, LockedHostUpdates.LOCK_HOSTS);
        assertThat(await(store.loadHosts(List.of(first.id()))).get(0).version()).isEqualTo(first.version());
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    /** The tables HostClone's migrations leave, Flyway's history among them, are those the store meters, no more, no fewer. */
    @Test
    void givenAMigratedDatabase_whenTheSizesAreRead_thenEveryTableOfTheSchemaHasWhatPostgresSaysOfIt() throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try (Connection connection = TestPostgres.jdbc(settings)) {
            Map<String, Long> sizes = bytes(await(store.tableSizes()));

            assertThat(sizes).containsOnlyKeys("app", "audit_record", "business", "cloud_area", "flyway_schema_history",
                    "host", "host_attribute", "host_inner_ip", "host_model_state", "host_unique_key", "host_unique_rule");
            assertThat(sizes.keySet()).as("the tables of the migrated schema").isEqualTo(tablesOfTheSchema(connection))
                    .containsExactlyInAnyOrderElementsOf(Migrations.TABLES);
            assertThat(sizes).isEqualTo(totalRelationSizes(connection, sizes.keySet()));
            // the empty audit table still has its indexes' first pages
            assertThat(sizes.get("audit_record")).isPositive();
        } finally {
            await(store.close());
        }
    }

    /**
     * An operator's table, or another tool's, made in HostClone's schema is not HostClone's to meter: each table read
     * becomes series of its own, and a dashboard expects a known set of them. Nor is a table of another schema.
     */
    @Test
    void givenTablesAnotherToolMadeInTheSchemaAndInAnother_whenTheSizesAreRead_thenOnlyHostClonesOwnAreListed()
            throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE operator_notes (note text)");
            statement.execute("INSERT INTO operator_notes SELECT repeat('x', 100) FROM generate_series(1, 1000)");
            statement.execute("CREATE TABLE partitioned_by_a_tool (day date) PARTITION BY RANGE (day)");
            statement.execute("CREATE SCHEMA elsewhere");
            statement.execute("CREATE TABLE elsewhere.not_ours (note text)");

            Map<String, TableSize> sizes = await(store.tableSizes());

            assertThat(sizes).containsOnlyKeys(Migrations.TABLES);
        } finally {
            await(store.close());
        }
    }

    @Test
    void givenOneOfItsTablesThatGrows_whenTheSizesAreRead_thenItIsFoundGrownWithTheLastAnalyzesEstimate() throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            // no autovacuum: its analyze would set the estimate at a moment of its own
            statement.execute("ALTER TABLE business SET (autovacuum_enabled = false)");
            TableSize empty = await(store.tableSizes()).get("business");

            statement.execute("INSERT INTO business (bk_biz_name, properties)"
                    + " SELECT 'business ' || n, jsonb_build_object('note', repeat('x', 100)) FROM generate_series(1, 1000) n");
            TableSize unanalyzed = await(store.tableSizes()).get("business");
            statement.execute("ANALYZE business");
            TableSize analyzed = await(store.tableSizes()).get("business");

            assertThat(unanalyzed.bytes()).isGreaterThan(empty.bytes() + 100_000);
            // the estimate is the last analyze's: none before the first, then all the rows of a table it read whole
            assertThat(empty.estimatedRows()).isEmpty();
            assertThat(unanalyzed.estimatedRows()).isEmpty();
            assertThat(analyzed).isEqualTo(new TableSize(unanalyzed.bytes(), OptionalLong.of(1_000)));
        } finally {
            await(store.close());
        }
    }

    @Test
    void givenAClosedStore_whenTheSizesAreRead_thenItFailsSayingWhatItTriedToDo() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));
        await(store.close());

        assertThat(Stages.outcome(store.tableSizes())).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to read the tables' sizes (the store is closed)");
    }

    private static Map<String, Long> bytes(Map<String, TableSize> sizes) {
        Map<String, Long> bytes = new HashMap<>();
        sizes.forEach((table, size) -> bytes.put(table, size.bytes()));
        return bytes;
    }

    /** The ordinary and partitioned tables of the connection's current schema, as the catalog lists them. */
    private static Set<String> tablesOfTheSchema(Connection connection) throws SQLException {
        return Set.copyOf(TestPostgres.column(connection, "SELECT relname FROM pg_class"
                + " WHERE relnamespace = to_regnamespace(current_schema()) AND relkind IN ('r', 'p')"));
    }

    /** What {@code pg_total_relation_size} says of each of {@code tables}. */
    private static Map<String, Long> totalRelationSizes(Connection connection, Iterable<String> tables) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        for (String table : tables) {
            sizes.put(table, TestPostgres.number(connection, "SELECT pg_total_relation_size('" + table + "')"));
        }
        return sizes;
    }

    /** Another server's model change as the database sees it, without the notification that would follow it. */
    private static void renameFirstAttributeWithoutNotifying(PgSettings settings) throws SQLException {
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE host_attribute SET bk_property_name_en = 'Renamed' WHERE id = 1");
            statement.execute("UPDATE host_model_state SET revision = revision + 1");
        }
    }

    private static void createBoth(PostgresStore store, Host first, Host second) {
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(first), HostBuilder.creationOf(second))));
    }

    /** One batch setting the comment of {@code first} and {@code second}, planned on them as given. */
    private static HostsWriteResult commentBoth(PostgresStore store, Host first, Host second) {
        return await(store.updateHosts(List.of(first.id(), second.id()), List.of(), (lockedModel, locked) -> Optional.of(List.of(
                HostBuilder.updateOf(first, Map.of("bk_comment", "a")), HostBuilder.updateOf(second, Map.of("bk_comment", "b"))))));
    }

    /** A clone's write of {@code source}'s operator onto {@code destination}, both as read, planned on {@code model}. */
    private static HostUpdate cloneOf(Host source, Host destination, HostModel model) {
        HostUpdate update = HostBuilder.updateOf(destination, Map.of("operator", source.value("operator")), model,
                HostBuilder.ACTOR, HostBuilder.now(), false);
        return new HostUpdate(update.host(), update.expectedVersion(), update.modelRevision(), update.changes(), null,
                update.audit(), new HostUpdate.CopiedFrom(source.id(), source.version()));
    }

    /** A Vert.x whose SQL clients add the text of every statement they send to {@code statements}. */
    private static Vertx recording(List<String> statements) {
        return recording(statements, new CopyOnWriteArrayList<>());
    }

    /**
     * A Vert.x whose SQL clients add the text of every statement they send to {@code statements},
     * and of every one that fails, with why, to {@code failed}.
     */
    private static Vertx recording(List<String> statements, List<String> failed) {
        return Vertx.builder()
                .with(new VertxOptions().setTracingOptions(new TracingOptions()))
                .withTracer(options -> new StatementRecorder(statements, failed))
                .build();
    }

    /** Records the SQL of every statement the client sends (transaction commands are not statements). */
    private static final class StatementRecorder implements VertxTracer<String, String> {

        private final List<String> statements;
        private final List<String> failed;

        StatementRecorder(List<String> statements, List<String> failed) {
            this.statements = statements;
            this.failed = failed;
        }

        @Override
        public <R> String sendRequest(Context context, SpanKind kind, TracingPolicy policy, R request, String operation,
                                      BiConsumer<String, String> headers, TagExtractor<R> tags) {
            String sql = tags.extract(request).get("db.query.text");
            statements.add(sql);
            return sql;
        }

        @Override
        public <R> void receiveResponse(Context context, R response, String sql, Throwable failure, TagExtractor<R> tags) {
            if (failure != null) {
                failed.add(sql + ": " + failure.getMessage());
            }
        }
    }

    private static List<String> messages(SQLWarning first) {
        List<String> messages = new ArrayList<>();
        for (SQLWarning warning = first; warning != null; warning = warning.getNextWarning()) {
            messages.add(warning.getMessage());
        }
        return messages;
    }

    /** {@code count} host updates with their payload, over 200 businesses, one a minute back from now; analyzed. */
    private static void analyzedAuditRecords(Statement statement, int count) throws SQLException {
        statement.execute("INSERT INTO audit_record (resource_type, action, bk_biz_id, resource_id, user_name, operation_time,"
                + " pre_data, update_fields)"
                + " SELECT 'host', 'update', g % 200 + 1, g, 'user' || (g % 7), now() - g * interval '1 minute',"
                + " jsonb_build_object('bk_host_id', g), jsonb_build_object('bk_comment', 'c' || g)"
                + " FROM generate_series(1, " + count + ") g");
        statement.execute("ANALYZE audit_record");
    }

    private static <T> T eventually(Callable<T> read, Predicate<T> done) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(read, done);
    }

    private static Throwable failureOf(CompletionStage<?> stage) {
        return failureWithin(stage, Duration.ofSeconds(60));
    }

    private static Throwable failureWithin(CompletionStage<?> stage, Duration wait) {
        try {
            stage.toCompletableFuture().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer in time", e);
        }
    }
}
