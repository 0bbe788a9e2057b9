package dev.hostclone.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.persistence.postgres.TableSize;
import dev.hostclone.application.testing.CapturedLog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The timer around a store's table sizes; the store is a fake here, a real PostgreSQL's is tested with the store. */
class TableSizeMetersTest {

    private static final Duration OFTEN = Duration.ofMillis(20);
    /** Long enough for many periods to pass: what must not happen does not within it. */
    private static final Duration MANY_PERIODS = Duration.ofMillis(300);

    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicReference<Supplier<CompletionStage<Map<String, TableSize>>>> answer = new AtomicReference<>();

    @AfterEach
    void stopVertx() {
        vertx.close().await();
    }

    @Test
    void givenTablesThatGrow_whenTimeGoesBy_thenEachTableIsMeteredAsLastRead() {
        answer.set(() -> CompletableFuture.completedFuture(Map.of("host", size(1_000L * reads.get(), 10L * reads.get()),
                "audit_record", new TableSize(8_192L, OptionalLong.empty()))));

        try (TableSizeMeters ignored = start()) {
            await().until(() -> bytesOf("host") != null && bytesOf("host") >= 3_000);

            assertThat(bytesOf("audit_record")).isEqualTo(8_192);
            assertThat(registry.get(TableSizeMeters.TABLE).gauges()).hasSize(2);
            await().until(() -> rowsOf("host") != null && rowsOf("host") >= 30);
            // a table no analyze has read yet has bytes, and no rows said
            assertThat(rowsOf("audit_record")).isNull();
        }
    }

    @Test
    void givenTheSameTablesReadAgain_whenTheReadsSucceed_thenNoSeriesIsTakenOutBetweenThem() {
        List<String> removed = new CopyOnWriteArrayList<>();
        registry.config().onMeterRemoved(meter -> removed.add(meter.getId().getName() + " " + meter.getId().getTag("table")));
        answer.set(() -> CompletableFuture.completedFuture(Map.of("host", size(1_000L * reads.get(), 10L * reads.get()))));

        try (TableSizeMeters ignored = start()) {
            await().until(() -> bytesOf("host") != null && bytesOf("host") >= 3_000);
        }

        // a scrape between a read's removal and its adding again would miss the table
        assertThat(removed).isEmpty();
    }

    @Test
    void givenATableThatGoesAway_whenReadAgain_thenItsSeriesGoAndTheOthersStay() {
        AtomicReference<Map<String, TableSize>> tables = new AtomicReference<>(
                Map.of("host", size(4_096L, 1L), "old_host", size(8_192L, 2L)));
        answer.set(() -> CompletableFuture.completedFuture(tables.get()));

        try (TableSizeMeters ignored = start()) {
            await().until(() -> bytesOf("old_host") != null);
            tables.set(Map.of("host", size(16_384L, 3L)));

            await().until(() -> bytesOf("old_host") == null && rowsOf("old_host") == null);
            await().until(() -> bytesOf("host") == 16_384 && rowsOf("host") == 3);
        }
    }

    @Test
    void givenAReadThatFailsAfterOneThatSucceeded_whenScraped_thenNoTableIsMeteredUntilAReadSucceedsAgain() {
        answer.set(() -> CompletableFuture.completedFuture(Map.of("host", size(4_096L, 1L))));

        try (TableSizeMeters ignored = start()) {
            await().until(() -> bytesOf("host") != null);
            answer.set(() -> CompletableFuture.failedFuture(new IllegalStateException("the database is away")));
            await().until(() -> bytesOf("host") == null);
            assertThat(rowsOf("host")).isNull();
            answer.set(() -> CompletableFuture.completedFuture(Map.of("host", size(8_192L, 2L))));

            await().until(() -> bytesOf("host") != null);
            assertThat(bytesOf("host")).isEqualTo(8_192);
        }
    }

    /** An outage of PostgreSQL is told once when the reads start failing and once when they succeed, not every minute. */
    @Test
    void givenReadsThatFailManyTimesAndThenSucceed_whenLogged_thenOneWarningAndOneRecoveryAreSaid() {
        answer.set(() -> CompletableFuture.failedFuture(new IllegalStateException("the database is away")));
        try (CapturedLog logged = CapturedLog.of(TableSizeMeters.class); TableSizeMeters ignored = start()) {
            await().until(() -> reads.get() >= 5);
            answer.set(() -> CompletableFuture.completedFuture(Map.of("host", size(4_096L, 1L))));
            int readsWhenBack = reads.get();
            await().until(() -> reads.get() >= readsWhenBack + 3 && bytesOf("host") != null);

            assertThat(logged.events()).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage).containsExactly(
                    tuple(Level.WARN, "could not read the sizes of the tables; they are not metered until a read succeeds,"
                            + " which the log will say: the database is away"),
                    tuple(Level.INFO, "read the sizes of the tables again; they are metered again"));
        }
    }

    @Test
    void givenAStoreThatThrowsInsteadOfFailingItsStage_whenRead_thenTheReadsGoOn() {
        answer.set(() -> {
            throw new IllegalStateException("closed");
        });

        try (TableSizeMeters ignored = start()) {
            await().until(() -> reads.get() >= 3);

            assertThat(bytesOf("host")).isNull();
        }
    }

    @Test
    void givenAReadSlowerThanThePeriod_whenThePeriodsPass_thenNoOtherReadStartsBeforeItEnds() {
        CompletableFuture<Map<String, TableSize>> slow = new CompletableFuture<>();
        answer.set(() -> slow);

        try (TableSizeMeters ignored = start()) {
            await().during(MANY_PERIODS).atMost(Duration.ofSeconds(10)).until(() -> reads.get() == 1);
            slow.complete(Map.of("host", size(4_096L, 1L)));

            await().until(() -> reads.get() > 1);
            assertThat(bytesOf("host")).isEqualTo(4_096);
        }
    }

    @Test
    void givenClosedMeters_whenThePeriodsPass_thenTheStoreIsReadNoMore() {
        answer.set(() -> CompletableFuture.completedFuture(Map.of("host", size(4_096L, 1L))));
        TableSizeMeters meters = start();
        await().until(() -> reads.get() >= 2);

        meters.close();
        int readsWhenClosed = reads.get();

        // but for a tick already under way as it closed
        await().during(MANY_PERIODS).atMost(Duration.ofSeconds(10)).until(() -> reads.get() <= readsWhenClosed + 1);
    }

    private TableSizeMeters start() {
        return TableSizeMeters.start(vertx, registry, () -> {
            reads.incrementAndGet();
            return answer.get().get();
        }, OFTEN);
    }

    private static TableSize size(long bytes, long estimatedRows) {
        return new TableSize(bytes, OptionalLong.of(estimatedRows));
    }

    /** What the bytes meter of {@code table} says, or null when there is none. */
    private Double bytesOf(String table) {
        return valueOf(TableSizeMeters.TABLE, table);
    }

    /** What the estimated rows meter of {@code table} says, or null when there is none. */
    private Double rowsOf(String table) {
        return valueOf(TableSizeMeters.ROWS, table);
    }

    private Double valueOf(String meter, String table) {
        Gauge gauge = registry.find(meter).tag("table", table).gauge();
        return gauge == null ? null : gauge.value();
    }
}
