package dev.hostclone.adapter.http;

import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_BODY;
import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.domain.host.HostId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A request whose use case has not been called within the request timeout is answered at once with 503 /
 * 1199002 and its use case is never called; one whose use case was called gets the use case's own answer,
 * however late, so a write that commits is never reported as failed. Nothing is timed from above: the timeout shows
 * in its own answer (1199002) and in the connection's close, and the waits only guard against a hang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestTimeoutTest {

    private static final int REQUEST_TIMEOUT_SECONDS = 1;
    private static final Duration SLOWER_THAN_THE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration BYTE_INTERVAL = Duration.ofMillis(300);
    /** Against a hang only. */
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final String TIMED_OUT_EN =
            "the request timed out before it could be handled; nothing was changed, please retry";
    private static final String TIMED_OUT_ZH = "请求超时, 未能及时处理; 未做任何修改, 请重试";

    private FakeBackedServer server;

    @BeforeAll
    void start() {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withRequestTimeoutSeconds(REQUEST_TIMEOUT_SECONDS));
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
    void givenABodySentSlowerThanTheTimeout_whenTheTimeoutPasses_then503With1199002AndTheConnectionClosedAndNoUseCaseCall() {
        ApiResponse answer;
        String afterTheAnswer;
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("POST " + ESB_CLONE_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bkcmdb-Language: en\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + ESB_CLONE_BODY.length() + "\r\n\r\n");
            connection.trickle(ESB_CLONE_BODY, BYTE_INTERVAL);

            answer = connection.readResponse();
            // the body takes half a minute to trickle in: an answer, and a close, before it is whole are the timeout's
            afterTheAnswer = connection.readUntilClosed();
        }

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.result()).isFalse();
        assertThat(answer.code()).isEqualTo(1199002);
        assertThat(answer.message()).isEqualTo(TIMED_OUT_EN);
        assertThat(answer.header("Connection")).isEqualTo("close");
        assertThat(afterTheAnswer).isEmpty();
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenAuthenticationSlowerThanTheTimeout_whenTheTimeoutPasses_then503OnAConnectionKeptOpenAndNoUseCaseCall()
            throws Exception {
        server.apps.answerAfter(SLOWER_THAN_THE_TIMEOUT);
        ApiResponse timedOut;
        ApiResponse next;
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            timedOut = connection.readResponse();
            // the first authentication answers meanwhile; the request it belongs to must still not reach its use case.
            // Its answer handed over, the turn that would have called it has run once a new connection is answered
            // (until 2026-12-07 a second's sleep, which a loaded machine could outlast, and which a call merely late
            // passed; then the next request on this connection, which the event loop may read before that turn)
            server.apps.awaitSlowAnswers(HANG);
            afterTheTurnsQueued(server);
            server.apps.answerAfter(Duration.ZERO);
            connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            next = connection.readResponse();
        }

        assertThat(timedOut.status()).isEqualTo(503);
        assertThat(timedOut.code()).isEqualTo(1199002);
        assertThat(timedOut.message()).isEqualTo(TIMED_OUT_ZH);
        assertThat(timedOut.header("Connection")).isNull();
        assertThat(next.code()).as("the next request on the same connection").isZero();
        assertThat(server.cloneHostProperty.calls()).as("the next request's call only").hasSize(1);
    }

    /**
     * Answered by its timer, a request spends none of its app's rate: with one request a second allowed, the retry
     * is served. Until 2026-12-07 the rate was taken once the late proof came, and the retry was refused 429.
     */
    @Test
    void givenAuthenticationSlowerThanTheTimeout_whenTheCallerRetries_thenTheTimedOutRequestSpentNoneOfItsRate()
            throws Exception {
        try (FakeBackedServer limited = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0)
                .withRequestTimeoutSeconds(REQUEST_TIMEOUT_SECONDS).withRateLimitPerSecond(1), RateLimitTest.STANDING_STILL);
             RawConnection connection = RawConnection.open(limited)) {
            limited.apps.holdAnswers();
            connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            ApiResponse timedOut = connection.readResponse();
            limited.apps.releaseAnswers();
            limited.apps.awaitSlowAnswers(HANG);
            afterTheTurnsQueued(limited);
            connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            ApiResponse retried = connection.readResponse();

            assertThat(timedOut.code()).isEqualTo(1199002);
            assertThat(retried.code()).as("the retry, the one request its app may make this second").isZero();
            assertThat(limited.cloneHostProperty.calls()).hasSize(1);
        }
    }

    @Test
    void givenAUseCaseSlowerThanTheTimeout_whenItSucceeds_thenItsOwnAnswerIsDelivered() {
        server.cloneHostProperty.succeedAfter(SLOWER_THAN_THE_TIMEOUT,
                new CloneOutcome.Cloned(HostId.of(10), HostId.of(11), List.of(), 7));
        long started = System.nanoTime();

        ApiResponse response = server.client().esb("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SLOWER_THAN_THE_TIMEOUT);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.result()).isTrue();
        assertThat(response.code()).isZero();
        assertThat(server.cloneHostProperty.calls()).hasSize(1);
    }

    @Test
    void givenRequestTimeoutBelowOneSecond_whenSettingsBuilt_thenRefused() {
        assertThat(HttpSettings.of("127.0.0.1", 0).requestTimeoutSeconds()).isEqualTo(10);
        assertThatThrownBy(() -> HttpSettings.of("127.0.0.1", 0).withRequestTimeoutSeconds(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requestTimeoutSeconds must be at least 1: 0");
    }

    /**
     * Returns once every turn queued on {@code on}'s one event loop (a server of one instance, as this test's servers
     * are: {@code HttpSettings.of}'s default) before this call has run: a new connection is
     * taken on by a task queued there, behind them, and its first request read after that. (A request on a connection
     * already open is read as it comes, and may be read before a turn queued first.)
     */
    private static void afterTheTurnsQueued(FakeBackedServer on) {
        try (RawConnection marker = RawConnection.open(on)) {
            marker.send("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertThat(marker.readTextResponse()).isEqualTo("{\"status\":\"UP\"}");
        }
    }
}
