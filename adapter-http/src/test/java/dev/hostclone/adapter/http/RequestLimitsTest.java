package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The configured JSON limits, enforced while parsing: over one, 1199000 naming the limit, and no use case call. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitsTest {

    private static final int DEPTH = 6;
    private static final int STRING_LENGTH = 5000;

    private FakeBackedServer server;
    private ApiClient client;

    @BeforeAll
    void start() {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0)
                .withLimits(new RequestLimits(RequestLimits.DEFAULT_BODY_BYTES, DEPTH, STRING_LENGTH)));
        client = server.client().withHeader("X-Bkcmdb-Language", "en");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
    }

    @Test
    void givenBodyNestedDeeperThanTheLimit_whenCalled_then1199000NamingTheLimit() {
        ApiResponse response = client.esb("clone_host_property", "{\"bk_biz_id\":2,\"pad\":" + nested(DEPTH) + "}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message())
                .isEqualTo("Deserializing JSON data failed: the body nests deeper than the limit of 6 levels");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenBodyNestedUpToTheLimit_whenCalled_thenItIsParsed() {
        ApiResponse response = client.esb("clone_host_property",
                "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11,\"pad\":" + nested(DEPTH - 2) + "}");

        assertThat(response.code()).as(response.toString()).isZero();
    }

    @Test
    void givenStringOrKeyLongerThanTheLimit_whenCalled_then1199000NamingTheLimit() {
        String tooLong = "x".repeat(STRING_LENGTH * 2);
        for (String body : new String[] {"{\"bk_org_ip\":\"" + tooLong + "\"}", "{\"" + tooLong + "\":1}"}) {
            ApiResponse response = client.esb("clone_host_property", body);

            assertThat(response.code()).as(body).isEqualTo(1199000);
            assertThat(response.message()).isEqualTo(
                    "Deserializing JSON data failed: a string or key is longer than the limit of 5000 UTF-16 units");
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenNumberLongerThanTheLimit_whenCalled_then1199000NamingTheLimit() {
        // Sent as raw text: the client's own parser would refuse such a number.
        ApiResponse response = client.send("POST", "/api/c/compapi/v2/cc/clone_host_property/",
                "{\"bk_biz_id\":" + "9".repeat(2000) + "}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message())
                .isEqualTo("Deserializing JSON data failed: a number is longer than the limit of 1000 characters");
        assertThat(server.cloneHostProperty.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenNonPositiveLimit_whenBuilt_thenRefused() {
        assertThatThrownBy(() -> new RequestLimits(1, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestLimits(1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenABodyBudgetBelowTheBodyLimit_whenBuilt_thenRefused() {
        assertThatThrownBy(() -> new RequestLimits(2048, 1, 1, 2047))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bodyBudgetBytes must not be below the body limit (2048): 2047");
    }

    @Test
    void givenNoBudget_whenBuilt_thenTheBodiesTakeAnEighthOfTheHeapAndAtLeastOneBody() {
        assertThat(new RequestLimits(1024, 1, 1).bodyBudgetBytes()).as("this JVM's")
                .isEqualTo(RequestLimits.heapShare(1024, Runtime.getRuntime().maxMemory()));
        assertThat(RequestLimits.heapShare(1024, 256L * 1024 * 1024)).isEqualTo(32L * 1024 * 1024);
        assertThat(RequestLimits.heapShare(64L * 1024 * 1024, 256L * 1024 * 1024)).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void givenABodyLimitAboveTheBudget_whenSet_thenTheBudgetIsRaisedToIt() {
        RequestLimits limits = RequestLimits.DEFAULT.withBodyBytes(1024).withBodyBudgetBytes(4096).withBodyBytes(2048);

        assertThat(limits.bodyBudgetBytes()).as("kept where above").isEqualTo(4096);
        assertThat(limits.withBodyBytes(8192).bodyBudgetBytes()).isEqualTo(8192);
    }

    /** {@code depth} arrays, one inside the other. */
    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }
}
