package dev.hostclone.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmCompilationMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The one meter registry of a server, which {@code /metrics} exposes, and the Vert.x instance that
 * reports into it. Of Vert.x's own metrics only the pools are on (the PostgreSQL pools' use and
 * wait, the worker pools); its HTTP, network and SQL client meters are off: the HTTP adapter
 * measures requests itself, by API, door and code. Beside them, Micrometer's own JVM and process
 * meters: heap and its pools, GC pauses, threads, classes, JIT compilation time, CPU, open files,
 * uptime.
 */
final class Metrics {

    /** The client type under which the Vert.x SQL client asks for metrics. */
    private static final String SQL_CLIENTS = "sql";

    private Metrics() {
    }

    static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /**
     * Binds the JVM and process meters to the registry. Closing the GC meters it returns detaches their
     * listeners from the JVM, which outlive the registry otherwise (tests start many servers in one JVM).
     */
    static JvmGcMetrics bindJvmMeters(MeterRegistry registry) {
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

    static Vertx vertxReportingTo(MeterRegistry registry) {
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
                .with(VertxFiles.options().setMetricsOptions(options))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }
}
