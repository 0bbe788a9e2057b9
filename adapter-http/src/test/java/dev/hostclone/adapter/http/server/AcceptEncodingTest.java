package dev.hostclone.adapter.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whether a request's {@code Accept-Encoding} accepts gzip, as scrapers and other clients write it. */
class AcceptEncodingTest {

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "GZip", "x-gzip", "deflate, gzip", "gzip;q=0.5", "gzip ; q=1.000", "br;q=1.0, gzip;q=0.001",
            "*", "br, *;q=0.1", "*, gzip;q=0.2", "gzip;level=1"})
    void givenGzipAcceptedOutrightOrByTheWildcard_whenRead_thenGzipIsAccepted(String header) {
        assertThat(AcceptEncoding.acceptsGzip(header)).isTrue();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "identity", "deflate, br", "gzip;q=0", "gzip;q=0.000", "gzip;q=0, *", "*, gzip;q=0", "*;q=0",
            "gzip;q=NaN", "gzip;q=Infinity", "gzip;q=2", "gzip;q=0.0001", "gzip;q=", "gzipped", "x-gzip;q=0"})
    void givenGzipRefusedUnlistedOrWithAnUnreadableWeight_whenRead_thenGzipIsNotAccepted(String header) {
        assertThat(AcceptEncoding.acceptsGzip(header)).isFalse();
    }
}
