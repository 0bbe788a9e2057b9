package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.HostCloneServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Probes and metrics on PostgreSQL: the pool's meters, and readiness when the database goes away. */
class PostgresObservabilityTest extends ObservabilityScenarios {

    @Override
    Configuration configuration() {
        return onPostgres(TestPostgres.databaseUrl());
    }

    @Override
    boolean storeIsPostgres() {
        return true;
    }

    @Test
    void givenRequestsServed_whenScraped_thenThePostgresPoolReportsItsUseAndWait() {
        aBusiness();

        Scrape scrape = Scrape.of(admin);

        assertThat(sumOverPools(scrape, "vertx_pool_usage_seconds_count")).isPositive();
        assertThat(sumOverPools(scrape, "vertx_pool_queue_time_seconds_count")).isPositive();
        assertThat(poolSeries(scrape, "vertx_pool_in_use")).isNotEmpty();
        assertThat(poolSeries(scrape, "vertx_pool_queue_pending")).isNotEmpty();
    }

    @Test
    void givenPoolsOfSeveralCallers_whenScraped_thenEachPoolReportsItsOwnGauges() {
        assumeTrue(server.configuration().httpInstances() > 1, "a pool per event loop needs more than one");
        aBusiness();

        List<String> pools = poolSeries(Scrape.of(admin), "vertx_pool_in_use");

        // each event loop that called the store opened a pool of its own; under one shared name the meters
        // were shared too, and every gauge but the first pool's was dropped
        assertThat(pools).isNotEmpty().allMatch(line -> line.matches(
                "vertx_pool_in_use\\{pool_name=\"hostclone-[^\"@]+@(vert\\.x-eventloop-thread-\\d+|outside-event-loops)\".*"));
    }

    @Test
    void givenRequestsServed_whenScraped_thenNoUnlabelledSqlClientMeters() {
        aBusiness();

        // the SQL client's meters name no client: with a pool per event loop all but the first went uncounted
        assertThat(Scrape.of(admin).text().lines().filter(line -> line.startsWith("vertx_sql_"))).isEmpty();
    }

    /** The lines of {@code metric} for the store's pools (not the shared connections): one per pool. */
    private List<String> poolSeries(Scrape scrape, String metric) {
        String prefix = poolPrefix(metric);
        return scrape.text().lines()
                .filter(line -> line.startsWith(prefix + "\"") || line.startsWith(prefix + "@"))
                .toList();
    }

    private double sumOverPools(Scrape scrape, String metric) {
        return scrape.sum(poolPrefix(metric) + "\"") + scrape.sum(poolPrefix(metric) + "@");
    }

    private String poolPrefix(String metric) {
        String database = server.configuration().postgresUrl().replaceAll(".*/([^/?]+)\\?.*", "$1");
        return metric + "{pool_name=\"hostclone-" + database;
    }

    /**
     * A table an operator or another tool made in the server's schema gets no series: the tables metered are
     * HostClone's own, the set a dashboard knows, whatever else the database holds.
     */
    @Test
    void givenATableAnotherToolMadeInTheSchema_whenScraped_thenOnlyHostClonesOwnTablesAreMetered() throws SQLException {
        PgSettings database = TestPostgres.database();
        try (Connection connection = TestPostgres.jdbc(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE operator_notes (note text)");
        }
        try (HostCloneServer onIt = HostCloneServer.start(onPostgres(database.url()))) {
            ApiClient anyone = ApiClient.of("http://127.0.0.1:" + onIt.port(), List.of());
            // read once the server listens
            Scrape scrape = Scrape.awaiting(anyone, TABLE_BYTES + "{table=\"audit_record\"}", bytes -> bytes > 0);

            assertThat(scrape.text().lines().filter(line -> line.startsWith(TABLE_BYTES + "{table=\""))
                    .map(line -> line.substring(line.indexOf('"') + 1, line.indexOf('"', line.indexOf('"') + 1))))
                    .containsExactlyInAnyOrder("app", "audit_record", "business", "cloud_area", "flyway_schema_history",
                            "host", "host_attribute", "host_inner_ip", "host_model_state", "host_unique_key",
                            "host_unique_rule");
        }
    }

    @Test
    void givenDatabaseStopped_whenAskingReadyz_then503NamingTheStoreWithoutHanging() throws IOException {
        EmbeddedPostgres database = TestPostgres.builder().start();
        try (HostCloneServer onIt = HostCloneServer.start(
                onPostgres("postgresql://postgres@localhost:" + database.getPort() + "/postgres"))) {
            ApiClient anyone = ApiClient.of("http://127.0.0.1:" + onIt.port(), List.of());
            assertThat(anyone.send("GET", "/readyz", null).status()).isEqualTo(200);

            database.close();
            long asked = System.nanoTime();
            ApiResponse ready = anyone.send("GET", "/readyz", null);

            assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("bounded by the readiness timeout, not hanging")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(ready.status()).as(ready.body()).isEqualTo(503);
            assertThat(ready.envelope().get("status").asText()).isEqualTo("DOWN");
            assertThat(ready.envelope().at("/checks/store/status").asText()).isEqualTo("DOWN");
            assertThat(ready.envelope().at("/checks/store/detail").asText()).isNotBlank();
            assertThat(ready.envelope().at("/checks/migrations/status").asText()).isEqualTo("DOWN");
            assertThat(anyone.send("GET", "/healthz", null).status()).as("alive all the same").isEqualTo(200);
        } finally {
            database.close();
        }
    }
}
