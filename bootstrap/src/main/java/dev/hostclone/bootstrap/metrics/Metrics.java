package dev.hostclone.bootstrap.metrics;

import dev.hostclone.adapter.http.metrics.LatencyBuckets;
import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.memory.AuditRetention;
import dev.hostclone.adapter.persistence.postgres.PostgresStore;
import dev.hostclone.adapter.persistence.postgres.RolledBackWrites;
import dev.hostclone.bootstrap.logging.DroppedLines;
import dev.hostclone.bootstrap.vertx.VertxFiles;
import ch.qos.logback.classic.Level;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.DiskSpaceMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The one meter registry of a server, which {@code /metrics} exposes, and the Vert.x instance that
 * reports into it. Of Vert.x's own metrics only the pools are on (the PostgreSQL pools' use and
 * wait, the worker pools); its HTTP, network and SQL client meters are off: the HTTP adapter
 * measures requests itself, by API, door and code. Beside them, Micrometer's own JVM and process
 * meters: heap and its pools, GC pauses, threads, classes, JIT compilation time, CPU, open files,
 * uptime; the checks of app secrets; on memory, the store's audit records; on the embedded
 * PostgreSQL, the room left on its data directory's file system; and on either PostgreSQL, what its
 * tables take ({@link TableSizeMeters}) and the writes it rolled back for another's sake.
 */
public final class Metrics {

    private static final String SECRET_CHECKS = "hostclone.secret.checks";
    private static final String MEMORY_AUDIT = "hostclone.memory.audit";
    private static final String ROLLED_BACK_WRITES = "hostclone.postgres.writes.rolled.back";
    private static final String DROPPED_LOG_LINES = "hostclone.log.events.dropped";
    /** The client type under which the Vert.x SQL client asks for metrics. */
    private static final String SQL_CLIENTS = "sql";
    private static final String VERTX_POOL_METERS = "vertx.pool.";
    /** Vert.x's pool timers: how long a connection is held, and how long a request waits for one. */
    private static final Set<String> VERTX_POOL_TIMERS = Set.of("vertx.pool.usage", "vertx.pool.queue.time");
    private static final String POOL_NAME = "pool_name";

    private Metrics() {
    }

    /**
     * The registry, without the pool meters of the connections the store's keyed reads share: one connection
     * each, replaced when it stalls by one under the same name, whose gauges Micrometer then refused with a
     * WARN ({@code This Gauge has been already registered}); a name per replacement would be a series per
     * stall. What they said (reads pipelined on it) the request timers and the replacement's own WARN say.
     * The pools' timers are histograms of {@link LatencyBuckets}, as the requests' and the store operations' are, the
     * worker pools' too, since one metric has one type in a scrape whatever its labels. Vert.x makes them summaries,
     * which gave a mean and a maximum: until 2026-12-07 no query could ask how many requests waited over a
     * millisecond for a connection. Set before any meter is registered, as Micrometer asks of a filter.
     */
    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().startsWith(VERTX_POOL_METERS)
                && Objects.requireNonNullElse(id.getTag(POOL_NAME), "").startsWith(PostgresStore.SHARED_CONNECTION_POOL_PREFIX)));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getType() == Meter.Type.TIMER && VERTX_POOL_TIMERS.contains(id.getName())
                        ? LatencyBuckets.histogram().merge(config) : config;
            }
        });
        return registry;
    }

    /**
     * Binds the JVM and process meters to the registry. Closing the GC meters it returns detaches their
     * listeners from the JVM, which outlive the registry otherwise (tests start many servers in one JVM).
     */
    public static JvmGcMetrics bindJvmMeters(MeterRegistry registry) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmCompilationMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        return gc;
    }

    /**
     * How the server's checks of app secrets were answered ({@code hostclone_secret_checks_total}, by
     * {@code answer}), and how many slow ones wait for a thread ({@code hostclone_secret_checks_waiting}):
     * what guesses and old secrets cost, and how near the refusals are. {@code checks} counts, and the
     * registry reads the counts when scraped.
     */
    public static void bindSecretChecks(MeterRegistry registry, SecretChecks checks) {
        for (SecretChecks.Answer answer : SecretChecks.Answer.values()) {
            FunctionCounter.builder(SECRET_CHECKS, checks, counted -> counted.answered(answer))
                    .description("checks of app secrets, by how each was answered: proven_before and remembered_wrong"
                            + " at once, shared with a slow check of the same secret, hashed by one of its own, busy refused")
                    .tag("answer", answer.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder(SECRET_CHECKS + ".waiting", checks, SecretChecks::waitingNow)
                .description("slow checks of app secrets waiting for a thread")
                .register(registry);
    }

    /**
     * What the memory store's audit log holds ({@code hostclone_memory_audit_records}), what that weighs
     * ({@code hostclone_memory_audit_bytes}) and what it has forgotten
     * ({@code hostclone_memory_audit_forgotten_total}): the records are what its heap grows with, and a
     * forgotten one is no longer found by the audit APIs.
     */
    public static void bindMemoryAudit(MeterRegistry registry, AuditRetention retention) {
        Gauge.builder(MEMORY_AUDIT + ".records", retention, AuditRetention::keptNow)
                .description("audit records the memory store keeps now")
                .register(registry);
        Gauge.builder(MEMORY_AUDIT + ".bytes", retention, AuditRetention::keptBytes)
                .description("what the audit records the memory store keeps weigh, counted as if they shared no value:"
                        + " at most a quarter of the heap")
                .baseUnit("bytes")
                .register(registry);
        FunctionCounter.builder(MEMORY_AUDIT + ".forgotten", retention, AuditRetention::forgotten)
                .description("audit records the memory store has forgotten, the oldest first, to keep no more than"
                        + " HOSTCLONE_MEMORY_AUDIT_RECORDS, weighing no more than a quarter of the heap")
                .register(registry);
    }

    /**
     * The log lines dropped because standard output took none for longer than the log's append timeout, by level
     * ({@code hostclone_log_events_dropped_total}: {@code error}, {@code warn}, {@code info} with any finer); read
     * when scraped. None when an operator's own Logback file replaced the server's logging set-up.
     */
    public static void bindDroppedLogLines(MeterRegistry registry) {
        DroppedLines.ofThisJvm().ifPresent(drops -> {
            for (Level level : List.of(Level.ERROR, Level.WARN, Level.INFO)) {
                FunctionCounter.builder(DROPPED_LOG_LINES, drops, counted -> counted.dropped(level))
                        .description("log lines dropped, not written, because standard output took none for longer"
                                + " than the log's append timeout, by level; info counts finer levels too")
                        .tag("level", level.levelStr.toLowerCase(Locale.ROOT))
                        .register(registry);
            }
        });
    }

    /**
     * The host writes PostgreSQL rolled back so that another could go on, by SQLSTATE
     * ({@code hostclone_postgres_writes_rolled_back_total}: {@code 40P01} a deadlock, {@code 40001} a
     * serialization failure). The store answers each as stale and the caller plans it again, so without
     * this a deadlock would show only as a retry. {@code rolledBack} counts, and the registry reads the
     * counts when scraped.
     */
    public static void bindRolledBackWrites(MeterRegistry registry, RolledBackWrites rolledBack) {
        for (RolledBackWrites.Cause cause : RolledBackWrites.Cause.values()) {
            FunctionCounter.builder(ROLLED_BACK_WRITES, rolledBack, counted -> counted.count(cause))
                    .description("host writes PostgreSQL rolled back so that another could go on, by SQLSTATE: 40P01 a"
                            + " deadlock, 40001 a serialization failure; each was answered as stale, and planned again unless it was the last attempt")
                    .tag("sqlstate", cause.sqlState())
                    .register(registry);
        }
    }

    /**
     * The room left on the file system of the embedded PostgreSQL's data directory, and its size
     * ({@code disk_free_bytes}, {@code disk_total_bytes}, by {@code path}), read when scraped. Unless
     * {@code HOSTCLONE_AUDIT_RETENTION} is set, nothing deletes an audit record, so the data grows with every
     * write; and a PostgreSQL that cannot write its WAL stops, and this server with it. An external
     * PostgreSQL's disk is its DBA's to watch.
     */
    public static void bindDataDirectory(MeterRegistry registry, Path dataDirectory) {
        new DiskSpaceMetrics(dataDirectory.toAbsolutePath().normalize().toFile()).bindTo(registry);
    }

    /**
     * The server's Vert.x, reporting into {@code registry}, with an event loop for each of
     * {@code httpInstances} at least: Vert.x makes twice the cores, and more instances than that shared
     * loops (8 instances on two cores served on four loops), while the pools were sized for one each.
     */
    public static Vertx vertxReportingTo(MeterRegistry registry, int httpInstances) {
        MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true);
        for (MetricsDomain domain : MetricsDomain.values()) {
            if (domain != MetricsDomain.NAMED_POOLS) {
                options.addDisabledMetricsCategory(domain);
            }
        }
        // the SQL client's own meters, which no MetricsDomain covers: they carry no label of their client, so
        // every pool after the first logged a "Gauge already registered" warning and went uncounted; the pool
        // meters above and the HTTP adapter's request timers already say what they would
        options.addDisabledMetricsCategory(SQL_CLIENTS);
        return Vertx.builder()
                .with(VertxFiles.options().setMetricsOptions(options)
                        .setEventLoopPoolSize(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, httpInstances)))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }
}
