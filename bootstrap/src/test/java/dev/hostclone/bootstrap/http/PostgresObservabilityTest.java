package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.PostgresStore;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Probes and metrics on PostgreSQL: the pool's meters, and readiness when the database goes away. */
class PostgresObservabilityTest extends ObservabilityScenarios {

    /** One whose deadlocks are found late enough for the deadlock test below on a busy machine. */
    private final PgSettings database = TestPostgres.databaseForDeadlocks();

    @Override
    Configuration configuration() {
        return onPostgres(database.url());
    }

    @Override
    boolean storeIsPostgres() {
        return true;
    }

    /**
     * A clone's first write waits for another transaction writing its destination, and finds it moved once
     * that commits: stale, planned again on the hosts as locked, and written. The retry is counted; no
     * write was rolled back.
     */
    @Test
    void givenAnotherTransactionWritingTheDestination_whenACloneWrites_thenItsRetryIsCounted() throws Exception {
        long business = aBusiness();
        String sourceIp = anIp();
        String destinationIp = anIp();
        List<Long> ids = hosts(business, host(sourceIp, "operator", "alice"), host(destinationIp));
        Scrape before = Scrape.of(admin);
        CompletableFuture<ApiResponse> cloning;
        try (Connection other = TestPostgres.jdbc(database); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("UPDATE host SET version = version + 1 WHERE bk_host_id = " + ids.get(1));
            cloning = CompletableFuture.supplyAsync(() -> cloneVia(Door.V3, admin,
                    fields("bk_biz_id", business, "bk_org_ip", sourceIp, "bk_dst_ip", destinationIp)));
            awaitOneWaitingForALock();

            other.commit();
        }
        ApiResponse cloned = cloning.get(30, TimeUnit.SECONDS);
        Scrape after = Scrape.of(admin);

        assertThat(cloned.code()).as(cloned.toString()).isZero();
        assertThat(baseInfo(ids.get(1)).get("operator").asText()).isEqualTo("alice");
        assertThat(increase(before, after, WRITE_RETRIES + "{api=\"clone_host_property\"}")).isEqualTo(1);
        assertThat(increase(before, after, WRITE_RETRIES + "{api=\"batch_update_host\"}")).isZero();
        assertThat(increase(before, after, ROLLED_BACK + "{sqlstate=\"40P01\"}")).isZero();
    }

    /**
     * A batch holds the model row shared and waits for its host, which another transaction holds; that
     * one then waits for the model row: a deadlock, which PostgreSQL ends by rolling back the batch, whose
     * session looks for it first. The batch is answered as stale and planned again, and succeeds once the other
     * transaction is gone: the caller sees nothing of it, the meters see a retry and a deadlock.
     */
    @Test
    void givenABatchDeadlockedWithAnotherTransaction_whenPostgresRollsTheBatchBack_thenTheRetryAndTheDeadlockAreCounted()
            throws Exception {
        long business = aBusiness();
        long host = hosts(business, host(anIp())).get(0);
        Scrape before = Scrape.of(admin);
        CompletableFuture<ApiResponse> updating;
        try (Connection other = TestPostgres.outwaitingDeadlocks(database); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SELECT 1 FROM host WHERE bk_host_id = " + host + " FOR UPDATE");
            updating = CompletableFuture.supplyAsync(() -> updateOne(admin, Door.V3, host, fields("bk_comment", "batch")));
            awaitOneWaitingForALock();

            // waits for the batch's share of the model row, until the deadlock is found and the batch rolled back
            statement.execute("UPDATE host_model_state SET revision = revision WHERE id = 1");
            other.rollback();
        }
        ApiResponse updated = updating.get(30, TimeUnit.SECONDS);
        Scrape after = Scrape.of(admin);

        assertThat(updated.code()).as(updated.toString()).isZero();
        assertThat(baseInfo(host).get("bk_comment").asText()).isEqualTo("batch");
        assertThat(increase(before, after, WRITE_RETRIES + "{api=\"batch_update_host\"}")).isEqualTo(1);
        assertThat(increase(before, after, ROLLED_BACK + "{sqlstate=\"40P01\"}")).isEqualTo(1);
        assertThat(increase(before, after, ROLLED_BACK + "{sqlstate=\"40001\"}")).isZero();
    }

    /** Until one backend of the server's database waits for a lock another holds: the server's write, sent meanwhile. */
    private void awaitOneWaitingForALock() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.number(database,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'") == 1);
    }

    private static double increase(Scrape before, Scrape after, String series) {
        return after.value(series) - before.value(series);
    }

    @Test
    void givenRequestsServed_whenScraped_thenThePostgresPoolReportsItsUseAndWait() {
        aBusiness();

        Scrape scrape = Scrape.of(admin);

        assertThat(sumOverPools(scrape, "vertx_pool_usage_seconds_count")).isPositive();
        assertThat(sumOverPools(scrape, "vertx_pool_queue_time_seconds_count")).isPositive();
        // histograms of the requests' buckets: how many waited at most a millisecond, and held one at most 10 ms
        assertThat(scrape.text().lines()).anyMatch(line -> line.matches(
                        "vertx_pool_queue_time_seconds_bucket\\{pool_name=\"hostclone-[^\"]+\",pool_type=\"sql\",le=\"0\\.001\"} \\d.*"))
                .anyMatch(line -> line.matches(
                        "vertx_pool_usage_seconds_bucket\\{pool_name=\"hostclone-[^\"]+\",pool_type=\"sql\",le=\"0\\.01\"} \\d.*"));
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

    /** The connections keyed reads share have no pool meters: one replaced when it stalls made Micrometer warn. */
    @Test
    void givenRequestsServed_whenScraped_thenNoSharedConnectionHasPoolMeters() {
        aBusiness();

        assertThat(Scrape.of(admin).text()).contains("vertx_pool_in_use{pool_name=\"hostclone-")
                .doesNotContain(PostgresStore.SHARED_CONNECTION_POOL_PREFIX);
    }

    /** The lines of {@code metric} for the store's pools (not the shared connections): one per pool. */
    private List<String> poolSeries(Scrape scrape, String metric) {
        String prefix = poolPrefix(metric);
        return scrape.text().lines()
                .filter(line -> line.startsWith(prefix + "\"") || line.startsWith(prefix + "@"))
                .toList();
    }

    /** The tables a scrape gives a size for. */
    private static List<String> meteredTables(Scrape scrape) {
        return scrape.text().lines().filter(line -> line.startsWith(TABLE_BYTES + "{table=\""))
                .map(line -> line.substring(line.indexOf('"') + 1, line.indexOf('"', line.indexOf('"') + 1))).toList();
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
            List<String> own = List.of("app", "audit_record", "business", "cloud_area", "flyway_schema_history",
                    "host", "host_attribute", "host_inner_ip", "host_model_state", "host_unique_key", "host_unique_rule");
            // once every one is read: the first read's series are registered one by one, and a scrape between two of
            // them saw only the first three (CI, 2026-12-06)
            Scrape scrape = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
                    .until(() -> Scrape.of(anyone), read -> meteredTables(read).containsAll(own));

            assertThat(meteredTables(scrape)).containsExactlyInAnyOrderElementsOf(own);
        }
    }

    @Test
    void givenDatabaseStopped_whenAskingReadyz_then503NamingTheStoreWithoutHangingOrItsAddress() throws IOException {
        EmbeddedPostgres database = TestPostgres.builder().start();
        try (HostCloneServer onIt = HostCloneServer.start(
                onPostgres("postgresql://postgres@localhost:" + database.getPort() + "/postgres"))) {
            ApiClient anyone = ApiClient.of("http://127.0.0.1:" + onIt.port(), List.of());
            assertThat(anyone.send("GET", "/readyz", null).status()).isEqualTo(200);

            database.close();
            // not hanging: answered at all (the client gives up after 30 s), and by the check's own failure or its
            // timeout, as the detail says; how fast is not timed
            ApiResponse ready = anyone.send("GET", "/readyz", null);

            assertThat(ready.status()).as(ready.body()).isEqualTo(503);
            assertThat(ready.envelope().get("status").asText()).isEqualTo("DOWN");
            assertThat(ready.envelope().at("/checks/store/status").asText()).isEqualTo("DOWN");
            assertThat(ready.envelope().at("/checks/store/detail").asText())
                    .isIn("the store could not answer", "no answer within 800 ms");
            assertThat(ready.body()).as("the driver's words name the database's address: the log's alone")
                    .doesNotContain(String.valueOf(database.getPort())).doesNotContain("localhost");
            assertThat(ready.envelope().at("/checks/migrations/status").asText()).isEqualTo("DOWN");
            assertThat(anyone.send("GET", "/healthz", null).status()).as("alive all the same").isEqualTo(200);
        } finally {
            database.close();
        }
    }
}
