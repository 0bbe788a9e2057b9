package dev.hostclone.adapter.http;

import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_BODY;
import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.application.testing.CapturedLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The budget of request-body bytes the server holds at once, over its instances (two here): a request whose body
 * would pass it is answered 503 / 1199997 before its body is read, never reaches its use case, and its connection
 * is closed; bodies give their bytes back once answered, or when their connection closes, or at the request
 * timeout. Here the body limit is 2 KiB and the budget 4 KiB, so two stalled bodies at the limit hold it all. A proven
 * caller's body then claims what its tree weighs ({@code TreeWeight}) before it is built: an ESB clone's 127 bytes
 * weigh 1,669, so that it is served beside one stalled body at the limit, and not beside that and one of 1 KiB.
 */
class BodyBudgetTest {

    private static final int LIMIT = 2048;
    private static final int BUDGET = 2 * LIMIT;
    private static final Duration BOUND = Duration.ofSeconds(15);
    /** Longer than {@link #BOUND}: no stalled body times out while a test waits. */
    private static final int LONG_TIMEOUT_SECONDS = 60;
    private static final String HELD = "hostclone_http_bodies_held_bytes";
    private static final String HEALTH = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final String REFUSED = "hostclone_http_bodies_refused_total";
    /** How long the fake takes to prove a caller where a test needs it slower than a 1 s request timeout. */
    private static final Duration PROOF_TIME = Duration.ofSeconds(2);
    private static final String MALFORMED_AT_ITS_END =
            "Deserializing JSON data failed: the body is not valid JSON (line 1, column 657)";
    /** A v3 clone of 657 bytes whose tree weighs 52,611: two hundred empty arrays where one is asked for. */
    private static final String V3_HEAVY_CLONE = "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11,\"padding\":["
            + String.join(",", Collections.nCopies(200, "[]")) + "]}";

    private FakeBackedServer server;
    private final List<RawConnection> stalled = new ArrayList<>();
    /** What the server logs at ERROR: a refusal for room is the load's, never an unexpected failure. */
    private CapturedLog logged;

    @BeforeEach
    void watchTheLog() {
        logged = CapturedLog.root();
    }

    @AfterEach
    void stop() {
        logged.close();
        stalled.forEach(RawConnection::close);
        server.close();
    }

    @Test
    void givenTheBudgetHeldByStalledBodies_whenACloneComes_thenItIsAnswered503NotClonedAndItsConnectionClosed() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(2, LIMIT);
        try (RawConnection next = RawConnection.open(server)) {
            // a probe pipelined behind it: never read, as the connection closes once the refusal is answered
            next.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY)
                    .replace("\r\n\r\n", "\r\nX-Bkcmdb-Language: en\r\n\r\n") + HEALTH);

            ApiResponse answer = next.readResponse();

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.result()).isFalse();
            assertThat(answer.code()).isEqualTo(1199997);
            assertThat(answer.message()).isEqualTo(
                    "too many requests: the server is reading too many request bodies at once, please retry later");
            assertThat(answer.header("Retry-After")).isEqualTo("1");
            assertThat(answer.header("Connection")).isEqualTo("close");
            assertThat(next.readUntilClosed()).as("nothing more, then closed").isEmpty();
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
        Scrape scrape = scrape();
        assertThat(scrape.value(HELD)).isEqualTo(BUDGET);
        assertThat(scrape.value(REFUSED)).isEqualTo(1);
    }

    @Test
    void givenTheBudgetHeld_whenAChineseCallerSendsAClone_thenTheMessageIsChinese() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(2, LIMIT);
        try (RawConnection next = RawConnection.open(server)) {
            next.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));

            ApiResponse answer = next.readResponse();

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.message()).isEqualTo("请求过于频繁: 服务器同时读取的请求体过多, 请稍后重试");
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenTheBudgetHeld_whenARequestWithoutABodyComes_thenItIsServed() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(2, LIMIT);

        ApiResponse answer = server.client().v3("get_host_base_info", "{\"bk_host_id\":11}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).isZero();
        assertThat(server.client().send("GET", "/healthz", null).status()).isEqualTo(200);
    }

    @Test
    void givenTheBudgetHeld_whenOneStalledBodysConnectionCloses_thenAClonePassesAgain() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(2, LIMIT);

        stalled.remove(0).reset();

        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> cloneOnANewConnection().code() == 0);
        assertThat(server.cloneHostProperty.calls()).hasSize(1);
        assertThat(scrape().value(HELD)).as("the other stalled body's").isEqualTo(LIMIT);
    }

    @Test
    void givenStalledBodies_whenTheRequestTimeoutPasses_thenTheyAreAnsweredAndTheirBytesGivenBack() {
        start(3);
        stallBodies(2, LIMIT);

        for (RawConnection connection : stalled) {
            assertThat(connection.readResponse().code()).as("timed out").isEqualTo(1199002);
        }

        assertThat(await().atMost(BOUND).until(() -> scrape(), scrape -> scrape.value(HELD) == 0)
                .value(REFUSED)).isZero();
        assertThat(cloneOnANewConnection().code()).isZero();
    }

    @Test
    void givenClonesOneAfterAnother_whenTheirBodiesSumToMoreThanTheBudget_thenEachIsServed() {
        start(LONG_TIMEOUT_SECONDS);
        int clones = BUDGET / ESB_CLONE_BODY.length() + 5;
        try (RawConnection connection = RawConnection.open(server)) {
            for (int i = 0; i < clones; i++) {
                connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
                assertThat(connection.readResponse().code()).as("clone %d", i).isZero();
            }
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(clones);
        Scrape after = scrape();
        assertThat(after.text()).contains(HELD + " ");
        assertThat(after.value(HELD)).isZero();
    }

    /** Refused at its head, a request whose body is still coming is read to its end, then its connection closed. */
    @Test
    void givenTheBudgetHeld_whenABodyComesInTwoParts_thenTheAnswerComesAtTheHeadAndTheCloseAfterTheBody() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(2, LIMIT);
        String request = RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY);
        int half = request.length() - ESB_CLONE_BODY.length() / 2;
        try (RawConnection next = RawConnection.open(server)) {
            next.send(request.substring(0, half));

            assertThat(next.readResponse().status()).isEqualTo(503);

            next.send(request.substring(half));
            assertThat(next.readUntilClosed()).as("nothing more, then closed").isEmpty();
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenBodiesHoldingMostOfTheBudget_whenAProvenCallersTreeWouldPassIt_thenItIsAnswered503AndNotCloned() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(1, LIMIT);
        stallBodies(1, LIMIT / 2);
        try (RawConnection next = RawConnection.open(server)) {
            next.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY)
                    .replace("\r\n\r\n", "\r\nX-Bkcmdb-Language: en\r\n\r\n") + HEALTH);

            ApiResponse answer = next.readResponse();

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo(1199997);
            assertThat(answer.message()).isEqualTo(
                    "too many requests: the server is reading too many request bodies at once, please retry later");
            assertThat(answer.header("Retry-After")).isEqualTo("1");
            assertThat(answer.header("Connection")).as("its body all read: the connection serves on").isNull();
            assertThat(next.readResponse().status()).as("the probe behind it").isEqualTo(200);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
        Scrape scrape = scrape();
        assertThat(scrape.value(HELD)).as("the stalled bodies' alone").isEqualTo(LIMIT + LIMIT / 2);
        assertThat(scrape.value(REFUSED)).isEqualTo(1);
        assertThat(errorsLogged()).isEmpty();
    }

    @Test
    void givenATreeRefusedForRoom_whenTheBodiesBeforeItGo_thenItIsServedAndItsClaimGivenBack() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(1, LIMIT);
        stallBodies(1, LIMIT / 2);
        assertThat(cloneOnANewConnection().code()).isEqualTo(1199997);

        stalled.remove(1).reset();

        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> cloneOnANewConnection().code() == 0);
        assertThat(server.cloneHostProperty.calls()).hasSize(1);
        assertThat(await().atMost(BOUND).until(() -> scrape(), scrape -> scrape.value(HELD) == LIMIT).value(HELD))
                .as("the other stalled body's alone, the clone's tree given back").isEqualTo(LIMIT);
    }

    /** No room ever for a tree heavier than the whole budget beside its body: refused for good, not "retry later". */
    @Test
    void givenABodyWhoseTreeOutweighsTheWholeBudget_whenAProvenCallerSendsIt_thenItIsAnswered413AndNotCloned() {
        start(LONG_TIMEOUT_SECONDS);

        ApiResponse answer = server.client().withHeader("X-Bkcmdb-Language", "en").v3("clone_host_property", V3_HEAVY_CLONE);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.code()).isEqualTo(1199015);
        assertThat(answer.message()).isEqualTo("Data out of bounds: the request body may take up to 53268 bytes once"
                + " parsed, more than the 4096 bytes the server holds of request bodies at once");
        assertThat(answer.header("Retry-After")).isNull();
        assertThat(server.cloneHostProperty.calls()).isEmpty();
        Scrape scrape = scrape();
        assertThat(scrape.value(HELD)).isZero();
        assertThat(scrape.value(REFUSED)).as("not for the others' bodies").isZero();
    }

    @Test
    void givenABodyWhoseTreeOutweighsTheWholeBudget_whenAChineseCallerSendsIt_thenTheMessageIsChinese() {
        start(LONG_TIMEOUT_SECONDS);

        ApiResponse answer = server.client().v3("clone_host_property", V3_HEAVY_CLONE);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.message()).isEqualTo("数据越界: 请求体解析后最多占用 53268 字节, 超过服务器同时持有的请求体的 4096 字节上限");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * The ESB door reads a body through for its credentials, and weighs it then, but a caller not proven claims no
     * room for its tree, nor has it built: its credentials are refused first, however heavy the tree.
     */
    @Test
    void givenABodyWhoseTreeOutweighsTheWholeBudget_whenItsCallerIsNotProven_thenItIsAnswered401() {
        start(LONG_TIMEOUT_SECONDS);

        ApiResponse answer = server.client().as(FakeBackedServer.APP_CODE, "not-the-secret", FakeBackedServer.USER)
                .esb("clone_host_property", V3_HEAVY_CLONE);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.code()).isEqualTo(1199047);
        assertThat(server.cloneHostProperty.calls()).isEmpty();
        assertThat(scrape().value(REFUSED)).isZero();
    }

    /** Refused room, a body Jackson would refuse is answered so: 1199000, not 413, nor 503 to be sent again. */
    @Test
    void givenAMalformedBodyWhoseTreeOutweighsTheBudget_whenAProvenCallerSendsItToTheV3Door_thenItIsAnswered1199000() {
        start(LONG_TIMEOUT_SECONDS);

        ApiResponse answer = server.client().withHeader("X-Bkcmdb-Language", "en").send("PUT",
                "/api/v3/hosts/property/clone", V3_HEAVY_CLONE.substring(0, V3_HEAVY_CLONE.length() - 1),
                Map.of("X-Bkapi-Authorization", "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\""
                        + FakeBackedServer.APP_SECRET + "\",\"bk_username\":\"" + FakeBackedServer.USER + "\"}"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).isEqualTo(1199000);
        assertThat(answer.message()).isEqualTo(MALFORMED_AT_ITS_END);
        assertThat(server.cloneHostProperty.calls()).isEmpty();
        assertThat(scrape().value(HELD)).isZero();
    }

    /** A chunked body claims the limit until it has all come, then what it brought: its tree has room beside it. */
    @Test
    void givenAStalledBodyAtTheLimit_whenAChunkedCloneComes_thenItsClaimComesDownToItsBytesAndItIsServed() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(1, LIMIT);
        try (RawConnection next = RawConnection.open(server)) {
            next.send(head("Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(ESB_CLONE_BODY.length()) + "\r\n"
                    + ESB_CLONE_BODY + "\r\n0\r\n\r\n"));

            assertThat(next.readResponse().code()).isZero();
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(1);
        assertThat(await().atMost(BOUND).until(() -> scrape(), scrape -> scrape.value(HELD) == LIMIT).value(REFUSED))
                .isZero();
    }

    /** Its client gone while its caller was being proven, a request claims no room: none would be given back. */
    @Test
    void givenAClientThatLeavesWhileItsCallerIsProven_whenTheProofComes_thenNoRoomIsHeldAndNothingCloned() throws Exception {
        startOnOneEventLoop(LONG_TIMEOUT_SECONDS);
        server.apps.holdAnswers();
        try (RawConnection leaving = RawConnection.open(server)) {
            leaving.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            await().atMost(BOUND).until(() -> server.apps.askedAbout().size() == 1);
            leaving.reset();
        }
        // the server has seen it go: the body's claim is given back
        await().atMost(BOUND).until(() -> scrape().value(HELD) == 0);

        server.apps.releaseAnswers();
        server.apps.awaitSlowAnswers(BOUND);
        // one event loop: a new connection is taken on after the proof's turn, queued before it
        assertThat(cloneOnANewConnection().code()).isZero();

        assertThat(server.cloneHostProperty.calls()).as("the second clone's alone").hasSize(1);
        await().atMost(BOUND).until(() -> scrape().value(HELD) == 0);
        assertThat(errorsLogged()).isEmpty();
    }

    /** Timed out while its caller was being proven, a request claims no room when the proof comes. */
    @Test
    void givenARequestThatTimesOutWhileItsCallerIsProven_whenTheProofComes_thenNoRoomIsHeld() throws Exception {
        startOnOneEventLoop(1);
        server.apps.answerAfter(PROOF_TIME);
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            assertThat(connection.readResponse().code()).isEqualTo(1199002);
        }

        server.apps.awaitSlowAnswers(BOUND);
        server.apps.answerAfter(Duration.ZERO);
        // one event loop: a new connection is taken on after the proof's turn, queued before it
        assertThat(cloneOnANewConnection().code()).isZero();

        assertThat(server.cloneHostProperty.calls()).as("the second clone's alone").hasSize(1);
        await().atMost(BOUND).until(() -> scrape().value(HELD) == 0);
        assertThat(errorsLogged()).isEmpty();
    }

    /** The client waits for a 100 Continue before its body: it gets the refusal instead, and no 100. */
    @Test
    void givenTheBudgetHeld_whenARequestExpectsToContinue_thenItIsRefusedWithoutA100() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(2, LIMIT);
        try (RawConnection next = RawConnection.open(server)) {
            next.send(head("Content-Length: " + ESB_CLONE_BODY.length() + "\r\nExpect: 100-continue\r\n\r\n"));

            ApiResponse answer = next.readResponse();

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo(1199997);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /** A declared length over the limit claims nothing: it is the body reader's 413, at once, even at the budget. */
    @Test
    void givenTheBudgetHeld_whenABodyDeclaresMoreThanTheLimit_thenItIsAnswered413() {
        start(LONG_TIMEOUT_SECONDS);
        stallBodies(2, LIMIT);
        try (RawConnection next = RawConnection.open(server)) {
            next.send(head("Content-Length: " + (LIMIT + 1) + "\r\n\r\n"));

            ApiResponse answer = next.readResponse();

            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.code()).isEqualTo(1199015);
        }
        assertThat(scrape().value(REFUSED)).isZero();
    }

    /**
     * A chunked body past the limit is answered 413 before it ends: its claim goes back with the answer, and the rest
     * is dropped as it comes (the body's reader, which until 2026-12-07 kept what it had read until the body ended, is
     * let go), after which the connection serves on.
     */
    @Test
    void givenAChunkedBodyPastTheLimit_whenAnswered413BeforeItEnds_thenItsRestIsDroppedAndTheConnectionServesOn() {
        start(LONG_TIMEOUT_SECONDS);
        try (RawConnection chunked = RawConnection.open(server)) {
            chunked.send(head("Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(LIMIT + 1) + "\r\n"
                    + "x".repeat(LIMIT + 1) + "\r\n"));

            assertThat(chunked.readResponse().status()).isEqualTo(413);
            await().atMost(BOUND).until(() -> scrape().value(HELD) == 0);

            chunked.send(Integer.toHexString(LIMIT) + "\r\n" + "x".repeat(LIMIT) + "\r\n0\r\n\r\n" + HEALTH);
            assertThat(chunked.readResponse().status()).as("the connection serves on").isEqualTo(200);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /** A chunked body's length is known only at its end: it claims the body limit as its head arrives. */
    @Test
    void givenAStalledChunkedBody_whenScraped_thenItHoldsTheBodyLimit() {
        start(LONG_TIMEOUT_SECONDS);
        RawConnection chunked = RawConnection.open(server);
        stalled.add(chunked);
        chunked.send(head("Transfer-Encoding: chunked\r\n\r\n5\r\n{\"bk_\r\n"));

        assertThat(await().atMost(BOUND).until(() -> scrape(), scrape -> scrape.value(HELD) > 0)
                .value(HELD)).isEqualTo(LIMIT);
    }

    private void start(int requestTimeoutSeconds) {
        start(requestTimeoutSeconds, 2);
    }

    /** One instance: a request on a new connection is handled on the same event loop, after what came before it. */
    private void startOnOneEventLoop(int requestTimeoutSeconds) {
        start(requestTimeoutSeconds, 1);
    }

    private void start(int requestTimeoutSeconds, int instances) {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withInstances(instances)
                .withRequestTimeoutSeconds(requestTimeoutSeconds)
                .withLimits(RequestLimits.DEFAULT.withBodyBytes(LIMIT).withBodyBudgetBytes(BUDGET)));
    }

    /**
     * Opens {@code count} connections, each sending a head that declares {@code length} bytes and a part of them, and
     * waits until the bodies held have grown by their claims.
     */
    private void stallBodies(int count, int length) {
        double before = scrape().value(HELD);
        for (int i = 0; i < count; i++) {
            RawConnection connection = RawConnection.open(server);
            stalled.add(connection);
            connection.send(head("Content-Length: " + length + "\r\n\r\n{\"bk_app_code\":"));
        }
        await().atMost(BOUND).until(() -> scrape().value(HELD) == before + (double) count * length);
    }

    /** A POST head for a clone, before {@code rest}: its body's headers, the blank line, and what follows. */
    private static String head(String rest) {
        return "POST " + ESB_CLONE_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + rest;
    }

    private List<String> errorsLogged() {
        return logged.events().stream().filter(event -> event.getLevel() == Level.ERROR)
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    private Scrape scrape() {
        return Scrape.of(server.client());
    }

    private ApiResponse cloneOnANewConnection() {
        try (RawConnection next = RawConnection.open(server)) {
            next.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            return next.readResponse();
        }
    }
}
