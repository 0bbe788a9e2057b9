package dev.hostclone.bootstrap.retention;

import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.persistence.Stages;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.PostgresStore;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rounds of the audit retention on a real PostgreSQL, each run when the test says, its time the test's clock:
 * what they delete, what they stop at, what they count and log.
 */
class AuditPruningTest {

    private static final Instant START = Instant.parse("2026-12-05T12:00:00Z");
    private static final Duration NINETY_DAYS = Duration.ofDays(90);

    private static Vertx vertx;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<Instant> now = new AtomicReference<>(START);
    private final ClockPort clock = now::get;
    private CapturedLog logged;
    private PgSettings settings;
    private PostgresStore store;

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        await(vertx.close().toCompletionStage());
    }

    @BeforeEach
    void startStore() {
        settings = TestPostgres.database();
        store = await(PostgresStore.start(vertx, settings));
        logged = CapturedLog.of(AuditPruning.class);
    }

    @AfterEach
    void closeStore() {
        // a store that failed to start has failed the test already: nothing to close, no second failure to read past
        if (logged != null) {
            logged.close();
        }
        if (store != null) {
            await(store.close());
        }
    }

    @Test
    void givenRecordsOnBothSidesOfTheRetention_whenARoundRuns_thenTheOlderAreDeletedCountedAndSaidOnceAndTheAuditStillAnswers()
            throws SQLException {
        // record n written 85 + n days before the start: 1..4 within the 90 days, 5 at their end, 6..10 older
        recordsDaysOld(85, 10);
        AuditPruning pruning = pruning(3, 100);

        AuditPruning.Round round = await(pruning.round());

        Instant cutoff = START.minus(NINETY_DAYS);
        assertThat(round).isEqualTo(new AuditPruning.Round(cutoff, 5, false));
        assertThat(idsLeft()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(deleted()).isEqualTo(5);
        assertThat(rounds("ok")).isEqualTo(1);
        assertThat(rounds("failed")).isZero();
        assertThat(lastSuccess()).isEqualTo(START.getEpochSecond());
        assertThat(logged.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                tuple(Level.INFO, "deleted 5 audit records written before 2026-09-06T12:00:00Z"
                        + " (HOSTCLONE_AUDIT_RETENTION=90 days)"));
        Page<AuditRecord> found = await(store.searchAudit(new AuditQuery(START.minus(Duration.ofDays(365)), null, null,
                null, null, Set.of(), null, new PageRequest(0, AuditQuery.MAX_LIMIT, AuditQuery.ID, false))));
        assertThat(found.info()).extracting(AuditRecord::id).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void givenTimePassing_whenRoundsRun_thenEachDeletesWhatHasAgedPastTheRetentionAndOneWithNothingSaysNothing()
            throws SQLException {
        recordsDaysOld(85, 10);
        AuditPruning pruning = pruning(3, 100);
        await(pruning.round());
        logged.clear();

        AuditPruning.Round nothingYet = await(pruning.round());
        now.set(START.plus(Duration.ofDays(2)));
        AuditPruning.Round twoDaysLater = await(pruning.round());

        assertThat(nothingYet.deleted()).isZero();
        assertThat(twoDaysLater.deleted()).isEqualTo(2);
        assertThat(idsLeft()).containsExactly(1L, 2L, 3L);
        assertThat(deleted()).isEqualTo(7);
        assertThat(rounds("ok")).isEqualTo(3);
        assertThat(lastSuccess()).isEqualTo(now.get().getEpochSecond());
        assertThat(logged.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "deleted 2 audit records written before 2026-09-08T12:00:00Z (HOSTCLONE_AUDIT_RETENTION=90 days)");
    }

    @Test
    void givenMoreOldRecordsThanARoundDeletes_whenRoundsRun_thenEachStopsAtItsBatchesAndTheNextGoesOn() throws SQLException {
        recordsDaysOld(91, 7);
        AtomicInteger batches = new AtomicInteger();
        AuditPruning pruning = AuditPruning.unscheduled(registry, (cutoff, limit) -> {
            batches.incrementAndGet();
            return store.deleteAuditRecordsBefore(cutoff, limit);
        }, NINETY_DAYS, clock, 2, 3);

        AuditPruning.Round first = await(pruning.round());
        int batchesOfTheFirst = batches.getAndSet(0);
        AuditPruning.Round second = await(pruning.round());

        assertThat(first.deleted()).isEqualTo(6);
        assertThat(first.moreLeft()).isTrue();
        assertThat(batchesOfTheFirst).isEqualTo(3);
        // one record left: the batch that finds fewer than two ends the round
        assertThat(second.deleted()).isEqualTo(1);
        assertThat(second.moreLeft()).isFalse();
        assertThat(batches.get()).isEqualTo(1);
        assertThat(idsLeft()).isEmpty();
        assertThat(logged.events()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "deleted 6 audit records written before 2026-09-06T12:00:00Z (HOSTCLONE_AUDIT_RETENTION=90 days);"
                        + " more are that old, the next round goes on",
                "deleted 1 audit records written before 2026-09-06T12:00:00Z (HOSTCLONE_AUDIT_RETENTION=90 days)");
    }

    /** PostgreSQL away for two rounds, its second batch the first to fail: one warning, then one line when it is back. */
    @Test
    void givenRoundsThatFail_whenTheyRun_thenOneWarningSaysWhyAndTheNextRoundsTryAgain() throws SQLException {
        recordsDaysOld(91, 5);
        AtomicInteger calls = new AtomicInteger();
        AuditPruning pruning = AuditPruning.unscheduled(registry, (cutoff, limit) -> {
            int call = calls.incrementAndGet();
            return call == 2 || call == 3 ? CompletableFuture.failedFuture(new IllegalStateException("the database is away"))
                    : store.deleteAuditRecordsBefore(cutoff, limit);
        }, NINETY_DAYS, clock, 2, 100);

        Throwable firstFailure = Stages.outcome(pruning.round());
        Throwable secondFailure = Stages.outcome(pruning.round());
        AuditPruning.Round back = await(pruning.round());

        assertThat(firstFailure).hasMessage("the database is away");
        assertThat(secondFailure).hasMessage("the database is away");
        assertThat(back.deleted()).isEqualTo(3);
        assertThat(idsLeft()).isEmpty();
        assertThat(deleted()).as("the first round's batch before it failed counts").isEqualTo(5);
        assertThat(rounds("failed")).isEqualTo(2);
        assertThat(rounds("ok")).isEqualTo(1);
        assertThat(logged.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                tuple(Level.WARN, "could not delete the audit records written before 2026-09-06T12:00:00Z (2 deleted in this"
                        + " round first); each minute tries again, and the log will say when one succeeds:"
                        + " the database is away"),
                tuple(Level.INFO, "audit retention succeeded again after failed rounds"),
                tuple(Level.INFO, "deleted 3 audit records written before 2026-09-06T12:00:00Z"
                        + " (HOSTCLONE_AUDIT_RETENTION=90 days)"));
    }

    @Test
    void givenAStoreThatThrowsInsteadOfFailingItsStage_whenARoundRuns_thenTheRoundFailsAndIsCounted() {
        AuditPruning pruning = AuditPruning.unscheduled(registry, (cutoff, limit) -> {
            throw new IllegalStateException("closed");
        }, NINETY_DAYS, clock, 2, 100);

        assertThat(Stages.outcome(pruning.round())).hasMessage("closed");
        assertThat(rounds("failed")).isEqualTo(1);
        assertThat(lastSuccess()).isZero();
    }

    /** The log and the setting speak in days: half a day would be told as 0 days. */
    @Test
    void givenARetentionOfPartOfADay_whenStarted_thenItIsRefused() {
        assertThatThrownBy(() -> AuditPruning.unscheduled(registry, store::deleteAuditRecordsBefore, Duration.ofHours(12),
                clock, 2, 100)).hasMessage("retention must be a number of whole days within 1..36500, not PT12H");
    }

    @Test
    void givenAStoreThatReturnsNoStage_whenARoundRuns_thenTheRoundFailsAndIsCounted() {
        AuditPruning pruning = AuditPruning.unscheduled(registry, (cutoff, limit) -> null, NINETY_DAYS, clock, 2, 100);

        assertThat(Stages.outcome(pruning.round())).hasMessage("the store returned no deletion to wait for");
        assertThat(rounds("failed")).isEqualTo(1);
    }

    @Test
    void givenAFailureWithNoMessage_whenARoundFails_thenTheWarningNamesItsClass() {
        AuditPruning pruning = AuditPruning.unscheduled(registry,
                (cutoff, limit) -> CompletableFuture.failedFuture(new IllegalStateException()), NINETY_DAYS, clock, 2, 100);

        Stages.outcome(pruning.round());

        assertThat(logged.events()).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .endsWith("the log will say when one succeeds: java.lang.IllegalStateException");
    }

    /** The store closes under a stopping server: the batch it cuts off is no outage to count or warn of. */
    @Test
    void givenAStoppingServer_whenItsStoreClosesUnderABatch_thenTheRoundIsNeitherCountedAsFailedNorWarnedOf() {
        AuditPruning pruning = AuditPruning.unscheduled(registry,
                (cutoff, limit) -> CompletableFuture.failedFuture(new IllegalStateException("pool closed")),
                NINETY_DAYS, clock, 2, 100);

        pruning.close();
        Throwable failure = Stages.outcome(pruning.round());

        assertThat(failure).hasMessage("pool closed");
        assertThat(rounds("failed")).isZero();
        assertThat(logged.events()).isEmpty();
    }

    /**
     * Started, rounds come by the timer: never two at once, however long a batch takes (one that hangs
     * holds off every later period), and none once closed (a tick already under way may still send one).
     */
    @Test
    void givenAStartedRetentionWhoseBatchHangs_whenPeriodsPass_thenNoSecondRoundStartsAndNoneOnceClosed() {
        CompletableFuture<Integer> hanging = new CompletableFuture<>();
        AtomicInteger batches = new AtomicInteger();
        AuditPruning pruning = AuditPruning.start(vertx, registry, (cutoff, limit) -> {
            batches.incrementAndGet();
            return hanging;
        }, NINETY_DAYS, clock, Duration.ofMillis(20));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> batches.get() == 1);
        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> batches.get() == 1);
        hanging.complete(0);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> rounds("ok") >= 3);
        pruning.close();
        int closedAt = batches.get();

        Awaitility.await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> batches.get() <= closedAt + 1);
        assertThat(rounds("failed")).isZero();
    }

    private AuditPruning pruning(int batch, int mostBatches) {
        return AuditPruning.unscheduled(registry, store::deleteAuditRecordsBefore, NINETY_DAYS, clock, batch, mostBatches);
    }

    /** Records 1..{@code count}, record {@code n} written {@code firstDays + n} days before {@link #START}. */
    private void recordsDaysOld(int firstDays, int count) throws SQLException {
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO audit_record (id, audit_type, resource_type, action, bk_biz_id, resource_id,"
                    + " resource_name, user_name, operation_time, pre_data, update_fields)"
                    + " SELECT g, 'host', 'host', 'update', 1, g, '10.0.0.' || g, 'admin',"
                    + " timestamptz '" + START + "' - (" + firstDays + " + g) * interval '1 day',"
                    + " jsonb_build_object('bk_host_id', g), jsonb_build_object('bk_comment', 'c' || g)"
                    + " FROM generate_series(1, " + count + ") g");
        }
    }

    private List<Long> idsLeft() throws SQLException {
        try (Connection connection = TestPostgres.jdbc(settings)) {
            return TestPostgres.column(connection, "SELECT id FROM audit_record ORDER BY id").stream().map(Long::valueOf).toList();
        }
    }

    private double deleted() {
        return registry.get(AuditPruning.DELETED).counter().count();
    }

    private double rounds(String outcome) {
        return registry.get(AuditPruning.ROUNDS).tag("outcome", outcome).counter().count();
    }

    private double lastSuccess() {
        return registry.get(AuditPruning.LAST_SUCCESS).gauge().value();
    }
}
