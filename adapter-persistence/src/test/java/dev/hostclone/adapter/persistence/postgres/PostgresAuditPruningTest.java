package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.Stages;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deleting the audit records older than a retention, a batch at a time, on a real PostgreSQL. */
class PostgresAuditPruningTest extends PostgresStoreFixture {

    /** Record {@code n} was written {@code n} days before this. */
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private PgSettings settings;
    private PostgresStore store;

    @BeforeEach
    void startStore() {
        settings = TestPostgres.database();
        store = await(PostgresStore.start(vertx, settings));
    }

    @AfterEach
    void closeStore() {
        // a store that failed to start has failed the test already: nothing to close, no second failure to read past
        if (store != null) {
            await(store.close());
        }
    }

    @Test
    void givenRecordsOnBothSidesOfTheCutoff_whenDeleted_thenTheOlderGoAndTheNewerAndTheOneAtTheCutoffStay() throws SQLException {
        recordsDaysOld(10);

        int deleted = await(store.deleteAuditRecordsBefore(daysAgo(4), 100));

        assertThat(deleted).isEqualTo(6);
        // record 4 is exactly at the cutoff: not older, kept
        assertThat(idsLeft()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void givenMoreOldRecordsThanABatch_whenDeletedBatchByBatch_thenEachTakesTheOldestUpToItsLimitAndTheLastIsShort()
            throws SQLException {
        recordsDaysOld(10);

        int first = await(store.deleteAuditRecordsBefore(daysAgo(2), 3));
        List<Long> afterFirst = idsLeft();
        int second = await(store.deleteAuditRecordsBefore(daysAgo(2), 3));
        int third = await(store.deleteAuditRecordsBefore(daysAgo(2), 3));

        assertThat(first).isEqualTo(3);
        assertThat(afterFirst).as("the oldest three went first").containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(second).isEqualTo(3);
        assertThat(third).as("fewer than the limit: nothing older is left").isEqualTo(2);
        assertThat(idsLeft()).containsExactly(1L, 2L);
        assertThat(await(store.deleteAuditRecordsBefore(daysAgo(2), 3))).isZero();
    }

    @Test
    void givenOldRecordsDeleted_whenTheAuditIsSearchedAndLoaded_thenTheRecordsLeftAreFoundAsBefore() throws SQLException {
        recordsDaysOld(10);
        Page<AuditRecord> before = await(store.searchAudit(allRecordsNewerThan(daysAgo(4))));

        await(store.deleteAuditRecordsBefore(daysAgo(4), 100));
        Page<AuditRecord> after = await(store.searchAudit(allRecordsNewerThan(daysAgo(30))));

        assertThat(after.count()).isEqualTo(4);
        assertThat(after).isEqualTo(before);
        assertThat(await(store.loadAudits(List.of(9L, 3L)))).extracting(AuditRecord::id).containsExactly(3L);
        assertThat(await(store.loadAuditTrail("host", 2))).extracting(AuditRecord::id).containsExactly(2L);
    }

    /** Another server's batch holds the oldest records: this one deletes the others at once rather than wait for it. */
    @Test
    void givenAnotherServersBatchHoldingTheOldest_whenABatchRuns_thenItDeletesTheOthersWithoutWaiting() throws SQLException {
        recordsDaysOld(10);
        try (Connection other = TestPostgres.jdbc(settings); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SELECT id FROM audit_record WHERE id IN (9, 10) FOR UPDATE");

            int deleted = await(store.deleteAuditRecordsBefore(daysAgo(2), 100));

            assertThat(deleted).isEqualTo(6);
            other.rollback();
        }
        assertThat(idsLeft()).containsExactly(1L, 2L, 9L, 10L);
    }

    @Test
    void givenManyAuditRecords_whenPlanningABatch_thenItReadsTheTimeIndexFromItsOldestAndSortsNothing() throws SQLException {
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO audit_record (resource_type, action, resource_id, operation_time)"
                    + " SELECT 'host', 'update', g, now() - g * interval '1 minute' FROM generate_series(1, 20000) g");
            statement.execute("ANALYZE audit_record");

            String plan = TestPostgres.genericPlan(connection, PostgresAuditPruning.DELETE_OLDEST, "now() - interval '1 day'", "1000");

            assertThat(plan).contains("Index Scan using audit_record_time_idx").doesNotContain("Seq Scan")
                    .doesNotContain("Sort");
        }
    }

    @Test
    void givenAClosedStore_whenABatchRuns_thenItIsUnavailableSayingWhatItTriedToDoAndThatTheStoreIsClosed() {
        PostgresStore closed = await(PostgresStore.start(vertx, settings));
        await(closed.close());

        assertThat(Stages.outcome(closed.deleteAuditRecordsBefore(NOW, 10))).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to delete old audit records (the store is closed)");
    }

    /** Records 1..{@code count}, record {@code n} of host {@code n}, written {@code n} days before {@link #NOW}. */
    private void recordsDaysOld(int count) throws SQLException {
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO audit_record (id, audit_type, resource_type, action, bk_biz_id, resource_id,"
                    + " resource_name, user_name, operation_time, pre_data, update_fields)"
                    + " SELECT g, 'host', 'host', 'update', 1, g, '10.0.0.' || g, 'admin',"
                    + " timestamptz '" + NOW + "' - g * interval '1 day',"
                    + " jsonb_build_object('bk_host_id', g), jsonb_build_object('bk_comment', 'c' || g)"
                    + " FROM generate_series(1, " + count + ") g");
        }
    }

    private static Instant daysAgo(int days) {
        return NOW.minusSeconds(days * 86_400L);
    }

    private static AuditQuery allRecordsNewerThan(Instant from) {
        return new AuditQuery(from, null, null, null, null, Set.of(), null,
                new PageRequest(0, AuditQuery.MAX_LIMIT, AuditQuery.ID, false));
    }

    private List<Long> idsLeft() throws SQLException {
        try (Connection connection = TestPostgres.jdbc(settings)) {
            return TestPostgres.column(connection, "SELECT id FROM audit_record ORDER BY id").stream().map(Long::valueOf).toList();
        }
    }

}
