package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Connections that go silent are closed by the server after the idle timeout, so idle or stalled
 * clients cannot hold every connection. The bound asserted is generous: closed, not how fast.
 */
class IdleConnectionTest {

    private static final int IDLE_TIMEOUT_SECONDS = 1;
    private static final int READ_TIMEOUT_MILLIS = 15_000;

    private FakeBackedServer server;

    @BeforeEach
    void start() {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withIdleTimeoutSeconds(IDLE_TIMEOUT_SECONDS));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void givenAClientThatConnectsAndSendsNothing_whenItWaits_thenTheServerClosesTheConnection() throws IOException {
        try (Socket socket = connect()) {
            assertThat(readUntilClosed(socket.getInputStream())).as("nothing answered, then closed").isEmpty();
        }
    }

    @Test
    void givenAClientThatSendsHeadersAndNeverItsBody_whenItWaits_thenTheServerClosesTheConnection() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("POST /api/c/compapi/v2/cc/clone_host_property/ HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"bk_biz_id\":").getBytes(StandardCharsets.US_ASCII));

            readUntilClosed(socket.getInputStream());
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** Everything the server sends until it closes; fails if it keeps the connection open past the read timeout. */
    private static String readUntilClosed(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server kept a silent connection open for " + READ_TIMEOUT_MILLIS + " ms", stillOpen);
        }
    }
}
