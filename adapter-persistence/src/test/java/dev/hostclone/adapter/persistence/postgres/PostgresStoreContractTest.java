package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.adapter.persistence.StoreContract;
import dev.hostclone.domain.host.HostFields;
import io.vertx.core.Vertx;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store contract against PostgreSQL: one migrated database for the class, emptied before each test. */
class PostgresStoreContractTest extends StoreContract<PostgresStore> {

    private static Vertx vertx;
    private static PgSettings settings;
    private static PostgresStore shared;

    @BeforeAll
    static void startStore() {
        vertx = Vertx.vertx();
        settings = TestPostgres.database();
        shared = await(PostgresStore.start(vertx, settings));
    }

    @AfterAll
    static void stopStore() {
        await(shared.close());
        await(vertx.close().toCompletionStage());
    }

    /** Emptied, with the seeded model back; waits until the store dropped a model it cached before (NOTIFY). */
    @Override
    protected PostgresStore emptyStore() {
        TestPostgres.truncate(settings);
        Awaitility.await("the store dropping the model it cached before the database was emptied")
                .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> await(shared.loadHostModel()).revision() == REVISION);
        return shared;
    }

    @Override
    public CompletionStage<Integer> deleteAuditRecordsBefore(Instant cutoff, int limit) {
        return store().deleteAuditRecordsBefore(cutoff, limit);
    }

    @Override
    protected boolean writesInterleave() {
        return true;
    }

    @Test
    void givenRuleWithKeys_whenDeleted_thenNoKeyRowIsLeftUnderIt() throws SQLException {
        create(aHost().withInnerIp("10.40.0.1").with(HostFields.OUTER_IP, "4.4.4.4").build(),
                aHost().withInnerIp("10.40.0.2").with(HostFields.OUTER_IP, "4.4.4.5").build());
        assertThat(keyRowsOf(OUTER_IP_RULE)).isEqualTo(2);

        assertThat(await(store.deleteUniqueRule(OUTER_IP_RULE))).isTrue();

        assertThat(keyRowsOf(OUTER_IP_RULE)).isZero();
        assertThat(keyRowsOf(HostBuilder.MODEL.uniqueRules().get(0).id())).as("other rules' keys stay").isEqualTo(2);
    }

    private static long keyRowsOf(long ruleId) throws SQLException {
        return TestPostgres.number(settings, "SELECT count(*) FROM host_unique_key WHERE rule_id = " + ruleId);
    }
}
