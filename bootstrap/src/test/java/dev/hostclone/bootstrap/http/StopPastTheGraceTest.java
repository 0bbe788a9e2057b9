package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.bootstrap.config.Configuration;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A request still in flight when the shutdown grace ends has its connection closed, and goes on inside the server:
 * when it next asks the store, the store has closed. That is the stop, not a fault: one WARN line saying the store is
 * closed, as for any unavailable store, and nothing written. Until 2026-12-06 it was logged at ERROR as "unexpected
 * failure" with the trace of a PostgresStoreException ("PostgreSQL could not load hosts: IllegalStateException").
 * The clone waits on a row lock the test holds past the grace (0 s here); the test then changes the destination and
 * lets go, so the clone's write is stale and the clone reads the hosts again, from the closed store.
 */
class StopPastTheGraceTest extends EndToEndScenarios {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String RID = "stop-past-the-grace";

    private final PgSettings database = TestPostgres.database();

    @Override
    Configuration configuration() {
        return onPostgres(database.url()).withStoreTimeout(Duration.ofSeconds(60)).withShutdownGraceSeconds(0);
    }

    @Test
    void givenACloneInFlightPastTheGrace_whenItAsksTheClosedStore_thenOneWarningSaysTheStoreIsClosedAndNothingIsWritten()
            throws Exception {
        long business = aBusiness();
        List<Long> ids = hosts(business, host(anIp(), "bk_comment", "from the source"), host(anIp(), "bk_comment", "before"));
        long destination = ids.get(1);
        CapturedLog logged = CapturedLog.of("dev.hostclone.adapter.http.server.Envelopes");
        try (logged; Connection locker = TestPostgres.jdbc(database)) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("UPDATE host SET version = version + 1 WHERE bk_host_id = " + destination);
            }
            CompletableFuture<ApiResponse> clone = CompletableFuture.supplyAsync(() -> admin.withHeader("X-Request-ID", RID)
                    .esb("clone_host_property",
                            json(fields("bk_biz_id", business, "bk_org_id", ids.get(0), "bk_dst_id", destination))));
            awaitWriteWaitingOnTheLock();

            int port = server.port();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(server::close);
            assertThat(RawConnection.refusedWithin(port, BOUND)).as("the port, once the stop began").isTrue();
            locker.commit();

            stopped.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            server = null;
            assertThat(clone).failsWithin(BOUND);
            await("the clone's failure logged").atMost(BOUND).until(() -> !logged.events().isEmpty());
        }

        assertThat(logged.events()).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).as(line.getFormattedMessage() + ", " + (line.getThrowableProxy() == null ? "no trace"
                    : line.getThrowableProxy().getClassName() + ": " + line.getThrowableProxy().getMessage()))
                    .isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).startsWith("rid=" + RID + " ").endsWith("(the store is closed)");
        });
        assertThat(TestPostgres.number(database, "SELECT count(*) FROM host WHERE bk_host_id = " + destination
                + " AND doc->>'bk_comment' = 'before'")).isEqualTo(1);
        assertThat(TestPostgres.number(database, "SELECT count(*) FROM audit_record WHERE rid = '" + RID + "'")).isZero();
    }

    /** Until a backend of the server waits for a lock: the clone's conditional update, behind the test's. */
    private void awaitWriteWaitingOnTheLock() {
        await("a clone waiting on the lock").atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> waitingOnALock() == 1);
    }

    private long waitingOnALock() throws SQLException {
        return TestPostgres.number(database, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                + " AND datname = current_database()");
    }
}
