package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.Stages;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link PostgresStore#tableSizes()}: what HostClone's tables take on disk, read from a real PostgreSQL's catalog. */
class PostgresTableSizesTest {

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
    void givenAMigratedDatabase_whenTheSizesAreRead_thenEveryTableOfTheSchemaHasWhatPostgresSaysOfIt() throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try (Connection connection = TestPostgres.jdbc(settings)) {
            Map<String, Long> sizes = await(store.tableSizes());

            assertThat(sizes).containsOnlyKeys("app", "audit_record", "business", "cloud_area", "flyway_schema_history",
                    "host", "host_attribute", "host_inner_ip", "host_model_state", "host_unique_key", "host_unique_rule");
            assertThat(sizes).isEqualTo(totalRelationSizes(connection, sizes.keySet()));
            // the empty audit table still has its indexes' first pages
            assertThat(sizes.get("audit_record")).isPositive();
        } finally {
            await(store.close());
        }
    }

    @Test
    void givenATableOfTheSchemaThatGrowsAndOneOfAnotherSchema_whenTheSizesAreRead_thenTheFirstIsFoundGrownAndTheOtherNot()
            throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE grown_by_hand (note text)");
            statement.execute("CREATE SCHEMA elsewhere");
            statement.execute("CREATE TABLE elsewhere.not_ours (note text)");
            long empty = await(store.tableSizes()).get("grown_by_hand");

            statement.execute("INSERT INTO grown_by_hand SELECT repeat('x', 100) FROM generate_series(1, 1000)");
            Map<String, Long> sizes = await(store.tableSizes());

            assertThat(sizes.get("grown_by_hand")).isGreaterThan(empty + 100_000);
            assertThat(sizes).doesNotContainKey("not_ours");
        } finally {
            await(store.close());
        }
    }

    @Test
    void givenAClosedStore_whenTheSizesAreRead_thenItFailsSayingWhatItTriedToDo() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));
        await(store.close());

        assertThat(Stages.outcome(store.tableSizes())).isInstanceOf(PostgresStoreException.class)
                .hasMessageContaining("read the tables' sizes");
    }

    private static Map<String, Long> totalRelationSizes(Connection connection, Iterable<String> tables) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                try (ResultSet size = statement.executeQuery("SELECT pg_total_relation_size('" + table + "')")) {
                    size.next();
                    sizes.put(table, size.getLong(1));
                }
            }
        }
        return sizes;
    }
}
