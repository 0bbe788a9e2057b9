package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A stamp is the instant's millisecond in ISO-8601, whatever stamps came before it: the last one is
 * kept for reuse, and must never answer for another millisecond.
 */
class TimestampProperties {

    @Property
    void everyStampIsItsOwnMillisecondInIso8601(@ForAll("nearbyInstants") List<Instant> instants) {
        for (Instant instant : instants) {
            assertThat(HostFields.timestamp(instant))
                    .as(instant.toString())
                    .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS)));
        }
    }

    @Test
    void aStampKeepsTheMillisecondAndDropsWhatIsFiner() {
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:00Z"))).isEqualTo("2026-11-29T21:00:00Z");
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:00.123456789Z"))).isEqualTo("2026-11-29T21:00:00.123Z");
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:00.123999999Z"))).isEqualTo("2026-11-29T21:00:00.123Z");
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:00.124Z"))).isEqualTo("2026-11-29T21:00:00.124Z");
    }

    /** Runs of instants a few microseconds to a few milliseconds apart, so that neighbours often share a millisecond. */
    @Provide
    Arbitrary<List<Instant>> nearbyInstants() {
        Instant start = Instant.parse("2026-11-29T21:00:00Z");
        return Arbitraries.longs().between(0, 5_000_000).map(start::plusNanos).list().ofMinSize(1).ofMaxSize(20);
    }
}
