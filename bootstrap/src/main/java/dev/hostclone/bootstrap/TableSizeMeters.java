package dev.hostclone.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each of HostClone's tables takes on PostgreSQL's disk, its indexes and TOAST included
 * ({@code hostclone_postgres_table_bytes}, by {@code table}): read at start and then every minute, as
 * the store's {@code tableSizes} reads them, and exposed as last read. Nothing deletes an audit record on
 * PostgreSQL, so this is what an operator plans the disk by, on an external PostgreSQL as on the embedded one.
 *
 * <p>Read on a timer, not when scraped: a scrape cannot wait for a query, and a read every minute of a
 * catalog that changes by the second is enough to plan by. A read that fails takes the series out until
 * one succeeds: a size last read before PostgreSQL stopped answering is not said to be the size now.
 */
final class TableSizeMeters implements AutoCloseable {

    /** Prometheus adds the unit: {@code hostclone_postgres_table_bytes}. */
    static final String TABLE = "hostclone.postgres.table";
    static final Duration EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(TableSizeMeters.class);

    private final Vertx vertx;
    private final MultiGauge tables;
    private final Supplier<CompletionStage<Map<String, Long>>> sizes;
    /** Set while a read is under way: a read slower than the period is not overtaken by the next. */
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final long timer;

    private TableSizeMeters(Vertx vertx, MeterRegistry registry, Supplier<CompletionStage<Map<String, Long>>> sizes,
                            Duration every) {
        this.vertx = vertx;
        this.sizes = sizes;
        this.tables = MultiGauge.builder(TABLE)
                .description("what each table of HostClone's schema takes on PostgreSQL's disk, its indexes and TOAST"
                        + " included, as last read (every minute)")
                .baseUnit("bytes")
                .register(registry);
        this.timer = vertx.setPeriodic(0, every.toMillis(), tick -> read());
    }

    /** Reads {@code sizes} now and then every {@code every}, into {@code registry}, until closed. */
    static TableSizeMeters start(Vertx vertx, MeterRegistry registry, Supplier<CompletionStage<Map<String, Long>>> sizes,
                                 Duration every) {
        return new TableSizeMeters(vertx, registry, sizes, every);
    }

    private void read() {
        if (closed.get() || !reading.compareAndSet(false, true)) {
            return;
        }
        CompletionStage<Map<String, Long>> read;
        try {
            read = sizes.get();
        } catch (RuntimeException e) {
            reading.set(false);
            failed(e);
            return;
        }
        read.whenComplete((found, failure) -> {
            reading.set(false);
            if (failure != null) {
                failed(failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure);
            } else if (!closed.get()) {
                tables.register(found.entrySet().stream()
                        .map(table -> MultiGauge.Row.of(Tags.of("table", table.getKey()), table.getValue()))
                        .toList(), true);
            }
        });
    }

    private void failed(Throwable failure) {
        tables.register(List.of(), true);
        if (!closed.get()) {
            LOG.warn("could not read the sizes of the tables; they are not metered until a read succeeds: {}",
                    failure.getMessage());
        }
    }

    /** Stops the reads, before the store they read from closes. */
    @Override
    public void close() {
        closed.set(true);
        vertx.cancelTimer(timer);
    }
}
