package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.Scrape;
import io.github.bucket4j.TimeMeter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-app, per-API rate limit through a real server: over it, 429 in the envelope with 1199997,
 * Retry-After, and no use case call; other APIs and unknown apps are not affected by it. The server's
 * limits refill by a clock that stands still, so no request is let through because the machine was slow
 * to send the ones before it. (Refilling is shown in {@code RateLimitsTest} on a clock of its own, never
 * by sleeping.)
 */
class RateLimitTest {

    private static final int PER_SECOND = 3;
    private static final String RATE_LIMITED = "hostclone_http_rate_limited_total{api=\"clone_host_property\"}";
    private static final String CLONE_BY_ID = "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}";
    static final TimeMeter STANDING_STILL = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return 0;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    };

    private FakeBackedServer server;
    private ApiClient client;

    @BeforeEach
    void start() {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withRateLimitPerSecond(PER_SECOND), STANDING_STILL);
        client = server.client().withHeader("X-Bkcmdb-Language", "en");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void givenAnAppOverItsRateOnAnApi_whenCalledAgain_then429With1199997AndNoUseCaseCall() {
        assertThat(Scrape.of(client).text()).as("a series from the start, at 0").contains(RATE_LIMITED + " 0.0");
        for (int i = 0; i < PER_SECOND; i++) {
            assertThat(client.esb("clone_host_property", CLONE_BY_ID).code()).isZero();
        }

        ApiResponse refused = client.v3("clone_host_property", CLONE_BY_ID);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.result()).isFalse();
        assertThat(refused.code()).isEqualTo(1199997);
        assertThat(refused.message()).isEqualTo("too many requests: at most 3 per second for each app and API");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(server.cloneHostProperty.calls()).hasSize(PER_SECOND);
        assertThat(Scrape.of(client).value(RATE_LIMITED)).as("counted apart from the other refusals of 1199997")
                .isEqualTo(1);
    }

    /**
     * The app's rate is checked as soon as the app is known, before its body is built, as BlueKing's gateway checks
     * it before the API reads anything: an app over its rate costs no tree, whatever it sends. Until 2026-12-07 a v3
     * body was parsed, and any body's texts checked, first: these answered 1199000 and 1199006.
     */
    @Test
    void givenAnAppOverItsRate_whenItSendsABodyThatWouldBeRefused_thenTheAnswerIs429() {
        for (int i = 0; i < PER_SECOND; i++) {
            assertThat(client.esb("clone_host_property", CLONE_BY_ID).code()).isZero();
        }

        ApiResponse malformed = client.send("PUT", "/api/v3/hosts/property/clone", "{not json", Map.of("X-Bkapi-Authorization",
                "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\"" + FakeBackedServer.APP_SECRET
                        + "\",\"bk_username\":\"" + FakeBackedServer.USER + "\"}"));
        ApiResponse nul = client.esb("clone_host_property",
                "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11,\"bk_comment\":\"a\\u0000\"}");

        for (ApiResponse refused : List.of(malformed, nul)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(429);
            assertThat(refused.code()).isEqualTo(1199997);
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(PER_SECOND);
    }

    @Test
    void givenAnAppOverItsRateOnOneApi_whenCallingAnotherApi_thenItIsServed() {
        for (int i = 0; i <= PER_SECOND; i++) {
            client.esb("clone_host_property", CLONE_BY_ID);
        }

        assertThat(client.v3("get_host_base_info", "{\"bk_host_id\":10}").status()).isEqualTo(200);
    }

    @Test
    void givenAnUnknownApp_whenCallingOverTheRate_thenEveryAnswerIs401NotTheLimit() {
        ApiClient stranger = server.client().as("stranger-app", "whatever", FakeBackedServer.USER);

        for (int i = 0; i <= PER_SECOND; i++) {
            assertThat(stranger.esb("clone_host_property", CLONE_BY_ID).status()).isEqualTo(401);
        }
    }
}
