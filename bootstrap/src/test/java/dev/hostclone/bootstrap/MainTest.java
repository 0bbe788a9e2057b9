package dev.hostclone.bootstrap;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.SecretHashing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

/** The one line a failed start ends with (its reasons, outermost first), and the secret-hashing command. */
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

    @Test
    void givenASecret_whenHashed_thenTheHashAloneIsPrintedAndMatchesTheTrimmedSecret() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Main.hashSecret("  s3cret ", new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));

        String printed = out.toString(UTF_8);
        assertThat(exitCode).isZero();
        assertThat(err.toString(UTF_8)).isEmpty();
        assertThat(printed).endsWith("\n").doesNotContain("s3cret");
        assertThat(SecretHashing.isHash(printed.strip())).isTrue();
        assertThat(new SecretHashing().matches("s3cret", printed.strip())).isTrue();
    }

    @Test
    void givenNoSecret_whenHashed_thenExitCode2AndNothingOnStandardOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = Main.hashSecret(null, new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8));

        assertThat(exitCode).isEqualTo(2);
        assertThat(out.toString(UTF_8)).isEmpty();
        assertThat(err.toString(UTF_8)).isEqualTo(
                "hostclone: --hash-secret reads one secret, from the terminal or standard input; it got none\n");
        assertThat(Main.hashSecret(" ", new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8))).isEqualTo(2);
    }
}
