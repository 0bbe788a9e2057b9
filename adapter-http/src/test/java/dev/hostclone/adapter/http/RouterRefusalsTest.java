package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

class RouterRefusalsTest extends ServerTest {

    private static final List<String> ENVELOPE_KEYS =
            List.of("result", "code", "message", "permission", "request_id", "data");

    @Test
    void givenUnknownPath_whenCalled_then404InTheEnvelope() {
        ApiResponse response = inEnglish().send("POST", "/api/c/compapi/v2/cc/no_such_api/", "{}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.envelopeKeys()).containsExactlyElementsOf(ENVELOPE_KEYS);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).isEqualTo(1199019);
        assertThat(response.message()).isEqualTo("API not found: POST /api/c/compapi/v2/cc/no_such_api/");
    }

    @Test
    void givenKnownEsbPathWithWrongMethod_whenCalled_then405InTheEnvelope() {
        ApiResponse response = inEnglish().send("GET", "/api/c/compapi/v2/cc/clone_host_property/", null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).as("what HTTP asks of every 405").isEqualTo("POST");
        assertThat(response.envelopeKeys()).containsExactlyElementsOf(ENVELOPE_KEYS);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).isEqualTo(1199003);
        assertThat(response.message()).isEqualTo("Method not allowed: GET /api/c/compapi/v2/cc/clone_host_property/");
    }

    @Test
    void givenKnownV3PathWithWrongMethod_whenCalled_then405() {
        ApiResponse response = client().send("POST", "/api/v3/hosts/property/clone", "{}");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.code()).isEqualTo(1199003);
        assertThat(response.message()).isEqualTo("不支持的请求方法: POST /api/v3/hosts/property/clone");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * get_host_base_info's v3 path, {@code /api/v3/hosts/{bk_supplier_account}/{bk_host_id}}, matches these
     * paths too: a GET on them was that API, answering 1199009 for the host id "clone" (API.md §2: 405).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v3/hosts/property/clone", "/api/v3/hosts/property/batch", "/api/v3/hosts/add/business_idle"})
    void givenAGetOnAV3PathOfAnotherMethodThatAPathWithParametersAlsoMatches_whenCalled_then405(String path) {
        ApiResponse response = inEnglish().send("GET", path, null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo(path.endsWith("business_idle") ? "POST" : "PUT");
        assertThat(response.message()).isEqualTo("Method not allowed: GET " + path);
        assertThat(server.getHostBaseInfo.calls()).isEmpty();
    }

    /** The ESB door of an API that only reads takes GET and POST, as BlueKing's ESB does; any other method is 405. */
    @Test
    void givenAnEsbReadingApiCalledWithPut_whenCalled_then405NamingGetHeadAndPost() {
        ApiResponse response = inEnglish().send("PUT", "/api/c/compapi/v2/cc/get_host_base_info/", "{}");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(response.code()).isEqualTo(1199003);
        assertThat(response.message()).isEqualTo("Method not allowed: PUT /api/c/compapi/v2/cc/get_host_base_info/");
        assertThat(server.getHostBaseInfo.calls()).isEmpty();
    }

    @Test
    void givenEsbPathWithoutTrailingSlash_whenCalled_thenTheApiAnswers() {
        ApiResponse response = client().send("POST", "/api/c/compapi/v2/cc/clone_host_property",
                "{\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\",\"bk_username\":\"admin\","
                        + "\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isZero();
    }

    @Test
    void givenBodyOverTheLimit_whenCalled_then413InTheEnvelopeAndNoUseCaseCall() {
        try (FakeBackedServer small = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withBodyLimitBytes(1024))) {
            ApiClient client = small.client().withHeader("X-Bkcmdb-Language", "en");

            ApiResponse response = client.esb("clone_host_property",
                    "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11,\"pad\":\"" + "x".repeat(2000) + "\"}");

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.envelopeKeys()).containsExactlyElementsOf(ENVELOPE_KEYS);
            assertThat(response.code()).isEqualTo(1199015);
            assertThat(response.message()).isEqualTo("Data out of bounds: the request body exceeds the limit of 1024 bytes");
            assertThat(small.cloneHostProperty.calls()).isEmpty();
        }
    }

    /**
     * A body declared over the limit is answered at once, and the rest of it read and dropped for as long
     * as the request timeout allows: a client sending it a byte now and then, each within the idle
     * timeout, held the connection for good.
     */
    @Test
    void givenABodyDeclaredOverTheLimit_whenItTrickles_then413AndTheConnectionClosedAtTheRequestTimeout() {
        try (FakeBackedServer small = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withBodyLimitBytes(1024)
                .withRequestTimeoutSeconds(1))) {
            assertAnsweredThenClosedWhileTheBodyTrickles(small, "POST /api/c/compapi/v2/cc/clone_host_property/", 413, 1199015);
            assertThat(small.cloneHostProperty.calls()).isEmpty();
        }
    }

    /**
     * A path that does not decode is refused before the first handler, so before the request's timer starts:
     * a body trickling in after the 400 held the connection, as a body over the limit did.
     */
    @Test
    void givenAPathThatDoesNotDecodeWithABodyThatTrickles_whenRefused_thenTheConnectionIsClosedAtTheRequestTimeout() {
        try (FakeBackedServer quick = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withRequestTimeoutSeconds(1))) {
            assertAnsweredThenClosedWhileTheBodyTrickles(quick, "POST /api/v3/biz/search/%", 400, 1199003);
        }
    }

    /**
     * The operator's paths answer before the request's timer starts and read no body: one sent a byte now and then
     * held the connection, and its place under the cap, for good. A probe with a body, or a POST refused 405 there.
     */
    @ParameterizedTest
    @ValueSource(strings = {"GET /healthz", "GET /readyz", "GET /metrics", "POST /healthz"})
    void givenAnOperatorsPathWithABodyThatTrickles_whenAnswered_thenTheConnectionIsClosedAtTheRequestTimeout(
            String requestLine) {
        try (FakeBackedServer quick = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withRequestTimeoutSeconds(1));
             RawConnection connection = RawConnection.open(quick)) {
            connection.send(requestLine + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 2000000\r\n\r\n");
            connection.trickle("x".repeat(300), Duration.ofMillis(100));

            connection.readResponseHead();

            assertThat(connection.statusLine()).startsWith("HTTP/1.1 " + (requestLine.startsWith("POST") ? 405 : 200));
            // the answer's body, then the close, while the body still trickles (for half a minute)
            connection.readUntilClosed();
            assertThat(connection.trickledAll()).as("closed while the body still trickled").isFalse();
        }
    }

    /**
     * Sends {@code requestLine}'s head declaring a body far longer than it then trickles a byte at a time,
     * and asserts the answer comes at once and the connection closes while the body still trickles, well
     * before the trickle would have ended.
     */
    private static void assertAnsweredThenClosedWhileTheBodyTrickles(FakeBackedServer target, String requestLine, int status,
                                                                     int code) {
        try (RawConnection connection = RawConnection.open(target)) {
            connection.send(requestLine + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2000000\r\n\r\n");
            connection.trickle("{\"bk_biz_id\":2" + " ".repeat(300), Duration.ofMillis(100));

            ApiResponse response = connection.readResponse();

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.code()).isEqualTo(code);
            assertThat(connection.readUntilClosed()).as("nothing more answered, then closed").isEmpty();
            assertThat(connection.trickledAll()).as("closed while the body still trickled").isFalse();
        }
    }

    /** A client sending the whole of a body over the limit reads the 413, and may send its next request. */
    @Test
    void givenABodyOverTheLimitSentWhole_whenAnswered_thenTheConnectionServesTheNextRequest() {
        try (FakeBackedServer small = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withBodyLimitBytes(1024));
             RawConnection connection = RawConnection.open(small)) {
            connection.send(RawConnection.post("/api/c/compapi/v2/cc/clone_host_property/",
                    "{\"pad\":\"" + "x".repeat(200_000) + "\"}"));

            assertThat(connection.readResponse().status()).isEqualTo(413);
            connection.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(connection.readResponse().status()).isEqualTo(200);
        }
    }

    /**
     * A path whose percent-escapes do not decode ({@code %zz}) is the caller's mistake. Vert.x's router
     * refuses it before any route, with no status of its own: it was answered 500 (1199998) and logged
     * as an unexpected failure with its stack trace.
     */
    @Test
    void givenPathWithAnUndecodableEscape_whenCalled_then400InTheEnvelopeAndNoUseCaseCall() {
        for (String path : List.of("/api/%zz", "/api/c/compapi/v2/cc/clone_host_property/%")) {
            try (RawConnection connection = RawConnection.open(server)) {
                connection.send("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Bkcmdb-Language: en\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

                ApiResponse response = connection.readResponse();

                assertThat(response.status()).as(path).isEqualTo(400);
                assertThat(response.envelopeKeys()).containsExactlyElementsOf(ENVELOPE_KEYS);
                assertThat(response.code()).as(path).isEqualTo(1199003);
                assertThat(response.message()).as(path).isEqualTo("invalid input parameter");
            }
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenQueryStringOverTheRequestLineLimit_whenCalled_then414InTheEnvelope() {
        ApiResponse response = inEnglish().send("GET", "/api/c/compapi/v2/cc/get_host_base_info/?bk_host_id=" + "1".repeat(10_000), null);

        assertThat(response.status()).isEqualTo(414);
        assertThat(response.envelopeKeys()).containsExactlyElementsOf(ENVELOPE_KEYS);
        assertThat(response.code()).isEqualTo(1199003);
        // The request line was never read, so neither was the language header: the server's default applies.
        assertThat(response.message()).isEqualTo("请求行 (方法、路径和查询字符串) 超过 4096 字节的限制");
        assertThat(response.header("X-Request-ID")).isEqualTo(response.requestId());
    }

    @Test
    void givenHeadersOverTheLimit_whenCalled_then431InTheEnvelope() {
        ApiResponse response = inEnglish().send("GET", "/api/c/compapi/v2/cc/get_host_base_info/?bk_host_id=1", null,
                Map.of("X-Pad", "x".repeat(10_000)));

        assertThat(response.status()).isEqualTo(431);
        assertThat(response.envelopeKeys()).containsExactlyElementsOf(ENVELOPE_KEYS);
        assertThat(response.code()).isEqualTo(1199003);
        // the headers were never read, the language header among them: the server's default applies
        assertThat(response.message()).isEqualTo("请求头超过 8192 字节的限制");
        assertThat(response.header("X-Request-ID")).isEqualTo(response.requestId());
        assertThat(server.getHostBaseInfo.calls()).isEmpty();
    }

    @Test
    void givenARequestLineThatIsNotHttp_whenSent_then400InTheEnvelopeAndTheConnectionClosed() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("NOT AN HTTP REQUEST LINE\r\n\r\n");

            ApiResponse response = connection.readResponse();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.envelopeKeys()).containsExactlyElementsOf(ENVELOPE_KEYS);
            assertThat(response.code()).isEqualTo(1199003);
            assertThat(response.message()).isEqualTo("输入参数无效");
            assertThat(response.header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void givenBodyJustUnderTheLimit_whenCalled_thenItIsServed() {
        try (FakeBackedServer small = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withBodyLimitBytes(1024))) {
            ApiResponse response = small.client().esb("clone_host_property",
                    "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11,\"pad\":\"" + "x".repeat(700) + "\"}");

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.code()).isZero();
        }
    }

    @Test
    void givenDefaultSettings_whenRead_thenTheBodyLimitIsOneMebibyteAndLanguageChinese() {
        HttpSettings settings = HttpSettings.of("0.0.0.0", 8080);

        assertThat(settings.bodyLimitBytes()).isEqualTo(1024 * 1024);
        assertThat(settings.defaultLanguage()).isEqualTo(Language.ZH_CN);
    }
}
