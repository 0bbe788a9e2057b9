package dev.hostclone.adapter.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessLogMillisTest {

    @ParameterizedTest
    @CsvSource({
            "0, 0.000",
            "999, 0.000",
            "92345, 0.092",
            "1990000, 1.990",
            "7015000, 7.015",
            "12000000999, 12000.000",
            "-5, 0.000"})
    void givenADuration_whenLogged_thenItIsInMillisecondsToTheMicrosecond(long nanos, String logged) {
        assertThat(AccessLog.millis(nanos)).isEqualTo(logged);
    }
}
