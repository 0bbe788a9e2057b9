package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A time range's bounds in a zone whose clock changes (New York's: 02:00 became 03:00 at 07:00 UTC on 2026-03-08,
 * and 02:00 became 01:00 at 06:00 UTC on 2026-11-01): each bound reaches as far as the records shown within it.
 */
class AuditRecordJsonTest {

    private final AuditRecordJson newYork = new AuditRecordJson(ZoneId.of("America/New_York"));

    @ParameterizedTest
    @CsvSource({
            "2026-03-08 01:30:00, 2026-03-08T06:30:00Z",
            // skipped: the first record shown at or after it was written at the change
            "2026-03-08 02:30:00, 2026-03-08T07:00:00Z",
            "2026-03-08 03:30:00, 2026-03-08T07:30:00Z",
            // shown twice: from its first pass
            "2026-11-01 01:30:00, 2026-11-01T05:30:00Z",
            "2026-11-01 02:00:00, 2026-11-01T07:00:00Z"})
    void givenAStartAroundAClockChange_whenRead_thenItIsTheFirstInstantShownAtItOrLater(String local, Instant expected) {
        assertThat(newYork.startOf(local)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-03-08 01:59:59, 2026-03-08T06:59:59.999999999Z",
            // skipped: up to the change, every record before it shown earlier
            "2026-03-08 02:30:00, 2026-03-08T06:59:59.999999999Z",
            "2026-03-08 03:00:00, 2026-03-08T07:00:00.999999999Z",
            // shown twice: through its second pass
            "2026-11-01 01:30:00, 2026-11-01T06:30:00.999999999Z",
            "2026-11-01 01:59:59, 2026-11-01T06:59:59.999999999Z",
            "2026-11-01 02:00:00, 2026-11-01T07:00:00.999999999Z"})
    void givenAnEndAroundAClockChange_whenRead_thenItIsTheLastInstantShownAtItOrEarlier(String local, Instant expected) {
        assertThat(newYork.endOf(local)).isEqualTo(expected);
    }
}
