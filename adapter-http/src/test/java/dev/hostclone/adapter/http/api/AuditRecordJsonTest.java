package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuditRecordJsonTest {

    private final AuditRecordJson newYork = new AuditRecordJson(ZoneId.of("America/New_York"));

    /**
     * Where a zone's clock changes, a local time it skips is read an hour on, and one it passes twice as the earlier,
     * as the class says.
     */
    @ParameterizedTest
    @CsvSource({
            "2026-03-08 01:30:00, 2026-03-08T06:30:00Z",
            "2026-03-08 02:30:00, 2026-03-08T07:30:00Z",
            "2026-03-08 03:30:00, 2026-03-08T07:30:00Z",
            "2026-11-01 01:30:00, 2026-11-01T05:30:00Z",
            "2026-11-01 02:30:00, 2026-11-01T07:30:00Z"})
    void givenLocalTimesAroundAClockChange_whenRead_thenEachIsOneInstant(String local, Instant expected) {
        assertThat(newYork.parseOperationTime(local)).isEqualTo(expected);
    }
}
