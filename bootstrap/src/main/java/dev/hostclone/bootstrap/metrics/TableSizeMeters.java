package dev.hostclone.bootstrap.metrics;

import dev.hostclone.adapter.persistence.postgres.TableSize;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each of HostClone's own tables takes on PostgreSQL's disk, its indexes and TOAST included
 * ({@code hostclone_postgres_table_bytes}, by {@code table}), and how many rows PostgreSQL estimates it
 * holds ({@code hostclone_postgres_table_rows_estimated}; a table no vacuum or analyze has read yet has
 * none): read at start and then every minute, as the store's {@code tableSizes} reads them, and exposed
 * as last read. Unless a retention is set, nothing deletes an audit record on PostgreSQL, so this is what
 * an operator plans the disk by, on an external PostgreSQL as on the embedded one. Only HostClone's own
 * tables, those its migrations make and Flyway's history: a table that an operator or another tool made in
 * the schema gets no series, so that the series are a known set.
 *
 * <p>Read on a timer, not when scraped: a scrape cannot wait for a query, and a read every minute of a
 * catalog that changes by the second is enough to plan by. A read that fails takes the series out until
 * one succeeds: a size last read before PostgreSQL stopped answering is not said to be the size now. The
 * log says so once when the reads start failing, and once when they succeed again, not every minute of an
 * outage that {@code /readyz} and the store's own meters already show.
 */
public final class TableSizeMeters implements AutoCloseable {

    /** Prometheus adds the unit: {@code hostclone_postgres_table_bytes}. */
    static final String TABLE = "hostclone.postgres.table";
    static final String ROWS = "hostclone.postgres.table.rows.estimated";
    public static final Duration EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(TableSizeMeters.class);

    private final Vertx vertx;
    private final LastRead tables;
    private final LastRead rows;
    private final Supplier<CompletionStage<Map<String, TableSize>>> sizes;
    /** Set while a read is under way: a read slower than the period is not overtaken by the next. */
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the last read failed: the log tells when reads start failing and when they succeed again. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private final long timer;

    private TableSizeMeters(Vertx vertx, MeterRegistry registry, Supplier<CompletionStage<Map<String, TableSize>>> sizes,
                            Duration every) {
        this.vertx = vertx;
        this.sizes = sizes;
        this.tables = new LastRead(MultiGauge.builder(TABLE)
                .description("what each of HostClone's own tables takes on PostgreSQL's disk, its indexes and TOAST"
                        + " included, as last read (every minute)")
                .baseUnit("bytes")
                .register(registry));
        this.rows = new LastRead(MultiGauge.builder(ROWS)
                .description("how many rows PostgreSQL estimates each of HostClone's own tables holds (reltuples, as"
                        + " its last vacuum or analyze left it; none before the first), as last read (every minute)")
                .register(registry));
        this.timer = vertx.setPeriodic(0, every.toMillis(), tick -> read());
    }

    /** Reads {@code sizes} now and then every {@code every}, into {@code registry}, until closed. */
    public static TableSizeMeters start(Vertx vertx, MeterRegistry registry,
                                        Supplier<CompletionStage<Map<String, TableSize>>> sizes, Duration every) {
        return new TableSizeMeters(vertx, registry, sizes, every);
    }

    private void read() {
        if (closed.get() || !reading.compareAndSet(false, true)) {
            return;
        }
        CompletionStage<Map<String, TableSize>> read;
        try {
            read = sizes.get();
        } catch (RuntimeException e) {
            reading.set(false);
            failed(e);
            return;
        }
        read.whenComplete((found, failure) -> {
            try {
                if (failure != null) {
                    failed(failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure);
                } else if (!closed.get()) {
                    succeeded(found);
                }
            } finally {
                reading.set(false);
            }
        });
    }

    private void succeeded(Map<String, TableSize> found) {
        tables.show(found.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, table -> table.getValue().bytes())));
        rows.show(found.entrySet().stream()
                .filter(table -> table.getValue().estimatedRows().isPresent())
                .collect(Collectors.toMap(Map.Entry::getKey, table -> table.getValue().estimatedRows().getAsLong())));
        if (failing.compareAndSet(true, false)) {
            LOG.info("read the sizes of the tables again; they are metered again");
        }
    }

    private void failed(Throwable failure) {
        tables.clear();
        rows.clear();
        if (!closed.get() && failing.compareAndSet(false, true)) {
            LOG.warn("could not read the sizes of the tables; they are not metered until a read succeeds, which the"
                    + " log will say: {}", failure.getMessage());
        }
    }

    /** Stops the reads, before the store they read from closes. */
    @Override
    public void close() {
        closed.set(true);
        vertx.cancelTimer(timer);
    }

    /**
     * One meter's series, one a table, each reading the table's value as last read. A read changes the values
     * its series read, and adds or takes out only the series of tables that came or went: taking every series
     * out and adding it again at each read, as a gauge holding its value would need, left a scrape at that
     * instant without them. A read puts its values before it adds series, and drops values only after it has
     * taken their series out, so that a series found in the registry has its value but for a scrape that found it
     * just before it went.
     */
    private static final class LastRead {

        private final MultiGauge gauge;
        private final Map<String, Long> values = new ConcurrentHashMap<>();

        LastRead(MultiGauge gauge) {
            this.gauge = gauge;
        }

        void show(Map<String, Long> read) {
            values.putAll(read);
            gauge.register(read.keySet().stream()
                    .map(table -> MultiGauge.Row.of(Tags.of("table", table), values, last -> valueOf(last, table)))
                    .toList(), false);
            values.keySet().retainAll(read.keySet());
        }

        /**
         * NaN for a series read without its value: only by a scrape that found it before a read took it out and
         * reads it after, once.
         */
        private static double valueOf(Map<String, Long> last, String table) {
            Long value = last.get(table);
            return value == null ? Double.NaN : value;
        }

        void clear() {
            gauge.register(List.of(), false);
            values.clear();
        }
    }
}
