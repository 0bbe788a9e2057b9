package dev.hostclone.adapter.http.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The test kit's raw connection, against a plain socket that answers when the test says: a read with a patience of
 * its own gives the connection's usual read timeout back, whether it returns or fails.
 */
class RawConnectionTest {

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

    /**
     * The answer comes half a second after the next read is set off: well within the usual 15 s, and five times the
     * patience of the read that failed, which a timeout left at that patience would fail again.
     */
    @Test
    void givenAReadThatRanOutOfPatience_whenTheNextReadWaitsLongerThanThat_thenItIsAnsweredWithinTheUsualTimeout()
            throws Exception {
        try (RawConnection connection = RawConnection.open(listening.getLocalPort())) {
            accepted = listening.accept();
            assertThatThrownBy(() -> connection.readUntilClosed(Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class).hasMessage("the server kept the connection open for 100 ms");

            Thread answering = new Thread(this::answerLate, "answers-late");
            answering.start();
            String answered = connection.readTextResponse();
            answering.join(TimeUnit.SECONDS.toMillis(30));

            assertThat(answered).isEqualTo("ok");
        }
    }

    @Test
    void givenAServerThatAnswersAndCloses_whenReadUntilClosedWithPatience_thenAllItSentIsRead() throws Exception {
        try (RawConnection connection = RawConnection.open(listening.getLocalPort())) {
            accepted = listening.accept();
            OutputStream out = accepted.getOutputStream();
            out.write(ANSWER.getBytes(StandardCharsets.US_ASCII));
            accepted.close();

            assertThat(connection.readUntilClosed(Duration.ofSeconds(30))).isEqualTo(ANSWER);
        }
    }

    /** Answers half a second from now. */
    private void answerLate() {
        try {
            Thread.sleep(500);
            accepted.getOutputStream().write(ANSWER.getBytes(StandardCharsets.US_ASCII));
        } catch (IOException | InterruptedException failed) {
            throw new IllegalStateException(failed);
        }
    }
}
