package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The load run's reading of pgbench's per-transaction log, on lines as pgbench's manual shows them. */
class PgbenchLogTest {

    @Test
    void readsTheLatencyOfATransactionRunAtARate() {
        // client 0's 81st transaction took 4,621 µs from when it was due, 3,005 µs of it waiting to start
        assertThat(PgbenchBaseline.transactionMicros("0 81 4621 0 1412881037 912698 3005")).isEqualTo(4621);
    }

    @Test
    void readsTheLatencyOfATransactionRunAtNoRate() {
        assertThat(PgbenchBaseline.transactionMicros("0 199 2241 0 1175850568 995598\n")).isEqualTo(2241);
    }

    @Test
    void refusesASkippedTransactionRatherThanCountingItAsFast() {
        assertThatThrownBy(() -> PgbenchBaseline.transactionMicros("0 83 skipped 0 1412881037 914578 5217"))
                .hasMessage("not a transaction of pgbench's log: 0 83 skipped 0 1412881037 914578 5217");
    }
}
