package dev.hostclone.adapter.http.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {

    private static final Pattern BUCKET = Pattern.compile(
            "^hostclone_http_requests_seconds_bucket\\{api=\"clone_host_property\",code=\"0\",door=\"v3\",status=\"200\",le=\"([^\"]+)\"} (\\S+)$");

    private final HttpMetrics metrics = new HttpMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

    /**
     * A clone on memory takes tens of microseconds and one on PostgreSQL under a millisecond: the buckets began at
     * 1 ms, where each of these fell, and {@code histogram_quantile} read any p50 as 0.5 ms and any p99 as 0.99.
     */
    @Test
    void givenRequestsOfMicrosecondsAndOfSeconds_whenScraped_thenBucketsUnderAMillisecondTellThemApart() {
        metrics.request("clone_host_property", "v3", "0", "200", TimeUnit.MICROSECONDS.toNanos(72));
        metrics.request("clone_host_property", "v3", "0", "200", TimeUnit.MICROSECONDS.toNanos(640));
        metrics.request("clone_host_property", "v3", "0", "200", TimeUnit.SECONDS.toNanos(3));

        Map<Double, Double> atMost = buckets(metrics.scrape());

        assertThat(atMost.keySet().iterator().next()).as("the first bound").isEqualTo(1e-5);
        assertThat(atMost.get(7e-5)).isZero();
        assertThat(atMost.get(1e-4)).isEqualTo(1);
        assertThat(atMost.get(5e-4)).isEqualTo(1);
        assertThat(atMost.get(7e-4)).isEqualTo(2);
        assertThat(atMost.get(2.0)).isEqualTo(2);
        assertThat(atMost.get(3.0)).isEqualTo(3);
        assertThat(atMost.get(Double.POSITIVE_INFINITY)).isEqualTo(3);
    }

    /** Both readiness answers have a series from the start, so that the first DOWN is an increase from 0. */
    @Test
    void givenNoReadinessAnswerYet_whenScraped_thenBothStatusesReadZero() {
        String scraped = metrics.scrape();

        assertThat(scraped).contains("hostclone_readiness_answers_total{status=\"DOWN\"} 0.0",
                "hostclone_readiness_answers_total{status=\"UP\"} 0.0");

        metrics.readiness(false);

        assertThat(metrics.scrape()).contains("hostclone_readiness_answers_total{status=\"DOWN\"} 1.0",
                "hostclone_readiness_answers_total{status=\"UP\"} 0.0");
    }

    /** Every series carries every bucket: 37 bounds and {@code +Inf}, where there were 60 and {@code +Inf}. */
    @Test
    void givenOneSeries_whenScraped_thenItHasRoundBoundsSixToADecadeFrom10MicrosecondsTo10Seconds() {
        metrics.request("clone_host_property", "v3", "0", "200", 1);

        Map<Double, Double> atMost = buckets(metrics.scrape());

        assertThat(atMost).hasSize(38).containsKeys(1e-5, 1.5e-5, 2e-5, 3e-5, 5e-5, 7e-5, 1e-3, 1.5e-3, 7.0, 10.0,
                Double.POSITIVE_INFINITY);
    }

    /** The bucket counts of the one series, by bound in seconds, each counting the requests that took at most that. */
    private static Map<Double, Double> buckets(String scrape) {
        Map<Double, Double> atMost = new TreeMap<>();
        scrape.lines().map(BUCKET::matcher).filter(Matcher::matches).forEach(bucket -> atMost.put(
                "+Inf".equals(bucket.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1)),
                Double.parseDouble(bucket.group(2))));
        return atMost;
    }
}
