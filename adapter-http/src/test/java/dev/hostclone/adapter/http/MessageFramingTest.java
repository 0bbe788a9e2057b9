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
 * A request whose body's length two parsers could read differently is refused in the envelope and its
 * connection closed (RFC 9112 §6.3), whatever its path, so that nothing sent after it on the connection is
 * read as a request of its own; a plain chunked body is served as before, on a connection kept open.
 */
class MessageFramingTest extends ServerTest {

    private static final String CHUNKED_CLONE_BODY = chunked(ESB_CLONE_BODY);
    private static final String HEAD = "POST " + ESB_CLONE_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bkcmdb-Language: en\r\n"
            + "Content-Type: application/json\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: %d\r\nTransfer-Encoding: chunked", "Transfer-Encoding: chunked\r\nContent-Length: %d"})
    void givenBothContentLengthAndTransferEncoding_whenSent_then400InTheEnvelopeAndTheConnectionClosed(String framing) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + framing.formatted(length(CHUNKED_CLONE_BODY)) + "\r\n\r\n" + CHUNKED_CLONE_BODY);

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * A proxy that goes by the Content-Length passes this on as one request; read as chunked, its body ends at
     * once and the clone behind it was a second request, which ran.
     */
    @Test
    void givenARequestHiddenInABodyWhoseTwoLengthsDisagree_whenSent_thenOnlyA400AndTheHiddenRequestNeverRuns() {
        String body = "0\r\n\r\n" + RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY);
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + "Content-Length: " + length(body) + "\r\nTransfer-Encoding: chunked\r\n\r\n" + body);

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenBothLengthsOnTheHealthProbe_whenSent_then400AndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bkcmdb-Language: en\r\n"
                    + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

            assertRefusedThenClosed(connection, 400);
        }
    }

    /** Netty refuses these itself; held here beside the rest. */
    @Test
    void givenTwoDifferentContentLengths_whenSent_then400AndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + "Content-Length: " + length(ESB_CLONE_BODY) + "\r\nContent-Length: "
                    + (length(ESB_CLONE_BODY) + 2) + "\r\n\r\n" + ESB_CLONE_BODY + "{}");

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * Netty refuses a Content-Length that is no number itself; Vert.x writes the answer's {@code Connection} from
     * the request's, so to an HTTP/1.0 request asking to be kept alive it said {@code keep-alive}, and closed.
     */
    @Test
    void givenANonNumericContentLengthInAnHttp10KeepAliveRequest_whenSent_then400SayingCloseAndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD.replace("HTTP/1.1", "HTTP/1.0") + "Connection: keep-alive\r\nContent-Length: two\r\n\r\n{}");

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * Netty refuses two Content-Length values in HTTP/1.1 only: in HTTP/1.0 it read the body by the first, and
     * what the second counted on as the next request, on a connection the request asked to keep.
     */
    @Test
    void givenTwoDifferentContentLengthsInAnHttp10KeepAliveRequest_whenSent_then400AndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD.replace("HTTP/1.1", "HTTP/1.0") + "Connection: keep-alive\r\nContent-Length: "
                    + length(ESB_CLONE_BODY) + "\r\nContent-Length: " + (length(ESB_CLONE_BODY) + 2) + "\r\n\r\n"
                    + ESB_CLONE_BODY + "{}");

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * Netty read a body whose last coding is not chunked as no body at all (and its bytes as the next request),
     * and one with chunked anywhere in the list as plain chunked.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gzip", "identity", "chunked, gzip", "chunked, chunked", "chunked\r\nTransfer-Encoding: chunked", ""})
    void givenATransferEncodingThatIsNotOneFinalChunked_whenSent_then400AndTheConnectionClosed(String codings) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + "Transfer-Encoding: " + codings + "\r\n\r\n" + CHUNKED_CLONE_BODY);

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /** The server undoes no coding but chunked: the use case got the body still gzipped. */
    @Test
    void givenACodingBeforeTheFinalChunked_whenSent_then501AndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + "Transfer-Encoding: gzip, chunked\r\n\r\n" + CHUNKED_CLONE_BODY);

            assertRefusedThenClosed(connection, 501, "transfer coding 'gzip' is not supported: only chunked");
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /** HTTP/1.0 has no Transfer-Encoding: a proxy of that version goes by what else it finds (RFC 9112 §6.1). */
    @Test
    void givenTransferEncodingInAnHttp10Request_whenSent_then400AndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD.replace("HTTP/1.1", "HTTP/1.0") + "Connection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + CHUNKED_CLONE_BODY);

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * Chunk extensions as RFC 9112 §7.1.1 has them, ignored, on every chunk and the last: Netty 4.2.12, which Vert.x
     * 5.0.10 brings, refused a line ending in a value that is a token, or with an extension after one, and the request
     * got no answer (netty-bom at 4.2.18 since).
     */
    @ParameterizedTest
    @ValueSource(strings = {";a=1", "; foo=bar", ";foo=bar;baz", ";a=\"1\"", ";x", " ;a=1;b=\"q\\\"x;y=z\";c", "\t;name=!#$%&'*+-.^_`|~09AZaz"})
    void givenChunksWithValidExtensions_whenSent_thenServedAndTheConnectionKeptForTheNextRequest(String extensions) {
        int half = length(ESB_CLONE_BODY) / 2;
        String body = Integer.toHexString(half) + extensions + "\r\n" + ESB_CLONE_BODY.substring(0, half) + "\r\n"
                + Integer.toHexString(length(ESB_CLONE_BODY) - half) + extensions + "\r\n" + ESB_CLONE_BODY.substring(half)
                + "\r\n0" + extensions + "\r\n\r\n";
        try (RawConnection connection = RawConnection.open(server)) {
            List<ApiResponse> answers = connection.answerThenTheNextClone(HEAD + "Transfer-Encoding: chunked\r\n\r\n" + body);

            assertThat(answers.get(0).code()).as(answers.get(0).body()).isZero();
            assertThat(answers.get(1).code()).as("the next request on the same connection").isZero();
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(2);
    }

    /** Extensions the RFC's grammar does not allow stay refused: an empty or unended value, a space after it, a delimiter or control in it. */
    @ParameterizedTest
    @ValueSource(strings = {";a=", ";a=\"1", ";a=1 ", ";a=(1)", ";a=\"\u0001\"", ";a=1;b="})
    void givenAChunkWithAnInvalidExtension_whenSent_then400InTheEnvelopeAndTheConnectionClosed(String extensions) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(length(ESB_CLONE_BODY)) + extensions
                    + "\r\n" + ESB_CLONE_BODY + "\r\n0\r\n\r\n");

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * Netty refuses these chunk-size lines once the request has gone to its route; Vert.x then closed the connection
     * before the route's answer was out, and the client got none.
     */
    @ParameterizedTest
    @ValueSource(strings = {"fffffffffffffffff", "80000000", "zz", "", "-1", "0x10", ";a=1"})
    void givenAChunkSizeThatIsNoHexNumberOrOverflows_whenSent_then400InTheEnvelopeAndTheConnectionClosed(String size) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + "Transfer-Encoding: chunked\r\n\r\n" + size + "\r\n" + ESB_CLONE_BODY + "\r\n0\r\n\r\n");

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * A trailer Netty cannot read after the last chunk (no colon, a name or value holding what a field may not):
     * the client's, 400, where Netty's plain IllegalArgumentException for it was taken for a fault of the server's,
     * 500 with an ERROR line, between dc808375 and its review (2026-12-07).
     */
    @ParameterizedTest
    @ValueSource(strings = {"no colon here", "X(y): 1", "X-A: a\u0001b"})
    void givenATrailerThatCannotBeRead_whenSent_then400InTheEnvelopeAndTheConnectionClosed(String trailer) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + "Transfer-Encoding: chunked\r\n\r\n" + CHUNKED_CLONE_BODY.replace("0\r\n\r\n",
                    "0\r\n" + trailer + "\r\n\r\n"));

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /** A chunk longer than its size says: what follows its size's worth is not the CRLF that ends it. */
    @Test
    void givenAChunkLongerThanItsSize_whenSent_then400InTheEnvelopeAndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(length(ESB_CLONE_BODY) - 2)
                    + "\r\n" + ESB_CLONE_BODY + "\r\n0\r\n\r\n");

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /** The same, where the body's first chunk was fine: the request was being read when its next chunk failed. */
    @Test
    void givenAnOverflowingChunkSizeAfterAGoodChunk_whenSent_then400AndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(HEAD + "Transfer-Encoding: chunked\r\n\r\n1\r\n{\r\n");
            connection.send("fffffffffffffffff\r\n" + ESB_CLONE_BODY.substring(1) + "\r\n0\r\n\r\n");

            assertRefusedThenClosed(connection, 400);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked", "Chunked"})
    void givenAChunkedBody_whenSent_thenServedAndTheConnectionKeptForTheNextRequest(String coding) {
        try (RawConnection connection = RawConnection.open(server)) {
            List<ApiResponse> answers = connection.answerThenTheNextClone(
                    HEAD + "Transfer-Encoding: " + coding + "\r\n\r\n" + CHUNKED_CLONE_BODY);
            ApiResponse first = answers.get(0);
            ApiResponse next = answers.get(1);

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.code()).as(first.body()).isZero();
            assertThat(first.header("Connection")).isNull();
            assertThat(next.code()).as("the next request on the same connection").isZero();
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(2);
    }

    /** The answer is {@code status}, 1199003 in the envelope with the generic message, and nothing follows it. */
    private static void assertRefusedThenClosed(RawConnection connection, int status) {
        assertRefusedThenClosed(connection, status, "invalid input parameter");
    }

    /** The answer is {@code status}, 1199003 and {@code message} in the envelope in the request's language, and nothing follows it. */
    private static void assertRefusedThenClosed(RawConnection connection, int status, String message) {
        ApiResponse response = connection.readResponse();

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(1199003);
        assertThat(response.message()).isEqualTo(message);
        assertThat(response.header("Connection")).isEqualTo("close");
        assertThat(connection.readUntilClosed()).as("nothing more answered, then closed").isEmpty();
    }

    private static String chunked(String body) {
        return Integer.toHexString(length(body)) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    private static int length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
