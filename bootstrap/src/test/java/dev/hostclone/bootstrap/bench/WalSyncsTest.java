package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How the load and soak reports read and show PostgreSQL's WAL syncs ({@code pg_stat_wal}'s two counters). */
class WalSyncsTest {

    private Locale before;

    @BeforeEach
    void englishNumbers() {
        before = Locale.getDefault();
        Locale.setDefault(Locale.ROOT);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(before);
    }

    @Test
    void givenTwoReadings_whenSubtracted_thenThePhaseCountsTheSyncsAndTheirTimeBetweenThem() {
        DatabaseWork.WalSyncs phase = new DatabaseWork.WalSyncs(1_300, 610.0).since(new DatabaseWork.WalSyncs(100, 10.0));

        assertThat(phase.count()).isEqualTo(1_200);
        assertThat(phase.meanMillis()).isEqualTo(0.5);
        assertThat(phase.perSecond(2.0)).isEqualTo("600/s of 0.50 ms");
    }

    @Test
    void givenAPhaseWithoutSyncs_whenShown_thenItSaysSoRatherThanShowingAMeanOfNothing() {
        DatabaseWork.WalSyncs none = new DatabaseWork.WalSyncs(40, 12.0).since(new DatabaseWork.WalSyncs(40, 12.0));

        assertThat(none.meanMillis()).isNaN();
        assertThat(none.perSecond(1.0)).isEqualTo("none");
    }

    @Test
    void givenTheWorkPerClone_whenShown_thenASyncsMeanTimeIsNamedOnlyWhenThereWereSyncs() {
        assertThat(new DatabaseWork.PerClone(1_000, 404.2, 3_012, 0.21, 0.45, 0.397))
                .hasToString("404 µs CPU, 3.0 kB WAL (0.21 full pages), 0.45 WAL syncs of 0.40 ms");
        // a PostgreSQL with fsync off syncs nothing, and times nothing
        assertThat(new DatabaseWork.PerClone(1_000, 202, 2_990, 0, 0, Double.NaN))
                .hasToString("202 µs CPU, 3.0 kB WAL (0.00 full pages), 0.00 WAL syncs");
    }
}
