package dev.hostclone.adapter.http.server;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * At most {@code perSecond} requests per second for each app on each API, as BlueKing's gateway
 * allows: one token bucket (Bucket4j, lock-free) per app and API, full at first and refilled
 * steadily, shared by every event loop. Zero turns the limit off.
 */
public final class RateLimits {

    private final int perSecond;
    private final TimeMeter clock;
    private final Consumer<String> refusedOn;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Told the API of each request refused ({@code refusedOn}: a meter). */
    public RateLimits(int perSecond, TimeMeter clock, Consumer<String> refusedOn) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must not be negative: " + perSecond);
        }
        this.perSecond = perSecond;
        this.clock = clock;
        this.refusedOn = Objects.requireNonNull(refusedOn, "refusedOn");
    }

    public int perSecond() {
        return perSecond;
    }

    /** Takes one request from the app's allowance for the API; false when it is used up. */
    public boolean tryAcquire(String appCode, String api) {
        if (perSecond == 0) {
            return true;
        }
        if (buckets.computeIfAbsent(appCode + '\u0000' + api, key -> newBucket()).tryConsume(1)) {
            return true;
        }
        refusedOn.accept(api);
        return false;
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .withCustomTimePrecision(clock)
                .build();
    }
}
