package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load run's reading of the server's safepoint log, on lines as JDK 17 writes them. */
class ServerSafepointsTest {

    private static final List<String> LOG = List.of(
            "[2026-11-30T16:25:58.753+0000][0.005s] Using G1",
            "[2026-11-30T16:25:59.313+0000][0.566s] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 16M->5M(256M) 4.810ms",
            "[2026-11-30T16:25:59.314+0000][0.566s] Safepoint \"G1CollectForAllocation\", Time since last: 536995920 ns,"
                    + " Reaching safepoint: 3617 ns, Cleanup: 75522 ns, At safepoint: 5404365 ns, Total: 5483504 ns",
            "[2026-11-30T16:26:00.610+0000][1.862s] Safepoint \"Cleanup\", Time since last: 1000241510 ns,"
                    + " Reaching safepoint: 4148 ns, Cleanup: 49883 ns, At safepoint: 4628 ns, Total: 58659 ns",
            "[2026-11-30T16:26:00.956+0000][2.208s] Safepoint \"G1CollectForAllocation\", Time since last: 329798932 ns,"
                    + " Reaching safepoint: 79980 ns, Cleanup: 56846 ns, At safepoint: 15849075 ns, Total: 15985901 ns");

    @Test
    void givenSafepointLines_whenRead_thenEachIsDatedFromItsEndLessItsLength() {
        Pauses safepoints = ServerProcess.safepointsIn(LOG);

        // ended at 16:25:59.314 after 5.48 ms: it began in the second before
        assertThat(safepoints.inSecond(Instant.parse("2026-11-30T16:25:59.308Z"))).isEqualTo("5.5 ms");
        assertThat(safepoints.inSecond(Instant.parse("2026-11-30T16:25:59.309Z"))).isEqualTo("none");
        assertThat(safepoints.inSecond(Instant.parse("2026-11-30T16:26:00Z"))).isEqualTo("16.0 ms in 2, the longest 16.0 ms");
    }

    @Test
    void givenOnlyCollectionLines_whenRead_thenNoSafepoint() {
        Pauses safepoints = ServerProcess.safepointsIn(LOG.subList(0, 2));

        assertThat(safepoints.during(Instant.parse("2026-11-30T16:25:00Z"), Duration.ofMinutes(5), "none"))
                .isEqualTo("none");
    }
}
