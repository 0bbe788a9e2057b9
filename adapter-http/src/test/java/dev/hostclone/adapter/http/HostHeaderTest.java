package dev.hostclone.adapter.http;

import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_BODY;
import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.RawConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request with more than one Host field, an invalid one, or none in HTTP/1.1 is answered 400, as RFC 9112 §3.2
 * says a server must, in the envelope as every request head the server cannot read, and its connection closed.
 * Vert.x took two, reading the first, though a proxy in front may have gone by the other; the router refused the
 * others already.
 */
class HostHeaderTest extends ServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"Host: 127.0.0.1\r\nHost: other.example", "Host: 127.0.0.1\r\nhost: 127.0.0.1", "Host: a\r\nHost:"})
    void givenMoreThanOneHost_whenSent_then400InTheEnvelopeAndTheConnectionClosed(String hosts) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(cloneWith("HTTP/1.1", hosts));

            assertRefusedThenClosed(connection);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "user@host", "host:port", "::1", "[::1", "[::1]x", "a%zz"})
    void givenAnInvalidHost_whenSent_then400InTheEnvelopeAndTheConnectionClosed(String host) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(cloneWith("HTTP/1.1", "Host: " + host));

            assertRefusedThenClosed(connection);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenNoHostInHttp11_whenSent_then400InTheEnvelopeAndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(cloneWith("HTTP/1.1", "X-Nothing: here"));

            assertRefusedThenClosed(connection);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /** Host came with HTTP/1.1: an HTTP/1.0 request may go without. */
    @Test
    void givenNoHostInHttp10_whenSent_thenServed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(cloneWith("HTTP/1.0", "X-Nothing: here"));

            ApiResponse response = connection.readResponse();

            assertThat(response.code()).as(response.body()).isZero();
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.1:8080", "cmdb.example", "cmdb-1.example:80", "[::1]:8080", "[v1.fe]",
        "my_service", "%41b", ""})
    void givenOneValidHost_whenSent_thenServedOnAConnectionKeptOpen(String host) {
        try (RawConnection connection = RawConnection.open(server)) {
            List<ApiResponse> answers = connection.answerThenTheNextClone(cloneWith("HTTP/1.1", "Host: " + host));

            assertThat(answers.get(0).code()).as(answers.get(0).body()).isZero();
            assertThat(answers.get(1).code()).as("the next request on the same connection").isZero();
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(2);
    }

    /** The ESB clone in {@code version}, with {@code fields} for its Host. */
    private static String cloneWith(String version, String fields) {
        return "POST " + ESB_CLONE_PATH + " " + version + "\r\n" + fields + "\r\nX-Bkcmdb-Language: en\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + ESB_CLONE_BODY.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n" + ESB_CLONE_BODY;
    }

    /** 400, 1199003 and the generic message in the envelope in the request's language, under HTTP/1.1; nothing follows. */
    private static void assertRefusedThenClosed(RawConnection connection) {
        ApiResponse response = connection.readResponse();

        assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(response.code()).as(response.body()).isEqualTo(1199003);
        assertThat(response.message()).isEqualTo("invalid input parameter");
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(connection.readUntilClosed()).as("nothing more answered, then closed").isEmpty();
    }
}
