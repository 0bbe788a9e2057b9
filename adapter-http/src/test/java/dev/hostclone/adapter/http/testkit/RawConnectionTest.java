package dev.hostclone.adapter.http.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test kit's raw connection, against a plain socket: a read with a patience of its own gives the connection's
 * usual read timeout (15 s) back, whether it returns or fails, so that a test's next read is not cut short.
 */
class RawConnectionTest {

    private static final int USUAL_TIMEOUT_MILLIS = 15_000;
    private static final String ANSWER = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    private ServerSocket listening;
    private Socket accepted;

    @BeforeEach
    void listen() throws IOException {
        listening = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    }

    @AfterEach
    void close() throws IOException {
        if (accepted != null) {
            accepted.close();
        }
        listening.close();
    }

    @Test
    void givenAReadUntilClosedThatRunsOutOfPatience_whenItFails_thenTheUsualTimeoutIsBack() throws IOException {
        try (RawConnection connection = RawConnection.open(listening.getLocalPort())) {
            accepted = listening.accept();

            assertThatThrownBy(() -> connection.readUntilClosed(Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class).hasMessage("the server kept the connection open for 100 ms");

            assertThat(connection.readTimeoutMillis()).isEqualTo(USUAL_TIMEOUT_MILLIS);
        }
    }

    @Test
    void givenAServerThatAnswersAndCloses_whenReadUntilClosedWithPatience_thenAllItSentIsReadAndTheUsualTimeoutIsBack()
            throws IOException {
        try (RawConnection connection = RawConnection.open(listening.getLocalPort())) {
            accepted = listening.accept();
            accepted.getOutputStream().write(ANSWER.getBytes(StandardCharsets.US_ASCII));
            accepted.close();

            assertThat(connection.readUntilClosed(Duration.ofSeconds(30))).isEqualTo(ANSWER);
            assertThat(connection.readTimeoutMillis()).isEqualTo(USUAL_TIMEOUT_MILLIS);
        }
    }
}
