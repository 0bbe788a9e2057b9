package dev.hostclone.adapter.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    /** A clock that moves only when told. */
    private static final class ManualClock implements TimeMeter {
        private long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advanceMillis(long millis) {
            nanos += TimeUnit.MILLISECONDS.toNanos(millis);
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<String> refused = new ArrayList<>();

    @Test
    void givenALimitOfThree_whenAFourthRequestComesInTheSameInstant_thenItIsRefused() {
        RateLimits limits = new RateLimits(3, clock, refused::add);

        assertThat(limits.tryAcquire("ops", "clone_host_property")).isTrue();
        assertThat(limits.tryAcquire("ops", "clone_host_property")).isTrue();
        assertThat(limits.tryAcquire("ops", "clone_host_property")).isTrue();
        assertThat(limits.tryAcquire("ops", "clone_host_property")).isFalse();
        assertThat(refused).as("told of the one refused").containsExactly("clone_host_property");
    }

    @Test
    void givenAnAppOverItsLimit_whenOtherAppsOrApisAsk_thenEachHasItsOwnAllowance() {
        RateLimits limits = new RateLimits(1, clock, refused::add);
        limits.tryAcquire("ops", "clone_host_property");

        assertThat(limits.tryAcquire("ops", "clone_host_property")).isFalse();
        assertThat(limits.tryAcquire("ops", "batch_update_host")).isTrue();
        assertThat(limits.tryAcquire("ci", "clone_host_property")).isTrue();
    }

    @Test
    void givenTheAllowanceUsedUp_whenTimePasses_thenItRefillsInProportion() {
        RateLimits limits = new RateLimits(10, clock, refused::add);
        for (int i = 0; i < 10; i++) {
            limits.tryAcquire("ops", "clone_host_property");
        }

        clock.advanceMillis(100);

        assertThat(limits.tryAcquire("ops", "clone_host_property")).as("a tenth of a second: one request").isTrue();
        assertThat(limits.tryAcquire("ops", "clone_host_property")).isFalse();
        clock.advanceMillis(1_000);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.tryAcquire("ops", "clone_host_property")).as("a full second: the whole allowance").isTrue();
        }
    }

    @Test
    void givenZero_whenAsked_thenTheLimitIsOff() {
        RateLimits limits = new RateLimits(0, clock, refused::add);

        for (int i = 0; i < 1_000; i++) {
            assertThat(limits.tryAcquire("ops", "clone_host_property")).isTrue();
        }
    }
}
