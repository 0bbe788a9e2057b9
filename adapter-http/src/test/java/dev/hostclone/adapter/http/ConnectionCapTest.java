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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The cap on open connections, counted across the server's instances (two here, so two event loops share it).
 * With no connection idle long enough to close (none is, here, but where a test says so), a connection past it
 * gets an answer, 503 / 1199997 and {@code Connection: close}, never its use case, and is closed; one that sends
 * nothing is closed after a grace (2 s), not held for the idle timeout; a connection that closes, by a FIN or a
 * reset, frees its place. Where any idle connection may be closed for a new one, the one idle longest is, and one
 * owed an answer never is. Every connection here is a raw socket: an HTTP client's pool would hold places of its
 * own. Nothing is timed from above but the refused connection's wait, and that only against {@code BOUND} (30 s):
 * the grace itself is not checked, only that the close comes long before the idle timeout.
 */
class ConnectionCapTest {

    private static final int CAP = 3;
    /** Against a hang; and, for the refused connection's grace (2 s), many times it and ten seconds more. */
    private static final Duration BOUND = Duration.ofSeconds(30);
    /** So long that no connection here is closed for idleness: one closed within {@link #BOUND} is closed by the cap. */
    private static final int IDLE_TIMEOUT_SECONDS = 3_600;
    /** In effect no connection is idle long enough to be closed for a new one (24 days), whatever the machine's pace. */
    private static final int NEVER_EVICTED = Integer.MAX_VALUE;
    /** Any idle connection may be closed for a new one, the longest idle first. */
    private static final int ANY_IDLE_EVICTED = 0;
    private static final String EVICTED = "hostclone_http_connections_evicted_total";
    private static final String HEALTH = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final String OPEN = "hostclone_http_connections_open";
    private static final String REFUSED = "hostclone_http_connections_refused_total";

    private FakeBackedServer server;
    private final List<RawConnection> held = new ArrayList<>();

    @BeforeEach
    void start() {
        server = FakeBackedServer.start(capped(NEVER_EVICTED));
    }

    /** {@link #CAP} connections, each idle {@code evictIdleAfterMillis} closed at the cap for a new one. */
    private static HttpSettings capped(int evictIdleAfterMillis) {
        return HttpSettings.of("127.0.0.1", 0).withInstances(2).withMaxConnections(CAP)
                .withIdleTimeoutSeconds(IDLE_TIMEOUT_SECONDS).withEvictIdleAfterMillis(evictIdleAfterMillis);
    }

    @AfterEach
    void stop() {
        held.forEach(RawConnection::close);
        server.close();
    }

    @Test
    void givenTheCapHeld_whenOneMoreConnectionSendsAClone_thenItIsAnswered503WithTheEnvelopeNotClonedAndClosed() {
        holdTheCap();
        try (RawConnection past = RawConnection.open(server)) {
            // two at once: the second is never read, as the connection closes once the first is answered
            past.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY)
                    .replace("\r\n\r\n", "\r\nX-Bkcmdb-Language: en\r\n\r\n").repeat(2));

            ApiResponse answer = past.readResponse();

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.result()).isFalse();
            assertThat(answer.code()).isEqualTo(1199997);
            assertThat(answer.message())
                    .isEqualTo("too many requests: the server has too many open connections, please retry later");
            assertThat(answer.header("Connection")).isEqualTo("close");
            assertThat(answer.header("Retry-After")).isEqualTo("1");
            assertThat(past.readUntilClosed()).as("no second answer, closed").isEmpty();
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
        assertThat(served(held.get(0))).as("the held connections are served as before").isTrue();
    }

    /**
     * Answered at the head, a request whose body is still coming is read to its end before the close: closed under a
     * client still sending, the connection was reset, the client's write failed, and a client may then never read the
     * answer it was meant to get.
     */
    @Test
    void givenTheCapHeld_whenOneMoreConnectionSendsALargeBody_thenAllOfItIsTakenBeforeTheAnswerAndTheClose() {
        holdTheCap();
        String largeBody = "{\"bk_comment\":\"" + "x".repeat(8_000_000) + "\"}";
        try (RawConnection past = RawConnection.open(server)) {
            past.send(RawConnection.post(ESB_CLONE_PATH, largeBody));

            ApiResponse answer = past.readResponse();

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo(1199997);
            assertThat(past.readUntilClosed()).as("nothing more answered, then closed").isEmpty();
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenTheCapHeld_whenOneMoreConnectionAsksInChinese_thenTheMessageIsChinese() {
        holdTheCap();
        try (RawConnection past = RawConnection.open(server)) {
            past.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));

            ApiResponse answer = past.readResponse();

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.message()).isEqualTo("请求过于频繁: 服务器打开的连接过多, 请稍后重试");
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenTheCapHeld_whenOneMoreConnectionSendsNothing_thenItIsClosedUnansweredBeforeTheIdleTimeout() {
        holdTheCap();
        try (RawConnection past = RawConnection.open(server)) {
            // the claim is a bound: closed after the grace (2 s), not held for the idle timeout (an hour here); the
            // check is generous, many times the grace and ten seconds more
            assertThat(past.readUntilClosed(BOUND)).as("nothing answered, then closed").isEmpty();
        }
    }

    @Test
    void givenTheCapHeld_whenOneHeldConnectionCloses_thenANewConnectionIsServed() {
        holdTheCap();
        held.remove(0).close();

        awaitServedOnANewConnection();

        assertThat(server.cloneHostProperty.calls()).hasSize(1);
    }

    @Test
    void givenTheCapHeld_whenOneHeldConnectionIsResetByItsClient_thenANewConnectionIsServed() {
        holdTheCap();
        held.remove(0).reset();

        awaitServedOnANewConnection();

        assertThat(server.cloneHostProperty.calls()).hasSize(1);
    }

    @Test
    void givenTheCapHeldAndConnectionsRefused_whenScraped_thenTheMetricsShowTheOpenAndTheRefused() {
        holdTheCap();
        for (int i = 0; i < 2; i++) {
            try (RawConnection past = RawConnection.open(server)) {
                past.send(HEALTH.replace("/healthz", "/api/v3/find/audit"));
                assertThat(past.readResponse().status()).isEqualTo(503);
            }
        }

        Scrape atTheCap = scrape();

        assertThat(atTheCap.value(OPEN)).isEqualTo(CAP);
        assertThat(atTheCap.value(REFUSED)).as("two, and the scrape's own").isEqualTo(3);

        held.remove(0).close();
        held.remove(0).reset();

        // on the connection left, kept alive: a scrape on a new one could be refused, and counted, until the server
        // has seen both close, a moment after their client
        RawConnection left = held.get(0);
        Scrape after = await().atMost(BOUND).until(() -> scrapeKeptAlive(left), scrape -> scrape.value(OPEN) == 1);
        assertThat(after.value(REFUSED)).as("none since").isEqualTo(3);
    }

    @Test
    void givenTheCapHeld_whenProbesComeOnMoreConnections_thenEachIsAnsweredAndItsConnectionClosed() {
        holdTheCap();
        for (String probe : List.of("/healthz", "/readyz")) {
            try (RawConnection past = RawConnection.open(server)) {
                past.send(HEALTH.replace("/healthz", probe).repeat(2));

                ApiResponse answer = past.readResponse();

                assertThat(answer.status()).as(probe).isEqualTo(200);
                assertThat(answer.envelope().get("status").textValue()).isEqualTo("UP");
                assertThat(answer.header("Connection")).isEqualTo("close");
                assertThat(past.readUntilClosed()).as("no second answer, closed").isEmpty();
            }
        }
        assertThat(scrape().value(REFUSED)).as("refused all the same, and the scrape").isEqualTo(3);
    }

    @Test
    void givenConnectionsRefusedInARow_whenLogged_thenOneWarningSaysSo() {
        CapturedLog log = CapturedLog.of("dev.hostclone.adapter.http.server.ConnectionCap");
        try (log) {
            holdTheCap();
            for (int i = 0; i < 4; i++) {
                try (RawConnection past = RawConnection.open(server)) {
                    past.send(HEALTH);
                    assertThat(past.readUntilClosed()).contains("HTTP/1.1 200 OK");
                }
            }
        }
        assertOneWarning(log, "refusing HTTP connections: 3 are open, the server's cap, none idle long enough to close;"
                + " a request on a new one is answered 503 / 1199997 and its connection closed (1 refused since this was"
                + " last logged, which is at most once a minute)");
    }

    /**
     * The connection idle longest is the one closed, not the one opened first: a client whose connection is in use
     * keeps it. Closed idle, it is sent nothing, as at an idle timeout; the new connection stays open.
     */
    @Test
    void givenTheCapHeldByIdleConnections_whenOneMoreSendsAClone_thenTheOneIdleLongestIsClosedAndTheNewOneServed() {
        restart(capped(ANY_IDLE_EVICTED));
        holdTheCap();
        assertThat(served(held.get(0))).as("the first opened, in use again").isTrue();

        try (RawConnection next = RawConnection.open(server)) {
            next.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            ApiResponse answer = next.readResponse();

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.code()).isZero();
            assertThat(held.get(1).readUntilClosed()).as("the one idle longest: closed, sent nothing").isEmpty();
            assertThat(served(held.get(0))).as("held connection 0").isTrue();
            assertThat(served(held.get(2))).as("held connection 2").isTrue();
            assertThat(served(next)).as("the new connection, kept").isTrue();
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(1);
    }

    @Test
    void givenAnIdleConnectionClosedForANewOne_whenScrapedAndLogged_thenTheMetricsAndOneWarningSaySo() {
        restart(capped(ANY_IDLE_EVICTED));
        CapturedLog log = CapturedLog.of("dev.hostclone.adapter.http.server.ConnectionCap");
        try (log) {
            holdTheCap();
            for (int i = 0; i < 2; i++) {
                RawConnection next = RawConnection.open(server);
                held.add(next);
                assertThat(served(next)).as("new connection %d", i).isTrue();
            }
        }

        assertThat(held.get(0).readUntilClosed()).as("the first idle longest").isEmpty();
        assertThat(held.get(1).readUntilClosed()).as("then the second").isEmpty();
        // kept alive on a held connection, as one more would close another; a closed connection's place is given
        // back on its own event loop, a moment after its client read the close
        RawConnection last = held.get(held.size() - 1);
        Scrape scrape = await().atMost(BOUND).until(() -> scrapeKeptAlive(last), each -> each.value(OPEN) == CAP);

        assertThat(scrape.value(EVICTED)).isEqualTo(2);
        assertThat(scrape.value(REFUSED)).isZero();
        assertOneWarning(log, "closing idle HTTP connections for new ones: 3 are open, the server's cap; the one idle"
                + " longest, at least 0 ms, is closed for each new one (1 closed since this was last logged, which is at"
                + " most once a minute)");
    }

    /**
     * A connection whose request has arrived, its head read, is owed an answer, however long its body takes: it is
     * never closed for a new one, which is refused as when none is idle long enough. The 100 Continue each held
     * connection reads first tells that the server has read its head.
     */
    @Test
    void givenTheCapHeldByConnectionsOwedAnswers_whenOneMoreConnects_thenItIsRefusedAndTheyAreAnswered() {
        restart(capped(ANY_IDLE_EVICTED).withRequestTimeoutSeconds(IDLE_TIMEOUT_SECONDS));
        String request = RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY)
                .replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n");
        int bodyAt = request.indexOf("\r\n\r\n") + 4;
        for (int i = 0; i < CAP; i++) {
            RawConnection connection = RawConnection.open(server);
            held.add(connection);
            connection.send(request.substring(0, bodyAt));
            connection.readResponseHead();
            assertThat(connection.statusLine()).as("held connection %d", i).isEqualTo("HTTP/1.1 100 Continue");
        }

        try (RawConnection past = RawConnection.open(server)) {
            past.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));

            ApiResponse answer = past.readResponse();

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.code()).isEqualTo(1199997);
        }
        for (RawConnection connection : held) {
            connection.send(request.substring(bodyAt));
            assertThat(connection.readResponse().code()).as("answered at last").isZero();
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(CAP);
        assertThat(scrapeOn(held.get(0)).value(EVICTED)).isZero();
    }

    @Test
    void givenNoCap_whenMoreConnectionsAreHeldThanTheCapWouldTake_thenEachIsServed() {
        restart(HttpSettings.of("127.0.0.1", 0).withInstances(2).withMaxConnections(0));

        for (int i = 0; i < 2 * CAP; i++) {
            RawConnection connection = RawConnection.open(server);
            held.add(connection);
            assertThat(served(connection)).as("connection %d", i).isTrue();
        }
        assertThat(scrape().value(REFUSED)).isZero();
    }

    /** One line logged, a WARN saying {@code message}. */
    private static void assertOneWarning(CapturedLog log, String message) {
        List<ILoggingEvent> events = log.events();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getLevel()).isEqualTo(Level.WARN);
        assertThat(events.get(0).getFormattedMessage()).isEqualTo(message);
    }

    private void restart(HttpSettings settings) {
        server.close();
        server = FakeBackedServer.start(settings);
    }

    /** Opens the cap's connections, each answered once, so that each is known to the server. */
    private void holdTheCap() {
        for (int i = 0; i < CAP; i++) {
            RawConnection connection = RawConnection.open(server);
            held.add(connection);
            assertThat(served(connection)).as("held connection %d", i).isTrue();
        }
    }

    private static boolean served(RawConnection connection) {
        connection.send(HEALTH);
        return connection.readResponse().status() == 200;
    }

    /**
     * A clone on a new connection, tried until served: the server learns of a closed connection on its event loop,
     * a moment after the client closed it. Each refused try holds no place.
     */
    private void awaitServedOnANewConnection() {
        await().atMost(BOUND).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (RawConnection next = RawConnection.open(server)) {
                next.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
                ApiResponse answer = next.readResponse();
                return answer.status() == 200 && answer.code() == 0;
            }
        });
    }

    /** {@code GET /metrics} on a connection of its own, which counts in what it reads: refused at the cap, open under it. */
    private Scrape scrape() {
        try (RawConnection connection = RawConnection.open(server)) {
            return scrapeOn(connection);
        }
    }

    /** {@code GET /metrics} on {@code connection}, kept open. */
    private static Scrape scrapeKeptAlive(RawConnection connection) {
        connection.send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        String text = connection.readTextResponse();
        return new Scrape(Integer.parseInt(connection.statusLine().split(" ")[1]), null, text);
    }

    /** {@code GET /metrics} on {@code connection}, which the server then closes. */
    private static Scrape scrapeOn(RawConnection connection) {
        connection.send("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String answer = connection.readUntilClosed();
        return new Scrape(Integer.parseInt(answer.split(" ")[1]), null, answer.substring(answer.indexOf("\r\n\r\n") + 4));
    }
}
