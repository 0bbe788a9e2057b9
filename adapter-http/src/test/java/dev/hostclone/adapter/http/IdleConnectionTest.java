package dev.hostclone.adapter.http;

import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_BODY;
import static dev.hostclone.adapter.http.testkit.FakeBackedServer.ESB_CLONE_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Connections that go silent are closed by the server after the idle timeout, and so are connections
 * that trickle a request head for longer, so neither idle nor slow clients can hold every connection;
 * clients that keep sending whole requests are not disturbed. The trickling cases pin down that Vert.x
 * counts only whole request heads as activity (its idle timer sits behind the HTTP decoder): should an
 * upgrade change that, they fail. The bounds asserted are generous: closed, not how fast.
 */
class IdleConnectionTest {

    private static final int IDLE_TIMEOUT_SECONDS = 1;
    private static final Duration BYTE_INTERVAL = Duration.ofMillis(300);
    private static final Duration PAUSE_SHORTER_THAN_THE_TIMEOUT = Duration.ofMillis(500);
    private static final Duration BOUND = Duration.ofSeconds(5);
    /** A head that takes half a minute to trickle in, far longer than the bound. */
    private static final String ENDLESS_HEAD = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: " + "x".repeat(50);

    private FakeBackedServer server;

    @BeforeEach
    void start() {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withIdleTimeoutSeconds(IDLE_TIMEOUT_SECONDS));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void givenAClientThatConnectsAndSendsNothing_whenItWaits_thenTheServerClosesTheConnection() {
        try (RawConnection connection = RawConnection.open(server)) {
            assertThat(connection.readUntilClosed()).as("nothing answered, then closed").isEmpty();
        }
    }

    @Test
    void givenAClientThatSendsHeadersAndNeverItsBody_whenItWaits_thenTheServerClosesTheConnectionWithoutLoggingAFault() {
        ListAppender<ILoggingEvent> faults = new ListAppender<>();
        Logger faultLog = (Logger) LoggerFactory.getLogger("dev.hostclone.adapter.http.server.Envelopes");
        faults.start();
        faultLog.addAppender(faults);
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("POST " + ESB_CLONE_PATH + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"bk_biz_id\":");

            connection.readUntilClosed();
            // one event loop: once this is answered, the cut-off request has been dealt with
            server.client().send("GET", "/healthz", null);
        } finally {
            faultLog.detachAppender(faults);
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
        assertThat(faults.list).as("a client cut off is no fault of the server").isEmpty();
    }

    @Test
    void givenAClientTricklingItsRequestHead_whenTheIdleTimeoutPasses_thenTheServerClosesTheConnection() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.trickle(ENDLESS_HEAD, BYTE_INTERVAL);

            assertThat(connection.readUntilClosed()).as("nothing answered, then closed").isEmpty();
            assertThat(connection.age()).isLessThan(BOUND);
        }
    }

    @Test
    void givenAnAnsweredRequest_whenTheNextHeadTrickles_thenTheServerClosesTheConnection() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            assertThat(connection.readResponse().code()).isZero();
            Duration answeredAt = connection.age();

            connection.trickle(ENDLESS_HEAD, BYTE_INTERVAL);

            assertThat(connection.readUntilClosed()).isEmpty();
            assertThat(connection.age().minus(answeredAt)).isLessThan(BOUND);
        }
    }

    @Test
    void givenAnAnsweredRequest_whenTheClientGoesSilent_thenTheServerClosesTheConnection() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));
            assertThat(connection.readResponse().code()).isZero();

            assertThat(connection.readUntilClosed()).isEmpty();
        }
    }

    @Test
    void givenAKeptAliveClient_whenItSendsRequestsInARowForLongerThanTheIdleTimeout_thenEachIsAnswered()
            throws InterruptedException {
        try (RawConnection connection = RawConnection.open(server)) {
            for (int i = 0; i < 4; i++) {
                Thread.sleep(PAUSE_SHORTER_THAN_THE_TIMEOUT.toMillis());
                connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY));

                assertThat(connection.readResponse().code()).as("request %d", i).isZero();
            }
            assertThat(connection.age()).isGreaterThan(Duration.ofSeconds(IDLE_TIMEOUT_SECONDS));
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(4);
    }

    @Test
    void givenPipelinedRequests_whenSentAtOnce_thenEachIsAnsweredInTurn() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send(RawConnection.post(ESB_CLONE_PATH, ESB_CLONE_BODY).repeat(3));

            for (int i = 0; i < 3; i++) {
                ApiResponse answer = connection.readResponse();
                assertThat(answer.code()).as("request %d", i).isZero();
            }
        }
        assertThat(server.cloneHostProperty.calls()).hasSize(3);
    }
}
