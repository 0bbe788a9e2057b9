package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server stopped (as by SIGTERM) while a clone waits on the database answers that clone before it
 * closes, and the write is kept: the caller learns it succeeded, and the destination and the audit trail
 * hold it. The clone waits on a row lock the test holds, so it is in flight when the stop begins and for
 * as long as the test wants; the store timeout is raised so that the wait cannot time out instead.
 */
class GracefulStopTest extends EndToEndScenarios {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String RID = "graceful-stop-clone";

    private final PgSettings database = TestPostgres.database();

    @Override
    Configuration configuration() {
        return onPostgres(database.url()).withStoreTimeout(Duration.ofSeconds(60));
    }

    @Test
    void givenACloneWaitingOnTheDatabase_whenTheServerStops_thenItIsAnsweredAndItsWriteKept() throws Exception {
        long business = aBusiness();
        List<Long> ids = hosts(business, host(anIp(), "bk_comment", "from the source"), host(anIp(), "bk_comment", "before"));
        long destination = ids.get(1);
        CompletableFuture<ApiResponse> clone;
        try (Connection locker = TestPostgres.jdbc(database)) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("SELECT 1 FROM host WHERE bk_host_id = " + destination + " FOR UPDATE");
            }
            clone = CompletableFuture.supplyAsync(() -> admin.withHeader("X-Request-ID", RID).esb("clone_host_property",
                    json(fields("bk_biz_id", business, "bk_org_id", ids.get(0), "bk_dst_id", destination))));
            awaitWriteWaitingOnTheLock();

            int port = server.port();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
            assertThat(RawConnection.refusedWithin(port, BOUND)).as("the port, once the stop began").isTrue();
            locker.rollback();

            ApiResponse answer = clone.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.code()).isZero();
            assertThat(answer.header("Connection")).isEqualTo("close");
            stopped.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            server = null;
        }

        assertThat(single("SELECT doc->>'bk_comment' FROM host WHERE bk_host_id = ?", destination)).isEqualTo("from the source");
        assertThat(single("SELECT count(*) FROM audit_record WHERE action = 'update' AND resource_id = ? AND rid = '" + RID + "'",
                destination)).isEqualTo("1");
    }

    /** Until a backend of the server waits for a lock: the clone's conditional update, behind the test's. */
    private void awaitWriteWaitingOnTheLock() {
        await("a clone waiting on the lock").atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> single("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                        + " AND datname = current_database()"), "1"::equals);
    }

    /** The first column of the one row {@code sql} returns, given {@code parameters} in order. */
    private String single(String sql, Object... parameters) throws SQLException {
        try (Connection connection = TestPostgres.jdbc(database); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
