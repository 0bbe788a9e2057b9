package dev.hostclone.adapter.http;

import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_BODY;
import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.RawConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP/1.0 and 1.1 are served as ever; a later minor of 1 is served as 1.1 (RFC 9110 §2.5, as nginx does);
 * another major is answered 505, its message saying which versions are served (RFC 9110 §15.6.6), and anything
 * else that is no HTTP version 400, in the envelope as every request head the server cannot read, then the
 * connection is closed. Vert.x answered all of those 501 with
 * no body, in a status line of the request's version.
 */
class HttpVersionTest extends ServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/2.0", "HTTP/3.1", "HTTP/0.9"})
    void givenAnotherMajorVersion_whenARequestIsSent_then505InTheEnvelopeInHttp11AndTheConnectionClosed(String version) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(cloneIn(version));

            ApiResponse response = connection.readResponse();

            assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 505 HTTP Version Not Supported");
            assertRefusedThenClosed(connection, response, version + " is not supported: HostClone speaks HTTP/1.1 (and HTTP/1.0)");
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http/1.1", "HTTP/10.1", "HTTP/1.10", "FOO/1.1"})
    void givenAVersionThatIsNoHttpVersion_whenARequestIsSent_then400InTheEnvelopeAndTheConnectionClosed(String version) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(cloneIn(version));

            ApiResponse response = connection.readResponse();

            assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertRefusedThenClosed(connection, response, "invalid input parameter");
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /** A request line Netty cannot read has no version: Netty answered it in HTTP/1.0. Bare LFs end it (Netty reads lines strictly). */
    @ParameterizedTest
    @ValueSource(strings = {"GET /healthz HTTP/1.1\nHost: 127.0.0.1\n\n", "GET /healthz HTTP/1.1\nHost: 127.0.0.1\r\n\r\n"})
    void givenARequestLineEndingInABareLf_whenSent_then400InTheEnvelopeUnderHttp11AndTheConnectionClosed(String request) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(request);

            ApiResponse response = connection.readResponse();

            assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
            assertThat(response.code()).as(response.body()).isEqualTo(1199003);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(connection.readUntilClosed()).as("nothing more answered, then closed").isEmpty();
        }
    }

    /** The same for a request line over the limit, which Netty stops reading before its version. */
    @Test
    void givenARequestLineOverTheLimit_whenSent_then414InTheEnvelopeUnderHttp11AndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("GET /healthz?q=" + "x".repeat(8192) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

            ApiResponse response = connection.readResponse();

            assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 414 Request-URI Too Long");
            assertThat(response.code()).as(response.body()).isEqualTo(1199003);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(connection.readUntilClosed()).as("nothing more answered, then closed").isEmpty();
        }
    }

    @Test
    void givenALaterMinorOfHttp1_whenARequestIsSent_thenServedAsHttp11OnAConnectionKeptOpen() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(cloneIn("HTTP/1.2"));
            ApiResponse first = connection.readResponse();
            String firstStatusLine = connection.statusLine();
            connection.send(cloneIn("HTTP/1.9"));
            ApiResponse next = connection.readResponse();

            assertThat(firstStatusLine).isEqualTo("HTTP/1.1 200 OK");
            assertThat(first.code()).as(first.body()).isZero();
            assertThat(first.header("Connection")).isNull();
            assertThat(next.code()).as("the next request on the same connection").isZero();
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(2);
    }

    @Test
    void givenHttp10_whenARequestIsSent_thenServedInHttp10AndTheConnectionClosedAsHttp10Asks() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(cloneIn("HTTP/1.0"));

            ApiResponse response = connection.readResponse();

            assertThat(connection.statusLine()).isEqualTo("HTTP/1.0 200 OK");
            assertThat(response.code()).as(response.body()).isZero();
            assertThat(connection.readUntilClosed()).isEmpty();
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(1);
    }

    private static String cloneIn(String version) {
        return RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY).replaceFirst(" HTTP/1\\.1\r\n", " " + version + "\r\nX-Bkcmdb-Language: en\r\n");
    }

    /** 1199003 and {@code message} in the envelope in the request's language, so its headers were read; nothing follows. */
    private static void assertRefusedThenClosed(RawConnection connection, ApiResponse response, String message) {
        assertThat(response.code()).as(response.body()).isEqualTo(1199003);
        assertThat(response.message()).isEqualTo(message);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(connection.readUntilClosed()).as("nothing more answered, then closed").isEmpty();
    }
}
