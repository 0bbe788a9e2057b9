package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.bootstrap.HostCloneServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Probes and metrics of a real server on a real store, through a real HTTP client. Subclasses choose the storage. */
abstract class ObservabilityScenarios extends EndToEndScenarios {

    static final String CLONE_OK_V3 =
            "hostclone_http_requests_seconds_count{api=\"clone_host_property\",code=\"0\",door=\"v3\",status=\"200\"}";
    static final String CHANGED = "hostclone_clone_outcomes_total{outcome=\"changed\"}";
    static final String NOOP = "hostclone_clone_outcomes_total{outcome=\"noop\"}";
    static final String REJECTED = "hostclone_clone_outcomes_total{outcome=\"rejected\"}";
    static final String FIND_BY_IP_OK =
            "hostclone_store_operations_seconds_count{operation=\"findHostsByInnerIp\",outcome=\"ok\"}";
    static final String SECRET_CHECKS = "hostclone_secret_checks_total";
    static final String TABLE_BYTES = "hostclone_postgres_table_bytes";
    static final String UPDATE_HOST_OK = "hostclone_store_operations_seconds_count{operation=\"updateHost\",outcome=\"ok\"}";
    static final String WRITE_RETRIES = "hostclone_host_write_retries_total";
    static final String ROLLED_BACK = "hostclone_postgres_writes_rolled_back_total";

    @Test
    void givenStartedServer_whenProbed_thenAliveAndReadyWithoutCredentials() {
        ApiClient anyone = admin.withoutCredentials();

        ApiResponse health = anyone.send("GET", "/healthz", null);
        ApiResponse ready = anyone.send("GET", "/readyz", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        assertThat(ready.envelope().at("/checks/store/status").asText()).isEqualTo("UP");
        assertThat(ready.envelope().at("/checks/migrations/status").asText()).isEqualTo("UP");
    }

    /**
     * The outcomes count the clones the use case decided: a host not found is {@code rejected}, a field of the wrong
     * type or a missing one, refused before the use case, no outcome at all.
     */
    @Test
    void givenClonesThatChangeThatDoNotAndThatAreRefused_whenScraped_thenEachOutcomeEveryRequestAndOnPostgresEveryStoreCallIsCounted() {
        long business = aBusiness();
        String sourceIp = anIp();
        String destinationIp = anIp();
        hosts(business, host(sourceIp, "operator", "alice"), host(destinationIp));
        Scrape before = Scrape.of(admin);

        ApiResponse changed = cloneVia(Door.V3, admin, fields("bk_biz_id", business, "bk_org_ip", sourceIp, "bk_dst_ip", destinationIp));
        ApiResponse unchanged = cloneVia(Door.V3, admin, fields("bk_biz_id", business, "bk_org_ip", sourceIp, "bk_dst_ip", destinationIp));
        ApiResponse wrongType = cloneVia(Door.V3, admin, fields("bk_biz_id", "x", "bk_org_ip", sourceIp, "bk_dst_ip", destinationIp));
        ApiResponse missing = cloneVia(Door.V3, admin, fields("bk_biz_id", business, "bk_org_ip", sourceIp));
        ApiResponse refused = cloneVia(Door.V3, admin, fields("bk_biz_id", business, "bk_org_ip", sourceIp, "bk_dst_ip", anIp()));
        Scrape after = Scrape.awaiting(admin, CLONE_OK_V3, count -> count == before.value(CLONE_OK_V3) + 2);

        assertThat(List.of(changed.code(), unchanged.code())).containsOnly(0L);
        assertThat(List.of(wrongType.code(), missing.code(), refused.code())).doesNotContain(0L);
        assertThat(after.value(CHANGED) - before.value(CHANGED)).isEqualTo(1);
        assertThat(after.value(NOOP) - before.value(NOOP)).isEqualTo(1);
        assertThat(after.value(REJECTED) - before.value(REJECTED)).isEqualTo(1);
        assertThat(after.value(CLONE_OK_V3) - before.value(CLONE_OK_V3)).isEqualTo(2);
        assertThat(after.text()).contains("hostclone_http_requests_seconds_count{api=\"clone_host_property\",code=\""
                + refused.code() + "\",door=\"v3\",status=\"200\"}");
        if (storeIsPostgres()) {
            // each clone looked its hosts up; only the one that changed its destination wrote
            assertThat(after.value(FIND_BY_IP_OK) - before.value(FIND_BY_IP_OK)).isEqualTo(3);
            assertThat(after.value(UPDATE_HOST_OK) - before.value(UPDATE_HOST_OK)).isEqualTo(1);
            assertThat(after.sum("hostclone_store_operations_seconds_bucket{operation=\"updateHost\",outcome=\"ok\",le=\"+Inf\"}"))
                    .isEqualTo(after.value(UPDATE_HOST_OK));
        } else {
            assertThat(after.text()).doesNotContain("hostclone_store_operations_seconds");
        }
    }

    /**
     * Whether the store is PostgreSQL, whose calls are timed and whose tables are metered by size; memory's
     * calls are not timed (see {@code HostCloneServer}), and it has no tables.
     */
    abstract boolean storeIsPostgres();

    @Test
    void givenStartedServer_whenScraped_thenOnPostgresEachTableIsMeteredBySize() {
        if (!storeIsPostgres()) {
            assertThat(Scrape.of(admin).text()).doesNotContain(TABLE_BYTES);
            return;
        }
        // read once the server listens, then every minute
        Scrape scrape = Scrape.awaiting(admin, TABLE_BYTES + "{table=\"audit_record\"}", bytes -> bytes > 0);

        assertThat(scrape.text()).contains(TABLE_BYTES + "{table=\"host\"} ", TABLE_BYTES + "{table=\"host_inner_ip\"} ",
                TABLE_BYTES + "{table=\"flyway_schema_history\"} ");
        assertThat(scrape.value(TABLE_BYTES + "{table=\"host\"}")).isPositive();
    }

    @Test
    void givenAWrongSecretSentTwiceAndTheRightOne_whenScraped_thenEachCheckIsCountedByHowItWasAnswered() {
        ApiClient guesser = admin.withCommon("bk_app_secret", "wrong-" + UUID.randomUUID());
        Map<String, Object> anyClone = fields("bk_biz_id", 1, "bk_org_ip", anIp(), "bk_dst_ip", anIp());
        cloneVia(Door.V3, admin, anyClone); // the right secret proven, whichever test ran first
        Scrape before = Scrape.of(admin);

        ApiResponse hashed = cloneVia(Door.V3, guesser, anyClone);
        ApiResponse remembered = cloneVia(Door.V3, guesser, anyClone);
        ApiResponse proven = cloneVia(Door.V3, admin, anyClone);
        Scrape after = Scrape.of(admin);

        assertThat(List.of(hashed.code(), remembered.code())).containsOnly(1199047L);
        assertThat(proven.code()).isNotEqualTo(1199047L);
        assertThat(after.value(SECRET_CHECKS + "{answer=\"hashed\"}") - before.value(SECRET_CHECKS + "{answer=\"hashed\"}"))
                .isEqualTo(1);
        assertThat(after.value(SECRET_CHECKS + "{answer=\"remembered_wrong\"}")
                - before.value(SECRET_CHECKS + "{answer=\"remembered_wrong\"}")).isEqualTo(1);
        assertThat(after.value(SECRET_CHECKS + "{answer=\"proven_before\"}")
                - before.value(SECRET_CHECKS + "{answer=\"proven_before\"}")).isEqualTo(1);
        assertThat(after.text()).contains(SECRET_CHECKS + "{answer=\"busy\"} ", SECRET_CHECKS + "{answer=\"shared\"} ",
                "hostclone_secret_checks_waiting 0.0");
    }

    /**
     * Registered at the start, before any write: a dashboard finds each series at 0, and a rate over a
     * series that appeared only with its first retry would miss that retry.
     */
    @Test
    void givenStartedServer_whenScraped_thenEachApiThatRetriesHostWritesAndOnPostgresEachRollbackCauseHasItsSeries() {
        Scrape scrape = Scrape.of(admin);

        assertThat(scrape.text()).contains(WRITE_RETRIES + "{api=\"clone_host_property\"} ",
                WRITE_RETRIES + "{api=\"batch_update_host\"} ", WRITE_RETRIES + "{api=\"add_host_to_business_idle\"} ");
        if (storeIsPostgres()) {
            assertThat(scrape.text()).contains(ROLLED_BACK + "{sqlstate=\"40P01\"} ", ROLLED_BACK + "{sqlstate=\"40001\"} ");
        } else {
            assertThat(scrape.text()).doesNotContain(ROLLED_BACK);
        }
    }

    @Test
    void givenStartedServer_whenScraped_thenTheJvmAndTheProcessAreMeteredBesideTheRequests() {
        Scrape scrape = Scrape.of(admin);

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.text()).contains("jvm_memory_used_bytes{area=\"heap\"", "jvm_gc_max_data_size_bytes",
                "jvm_threads_live_threads", "jvm_classes_loaded_classes", "jvm_compilation_time_ms_total",
                "process_cpu_usage", "process_files_open_files", "process_uptime_seconds");
        // the JIT has compiled something by now; the load run waits on this meter to settle before measuring
        assertThat(scrape.sum("jvm_compilation_time_ms_total{")).isPositive();
    }

    /** The disk under a data directory is metered only where the server has one: on the embedded storage. */
    @Test
    void givenAStoreWithoutADataDirectory_whenScraped_thenNoDiskIsMetered() {
        assertThat(Scrape.of(admin).text()).doesNotContain("disk_free_bytes", "disk_total_bytes");
    }

    @Test
    void givenThisConfiguration_whenAnotherServerStarts_thenItIsReadyOnceStartReturns() {
        try (HostCloneServer another = HostCloneServer.start(configuration())) {
            ApiResponse ready = ApiClient.of("http://127.0.0.1:" + another.port(), List.of()).send("GET", "/readyz", null);

            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
        }
    }
}
