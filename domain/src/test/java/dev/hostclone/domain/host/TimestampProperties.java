package dev.hostclone.domain.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * A stamp is the instant's millisecond in ISO-8601, as {@code ISO_INSTANT} formats it, whatever stamps came
 * before it: the last one and its second are kept for reuse, and must never answer for another millisecond
 * or second.
 */
class TimestampProperties {

    @Test
    void everyStampIsItsOwnMillisecondInIso8601() {
        qt().forAll(nearbyInstants()).checkAssert(instants -> {
            for (Instant instant : instants) {
                assertThat(HostFields.timestamp(instant))
                        .as(instant.toString())
                        .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS)));
            }
        });
    }

    @Test
    void anyInstantIsStampedAsIsoInstantFormatsItsMillisecond() {
        qt().forAll(longs().between(-100_000_000_000L, 1_000_000_000_000L), integers().between(0, 999_999_999))
                .checkAssert((second, nanos) -> {
                    Instant instant = Instant.ofEpochSecond(second, nanos);
                    assertThat(HostFields.timestamp(instant))
                            .as(instant.toString())
                            .isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS)));
                });
    }

    @Test
    void aStampKeepsTheMillisecondAndDropsWhatIsFiner() {
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:00Z"))).isEqualTo("2026-11-29T21:00:00Z");
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:00.123456789Z"))).isEqualTo("2026-11-29T21:00:00.123Z");
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:00.123999999Z"))).isEqualTo("2026-11-29T21:00:00.123Z");
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:00.124Z"))).isEqualTo("2026-11-29T21:00:00.124Z");
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:00.007Z"))).isEqualTo("2026-11-29T21:00:00.007Z");
        assertThat(HostFields.timestamp(Instant.parse("2026-11-29T21:00:01.070Z"))).isEqualTo("2026-11-29T21:00:01.070Z");
    }

    /**
     * Runs of instants within three seconds, a few microseconds to a few seconds apart, so that neighbours often
     * share a millisecond, or a second and not its millisecond.
     */
    private static Gen<List<Instant>> nearbyInstants() {
        Instant start = Instant.parse("2026-11-29T21:00:00Z");
        Gen<Long> nanos = longs().between(0, 5_000_000).mix(longs().between(0, 3_000_000_000L));
        return lists().of(nanos.map(start::plusNanos)).ofSizeBetween(1, 20);
    }
}
