package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.application.port.in.HostProperty;
import dev.hostclone.domain.host.HostId;
import java.net.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HEAD is served wherever GET is (RFC 9110 §9.1), on get_host_base_info's two doors, the ESB doors of the APIs that
 * only read, and the operator's routes: the GET's answer, status, headers and length, without its body, through the
 * same checks; a door that takes POST or PUT alone answers a HEAD 405. Until 2026-12-06 a HEAD on the API was 405
 * {@code Allow: GET}.
 */
class HeadRequestTest extends ServerTest {

    private static final String V3_PATH = "/api/v3/hosts/0/11";
    private static final String ESB_PATH = "/api/c/compapi/v2/cc/get_host_base_info/?bk_app_code=" + FakeBackedServer.APP_CODE
            + "&bk_app_secret=s3cret-Value%21&bk_username=admin&bk_host_id=11";
    private static final String V3_CREDENTIALS = "X-Bkapi-Authorization: {\"bk_app_code\":\"" + FakeBackedServer.APP_CODE
            + "\",\"bk_app_secret\":\"" + FakeBackedServer.APP_SECRET + "\",\"bk_username\":\"admin\"}\r\n";

    @BeforeEach
    void aHost() {
        server.getHostBaseInfo.succeedWith(List.of(new HostProperty("bk_host_name", "主机名称", "Host Name", "web-1")));
    }

    /** The ESB door's credentials in its query string alone: that door reads the header first when one is sent. */
    @ParameterizedTest
    @ValueSource(strings = {V3_PATH, ESB_PATH})
    void givenAGetApi_whenAskedWithHead_thenTheGetsStatusHeadersAndLengthWithoutTheBody(String target) {
        String credentials = target.equals(V3_PATH) ? V3_CREDENTIALS : "";
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(request("GET", target, credentials));
            ApiResponse get = connection.readResponse();
            String getStatus = connection.statusLine();
            connection.send(request("HEAD", target, credentials));
            HttpHeaders head = connection.readResponseHead();
            String headStatus = connection.statusLine();
            connection.send(request("GET", target, credentials));
            ApiResponse next = connection.readResponse();

            assertThat(get.code()).as(get.body()).isZero();
            assertThat(headStatus).isEqualTo(getStatus).isEqualTo("HTTP/1.1 200 OK");
            assertThat(head.map()).isEqualTo(get.headers().map()).containsKey("Content-Length");
            assertThat(next.body()).as("no body after the HEAD's head: the next answer follows it").isEqualTo(get.body());
        }
        assertThat(server.getHostBaseInfo.calls()).hasSize(3).allSatisfy(call -> assertThat(call.input()).isEqualTo(HostId.of(11)));
    }

    /** A refusal too is the GET's, without its body. */
    @Test
    void givenAWrongSecret_whenAskedWithHead_thenTheGets401WithoutTheBody() {
        String wrong = V3_CREDENTIALS.replace(FakeBackedServer.APP_SECRET, "wrong");
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(request("GET", V3_PATH, wrong));
            ApiResponse get = connection.readResponse();
            connection.send(request("HEAD", V3_PATH, wrong));
            HttpHeaders head = connection.readResponseHead();

            assertThat(get.status()).isEqualTo(401);
            assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 401 Unauthorized");
            assertThat(head.map()).isEqualTo(get.headers().map());
        }
        assertThat(server.getHostBaseInfo.calls()).isEmpty();
    }

    /** Every door of another method writes: a HEAD there is 405, and nothing runs. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v3/hosts/property/clone", "/api/c/compapi/v2/cc/clone_host_property/",
        "/api/v3/hosts/property/batch", "/api/c/compapi/v2/cc/batch_update_host"})
    void givenAWritingApi_whenAskedWithHead_then405NamingItsMethodAndNothingRuns(String path) {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(request("HEAD", path, V3_CREDENTIALS));
            HttpHeaders head = connection.readResponseHead();

            assertThat(connection.statusLine()).isEqualTo("HTTP/1.1 405 Method Not Allowed");
            assertThat(head.firstValue("Allow")).hasValue(path.contains("/v3/") ? "PUT" : "POST");
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
        assertThat(server.batchUpdateHost.calls()).isEmpty();
    }

    @Test
    void givenAGetApi_whenAskedWithAnotherMethod_then405AllowingGetAndHead() {
        ApiResponse response = inEnglish().send("DELETE", V3_PATH, null, V3_AUTHORIZATION);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(server.getHostBaseInfo.calls()).isEmpty();
    }

    /** One request id for every request, so that the answers' headers can be compared whole. */
    private static String request(String method, String target, String credentials) {
        return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: rid-head\r\n" + credentials + "\r\n";
    }
}
