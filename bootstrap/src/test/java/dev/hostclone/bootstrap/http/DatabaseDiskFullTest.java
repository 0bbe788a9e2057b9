package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A database whose disk is full refuses each write whole (SQLSTATE 53100, {@code disk_full}): the caller
 * is told to retry later, nothing is written, and the same request succeeds once there is room again.
 * The refusal comes from a trigger on the audit table, as PostgreSQL's own comes when it cannot extend
 * that table's file: the statement that writes the host and its record fails, and its transaction with it.
 */
class DatabaseDiskFullTest extends EndToEndScenarios {

    private static final long UNAVAILABLE = 1199017;

    private final PgSettings database = TestPostgres.database();

    @Override
    Configuration configuration() {
        return onPostgres(database.url());
    }

    @Test
    void givenTheDatabasesDiskFull_whenCloning_then503RetryLaterNothingWritten_andOnceThereIsRoomTheSameCloneSucceeds()
            throws SQLException {
        long business = aBusiness();
        String sourceIp = anIp();
        String destinationIp = anIp();
        List<Long> ids = hosts(business, host(sourceIp, "operator", "alice"), host(destinationIp));
        Map<String, Object> clone = fields("bk_biz_id", business, "bk_org_ip", sourceIp, "bk_dst_ip", destinationIp);
        Map<String, JsonNode> destinationBefore = baseInfo(ids.get(1));
        long recordsBefore = auditRecords();

        execute("CREATE FUNCTION refuse_for_want_of_room() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " RAISE EXCEPTION 'could not extend file \"base/5/16419\": No space left on device'"
                + " USING ERRCODE = 'disk_full'; END $$");
        execute("CREATE TRIGGER disk_full BEFORE INSERT ON audit_record FOR EACH ROW EXECUTE FUNCTION refuse_for_want_of_room()");
        ApiResponse refused = cloneVia(Door.V3, admin, clone);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.result()).isFalse();
        assertThat(refused.code()).isEqualTo(UNAVAILABLE);
        assertThat(refused.message()).isEqualTo("the database is unavailable, please retry later");
        assertThat(refused.data().isNull()).isTrue();
        assertThat(baseInfo(ids.get(1))).as("destination unchanged").isEqualTo(destinationBefore);
        assertThat(auditRecords()).isEqualTo(recordsBefore);

        execute("DROP TRIGGER disk_full ON audit_record");
        ApiResponse retried = cloneVia(Door.V3, admin, clone);

        assertThat(retried.code()).as(retried.toString()).isZero();
        assertThat(baseInfo(ids.get(1)).get("operator").asText()).isEqualTo("alice");
        assertThat(auditRecords()).isEqualTo(recordsBefore + 1);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = TestPostgres.jdbc(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long auditRecords() throws SQLException {
        return TestPostgres.number(database, "SELECT count(*) FROM audit_record");
    }
}
