package dev.hostclone.adapter.http.metrics;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Arrays;

/**
 * The buckets of HostClone's latency histograms, the requests' and the store operations' alike, so that the two
 * set side by side read alike: from 10 µs to 10 s, six to a decade (1, 1.5, 2, 3, 5 and 7 times each power of
 * ten), 37 besides {@code +Inf}. A clone on memory takes tens of microseconds, one on PostgreSQL under a
 * millisecond, and a request may wait the store's timeout (5 s by default) and more. Between any two bounds
 * {@code histogram_quantile} reads a p50 or a p99 within about a tenth of it; Micrometer's percentile histogram
 * reads it as closely only with 91 buckets over the same range, and its bounds are not round, so that no query
 * could ask how many took at most 1 ms.
 */
public final class LatencyBuckets {

    private static final long[] STEPS_NANOS = {10_000, 15_000, 20_000, 30_000, 50_000, 70_000};
    private static final int DECADES = 6;
    private static final Duration[] BOUNDS = bounds();

    private LatencyBuckets() {
    }

    /**
     * {@code timer} published as a histogram of these buckets, to a Prometheus registry, the server's: in another,
     * each bound would become a gauge of its own.
     */
    public static Timer.Builder on(Timer.Builder timer) {
        return timer.serviceLevelObjectives(BOUNDS.clone());
    }

    /**
     * These buckets for a timer another library makes (Vert.x's pool meters), given to it by a meter filter's
     * {@code configure}: bounds in nanoseconds, a timer's base unit there.
     */
    public static DistributionStatisticConfig histogram() {
        return DistributionStatisticConfig.builder()
                .serviceLevelObjectives(Arrays.stream(BOUNDS).mapToDouble(Duration::toNanos).toArray())
                .build();
    }

    private static Duration[] bounds() {
        Duration[] bounds = new Duration[STEPS_NANOS.length * DECADES + 1];
        long decade = 1;
        for (int i = 0; i < DECADES; i++, decade *= 10) {
            for (int step = 0; step < STEPS_NANOS.length; step++) {
                bounds[i * STEPS_NANOS.length + step] = Duration.ofNanos(STEPS_NANOS[step] * decade);
            }
        }
        bounds[bounds.length - 1] = Duration.ofSeconds(10);
        return bounds;
    }
}
