package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
    private final AtomicReference<Supplier<CompletionStage<Map<String, Long>>>> answer = new AtomicReference<>();

    @AfterEach
    void stopVertx() {
        vertx.close().await();
    }

    @Test
    void givenTablesThatGrow_whenTimeGoesBy_thenEachTableIsMeteredAsLastRead() {
        answer.set(() -> CompletableFuture.completedFuture(Map.of("host", 1_000L * reads.get(), "audit_record", 8_192L)));

        try (TableSizeMeters ignored = start()) {
            await().until(() -> bytesOf("host") != null && bytesOf("host") >= 3_000);

            assertThat(bytesOf("audit_record")).isEqualTo(8_192);
            assertThat(registry.get(TableSizeMeters.TABLE).gauges()).hasSize(2);
        }
    }

    @Test
    void givenAReadThatFailsAfterOneThatSucceeded_whenScraped_thenNoTableIsMeteredUntilAReadSucceedsAgain() {
        answer.set(() -> CompletableFuture.completedFuture(Map.of("host", 4_096L)));

        try (TableSizeMeters ignored = start()) {
            await().until(() -> bytesOf("host") != null);
            answer.set(() -> CompletableFuture.failedFuture(new IllegalStateException("the database is away")));
            await().until(() -> bytesOf("host") == null);
            answer.set(() -> CompletableFuture.completedFuture(Map.of("host", 8_192L)));

            await().until(() -> bytesOf("host") != null);
            assertThat(bytesOf("host")).isEqualTo(8_192);
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
        CompletableFuture<Map<String, Long>> slow = new CompletableFuture<>();
        answer.set(() -> slow);

        try (TableSizeMeters ignored = start()) {
            await().during(MANY_PERIODS).atMost(Duration.ofSeconds(10)).until(() -> reads.get() == 1);
            slow.complete(Map.of("host", 4_096L));

            await().until(() -> reads.get() > 1);
            assertThat(bytesOf("host")).isEqualTo(4_096);
        }
    }

    @Test
    void givenClosedMeters_whenThePeriodsPass_thenTheStoreIsReadNoMore() {
        answer.set(() -> CompletableFuture.completedFuture(Map.of("host", 4_096L)));
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

    /** What the meter of {@code table} says, or null when there is none. */
    private Double bytesOf(String table) {
        Gauge gauge = registry.find(TableSizeMeters.TABLE).tag("table", table).gauge();
        return gauge == null ? null : gauge.value();
    }
}
