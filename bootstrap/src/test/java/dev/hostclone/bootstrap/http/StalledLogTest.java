package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.bootstrap.HostCloneServer;
import dev.hostclone.bootstrap.config.ConfigurationReader;
import dev.hostclone.bootstrap.logging.DroppedLines;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A log whose reader stops (a hung journald, a container's log driver, a paused {@code | less}): the server's own
 * log set-up, its ring buffer and writer thread, with a second console behind the ring that takes nothing until let
 * go, so the writer stalls as on a full pipe. Until 2026-12-06 the event loops then waited for room without bound,
 * and every request, probes and scrapes too, went unanswered. On memory: the store plays no part.
 */
class StalledLogTest {

    private static final String APP = "log-app";
    private static final String SECRET = "log-secret-1";
    private static final String NOT_FOUND = "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    private static final String DROPPED = "hostclone_log_events_dropped_total{level=\"info\"}";
    private static final String NOTICE = "standard output takes no log lines";

    private final StalledConsole console = new StalledConsole();
    private final ByteArrayOutputStream standardError = new ByteArrayOutputStream();
    private PrintStream realStandardError;
    private LoggingEventAsyncDisruptorAppender ring;
    private HostCloneServer server;

    @BeforeEach
    void start() {
        server = HostCloneServer.start(ConfigurationReader.read(Map.of(), "--storage=memory", "--apps=" + APP + ":" + SECRET,
                "--http-host=127.0.0.1", "--http-port=0", "--http-instances=2"));
        ring = (LoggingEventAsyncDisruptorAppender) root().getAppender("ASYNC");
        console.setContext(ring.getContext());
        console.start();
        ring.addAppender(console);
        realStandardError = System.err;
        System.setErr(new PrintStream(standardError, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        console.letGo();
        ring.detachAppender(console);
        System.setErr(realStandardError);
        server.close();
    }

    /**
     * Each request waits at most a bound far above any machine's speed (the raw connection's read timeout, the
     * client's), and every one is answered; no figure of time is asserted.
     */
    @Test
    void givenALogThatTakesNoLines_whenRequestsOutrunItsBuffer_thenAllAreAnsweredAndTheLinesDroppedAreCountedUntilTheyFlowAgain() {
        ApiClient client = ApiClient.of(server.http()).as(APP, SECRET, "admin");
        Scrape scrape = Scrape.of(client);
        try (RawConnection connection = RawConnection.open(server.port())) {
            // the ring holds 8,192 lines, an access line per request: 10,000 fill it with room to spare
            for (int round = 0; round < 10 && scrape.value(DROPPED) == 0; round++) {
                for (int i = 0; i < 1_000; i++) {
                    connection.send(NOT_FOUND);
                    assertThat(connection.readResponse().status()).isEqualTo(404);
                }
                scrape = Scrape.of(client);
            }
        }
        ApiResponse health = client.send("GET", "/healthz", null);
        ApiResponse ready = client.send("GET", "/readyz", null);
        ApiResponse search = client.esb("search_business", "{}");
        String notices = await().atMost(Duration.ofSeconds(30)).until(this::standardError, text -> text.contains(NOTICE));

        assertThat(scrape.value(DROPPED)).as("lines dropped while the log took none").isPositive();
        assertThat(scrape.text()).contains("hostclone_log_events_dropped_total{level=\"warn\"}",
                "hostclone_log_events_dropped_total{level=\"error\"}");
        assertThat(health.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(search.code()).as(search.toString()).isZero();
        assertThat(console.lines()).as("the console took nothing").isEmpty();
        assertThat(notices.split(NOTICE, -1)).as("one notice, not one per line dropped").hasSize(2);
        assertThat(notices).contains(" WARN  [hostclone-log-notices] " + DroppedLines.class.getName() + " - ");

        console.letGo();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            client.withHeader("X-Request-ID", "after-the-stall").send("GET", "/nowhere", null);
            return console.saw("rid=after-the-stall ");
        });
        ILoggingEvent flowsAgain = await().atMost(Duration.ofSeconds(30)).until(
                () -> console.lines().stream().filter(line -> line.getMessage().startsWith("log lines flow again")).findFirst(),
                found -> found.isPresent()).orElseThrow();

        assertThat(flowsAgain.getLevel()).isEqualTo(Level.WARN);
        assertThat((Long) flowsAgain.getArgumentArray()[0]).isGreaterThanOrEqualTo((long) scrape.value(DROPPED));
        assertThat(ring.getAppendTimeout().getMilliseconds()).as("callers wait again for a full buffer").isPositive();
    }

    private String standardError() {
        return standardError.toString(StandardCharsets.UTF_8);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** A console behind the ring that takes no line, and so holds up the ring's writer, until let go. */
    private static final class StalledConsole extends AppenderBase<ILoggingEvent> {

        private final CountDownLatch letGo = new CountDownLatch(1);
        private final List<ILoggingEvent> taken = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            try {
                letGo.await();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (taken) {
                taken.add(event);
            }
        }

        void letGo() {
            letGo.countDown();
        }

        List<ILoggingEvent> lines() {
            synchronized (taken) {
                return List.copyOf(taken);
            }
        }

        boolean saw(String text) {
            return lines().stream().anyMatch(line -> line.getFormattedMessage().contains(text));
        }
    }
}
