package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.hostclone.bootstrap.bench.LoadDriver.Result;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The memory point's ratio as CPU alone would give it: both processes' CPU per request, clones against the trivial route. */
class ByCpuAloneTest {

    @Test
    void givenClonesCostingBothProcessesTwiceWhatATrivialRequestDoes_whenRatedByCpuAlone_thenFiftyPercent() {
        Result before = run(1_000, 16_000, 18_000);
        Result after = run(1_000, 17_000, 17_000);
        Result clones = run(1_000, 46_000, 22_000);

        assertThat(LoadRun.byCpuAlonePercent(clones, before, after)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void givenHalfTheClonesAnsweredWithAnError_whenRatedByCpuAlone_thenTheErrorsCountAsRequestsTheirCpuWentTo() {
        Result trivial = run(1_000, 20_000, 20_000);
        Result clonesHalfRefused = new Result(500, 500, 1, new Histogram(3), Duration.ofNanos(60_000_000),
                Duration.ofNanos(20_000_000), 0, 0, Instant.EPOCH, List.of());

        assertThat(LoadRun.byCpuAlonePercent(clonesHalfRefused, trivial, trivial)).isCloseTo(50.0, within(1e-9));
    }

    /** {@code requests} answered in one second, each costing the server and the generator the given nanoseconds. */
    private static Result run(long requests, long serverNanosEach, long generatorNanosEach) {
        return new Result(requests, 0, 1, new Histogram(3), Duration.ofNanos(requests * serverNanosEach),
                Duration.ofNanos(requests * generatorNanosEach), 0, 0, Instant.EPOCH, List.of());
    }
}
