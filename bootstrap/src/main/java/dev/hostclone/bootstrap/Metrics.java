package dev.hostclone.bootstrap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The one meter registry of a server, which {@code /metrics} exposes, and the Vert.x instance that
 * reports into it. Of Vert.x's own metrics only the pools are on (the PostgreSQL pool's use and
 * wait, the worker pools): the HTTP adapter measures requests itself, by API, door and code.
 */
final class Metrics {

    private Metrics() {
    }

    static PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    static Vertx vertxReportingTo(MeterRegistry registry) {
        MicrometerMetricsOptions options = new MicrometerMetricsOptions().setEnabled(true);
        for (MetricsDomain domain : MetricsDomain.values()) {
            if (domain != MetricsDomain.NAMED_POOLS) {
                options.addDisabledMetricsCategory(domain);
            }
        }
        return Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(options))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
    }
}
