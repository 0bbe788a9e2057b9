package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.adapter.persistence.Stages;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.application.port.in.StoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store's tables as PostgreSQL keeps them: the plans of the store's queries, the statistics ANALYZE
 * gathers, the room the host table's pages keep, and the sizes the store meters.
 */
class PostgresTablesTest extends PostgresStoreFixture {

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
    void givenStoredHost_whenLookingItUpThroughTheStore_thenFoundByTheIndexedIp() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));
        Host host = aHost().withInnerIp("10.3.0.1").inCloud(0).build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));

        assertThat(await(store.findHostsByInnerIp(CloudAreaId.DEFAULT, List.of(IpAddress.of("10.3.0.1")))))
                .containsExactly(host);
        await(store.close());
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
}
