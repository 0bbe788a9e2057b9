package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

/** The one line a failed start ends with: its reasons, outermost first. */
class MainTest {

    @Test
    void givenAFailureWithCauses_whenDescribed_thenEachMessageOnceOutermostFirst() {
        IllegalStateException failure = new IllegalStateException("could not listen on http://0.0.0.0:8080",
                new IllegalStateException(new BindException("Address already in use")));

        assertThat(Main.reasons(failure)).isEqualTo("could not listen on http://0.0.0.0:8080: Address already in use");
    }

    @Test
    void givenAFailureWithoutMessages_whenDescribed_thenItsType() {
        assertThat(Main.reasons(new UncheckedIOException(null, new IOException())))
                .isEqualTo("java.io.UncheckedIOException");
    }
}
