package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The load run's reading of pgbench's per-transaction log, on lines as pgbench's manual shows them. */
class PgbenchLogTest {

    @Test
    void givenATransactionRunAtARate_whenRead_thenItsLatency() {
        // client 0's 81st transaction took 4,621 µs from when it was due, 3,005 µs of it waiting to start
        assertThat(PgbenchBaseline.transactionMicros("0 81 4621 0 1412881037 912698 3005")).isEqualTo(4621);
    }

    @Test
    void givenATransactionRunAtNoRate_whenRead_thenItsLatency() {
        assertThat(PgbenchBaseline.transactionMicros("0 199 2241 0 1175850568 995598\n")).isEqualTo(2241);
    }

    @Test
    void givenASkippedTransaction_whenRead_thenRefusedRatherThanCountedAsFast() {
        assertThatThrownBy(() -> PgbenchBaseline.transactionMicros("0 83 skipped 0 1412881037 914578 5217"))
                .hasMessage("not a transaction of pgbench's log: 0 83 skipped 0 1412881037 914578 5217");
    }

    @Test
    void givenATransaction_whenReadingItsCompletion_thenTheMicrosecondItCompleted() {
        assertThat(PgbenchBaseline.completedMicros("0 81 4621 0 1412881037 912698 3005")).isEqualTo(1412881037912698L);
    }

    @Test
    void givenProgressDuringAndAfterTheWarmUp_whenReadingTheThroughput_thenOnlyTheIntervalsAfterItCount() {
        String output = """
                pgbench (15.18 (Debian 15.18-0+deb12u1))
                progress: 1.0 s, 310.0 tps, lat 25.612 ms stddev 30.113, 0 failed
                progress: 2.0 s, 1290.0 tps, lat 6.187 ms stddev 2.006, 0 failed
                progress: 3.0 s, 1500.0 tps, lat 5.301 ms stddev 1.822, 0 failed
                progress: 4.0 s, 1700.0 tps, lat 4.700 ms stddev 1.501, 0 failed, lag 0.120 ms stddev 0.300
                transaction type: multiple scripts
                tps = 1200.000000 (without initial connection time)
                """;

        assertThat(PgbenchBaseline.tpsAfter(output, 2)).isEqualTo(1600.0);
    }

    @Test
    void givenNoProgressAfterTheWarmUp_whenReadingTheThroughput_thenRefused() {
        assertThatThrownBy(() -> PgbenchBaseline.tpsAfter("progress: 1.0 s, 310.0 tps, lat 25.612 ms\n", 2))
                .hasMessageStartingWith("no progress after 2 s in pgbench's output");
    }
}
