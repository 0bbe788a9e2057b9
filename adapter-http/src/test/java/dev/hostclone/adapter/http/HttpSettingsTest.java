package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpSettingsTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 8080, 65535})
    void givenAPortWithinTheRange_whenMade_thenKept(int port) {
        assertThat(HttpSettings.of("0.0.0.0", port).port()).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 65536})
    void givenAPortOutsideTheRange_whenMade_thenRefusedNamingIt(int port) {
        assertThatThrownBy(() -> HttpSettings.of("0.0.0.0", port))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port must be within 0..65535: " + port);
    }

    @Test
    void givenABlankHost_whenMade_thenRefused() {
        assertThatThrownBy(() -> HttpSettings.of(" ", 8080)).hasMessage("host must not be blank");
    }

    @Test
    void givenBoundsAtTheirLeast_whenMade_thenKept() {
        HttpSettings least = HttpSettings.of("localhost", 0).withInstances(1).withRateLimitPerSecond(0)
                .withIdleTimeoutSeconds(1).withRequestTimeoutSeconds(1).withShutdownGraceSeconds(0).withMaxConnections(0)
                .withEvictIdleAfterMillis(0);

        assertThat(least).isEqualTo(new HttpSettings("localhost", 0, least.defaultLanguage(), least.limits(), 1, 0, 1, 1,
                null, 0, 0, 0, ZoneOffset.UTC));
    }

    @Test
    void givenNoTimeZone_whenMade_thenRefusedNamingIt() {
        assertThatThrownBy(() -> HttpSettings.of("localhost", 0).withTimeZone(null)).hasMessage("timeZone");
    }

    @Test
    void givenBoundsBelowTheirLeast_whenMade_thenEachIsRefusedNamingIt() {
        HttpSettings settings = HttpSettings.of("localhost", 0);

        assertThatThrownBy(() -> settings.withInstances(0)).hasMessage("instances must be at least 1: 0");
        assertThatThrownBy(() -> settings.withRateLimitPerSecond(-1))
                .hasMessage("rateLimitPerSecond must not be negative: -1");
        assertThatThrownBy(() -> settings.withIdleTimeoutSeconds(0)).hasMessage("idleTimeoutSeconds must be at least 1: 0");
        assertThatThrownBy(() -> settings.withRequestTimeoutSeconds(0))
                .hasMessage("requestTimeoutSeconds must be at least 1: 0");
        assertThatThrownBy(() -> settings.withShutdownGraceSeconds(-1))
                .hasMessage("shutdownGraceSeconds must not be negative: -1");
        assertThatThrownBy(() -> settings.withMaxConnections(-1)).hasMessage("maxConnections must not be negative: -1");
        assertThatThrownBy(() -> settings.withEvictIdleAfterMillis(-1))
                .hasMessage("evictIdleAfterMillis must not be negative: -1");
    }
}
