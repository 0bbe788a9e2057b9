package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.http.fakes.FakeCheckReadiness;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.in.Readiness;
import dev.hostclone.application.port.in.Readiness.Check;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.host.HostId;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class OpsRoutesTest extends ServerTest {

    private static final String READY_UP = "hostclone_readiness_answers_total{status=\"UP\"}";
    private static final String READY_DOWN = "hostclone_readiness_answers_total{status=\"DOWN\"}";
    private static final String CLONE_OK_ESB =
            "hostclone_http_requests_seconds_count{api=\"clone_host_property\",code=\"0\",door=\"esb\",status=\"200\"}";
    private static final String CLONE_UNAUTHENTICATED_V3 =
            "hostclone_http_requests_seconds_count{api=\"clone_host_property\",code=\"1199047\",door=\"v3\",status=\"401\"}";
    private static final String NOT_FOUND =
            "hostclone_http_requests_seconds_count{api=\"-\",code=\"1199019\",door=\"-\",status=\"404\"}";
    private static final String CHANGED = "hostclone_clone_outcomes_total{outcome=\"changed\"}";
    private static final String NOOP = "hostclone_clone_outcomes_total{outcome=\"noop\"}";
    private static final String REJECTED = "hostclone_clone_outcomes_total{outcome=\"rejected\"}";
    private static final String BY_ID = "{\"bk_biz_id\":2,\"bk_org_id\":1,\"bk_dst_id\":3}";

    @Test
    void givenAnyCaller_whenAskingHealthz_thenUpWithoutCredentials() {
        ApiResponse response = client().withoutCredentials().send("GET", "/healthz", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    /** A load balancer's health check may send HEAD; another method on a probe's path is 405, not 404. */
    @Test
    void givenHeadOrAnotherMethodOnTheProbes_whenAsked_thenHeadIsAnsweredWithoutABodyAndTheOtherIs405() {
        ApiResponse head = client().withoutCredentials().send("HEAD", "/healthz", null);
        ApiResponse post = inEnglish().withoutCredentials().send("POST", "/readyz", "{}");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(post.message()).isEqualTo("Method not allowed: POST /readyz");
    }

    /** Vert.x routes a probe's path with a trailing slash to the probe: its 405 names the methods as the path's does. */
    @Test
    void givenAnotherMethodOnAProbesPathWithATrailingSlash_whenAsked_thenThe405NamesTheMethods() {
        ApiResponse post = inEnglish().withoutCredentials().send("POST", "/metrics/", "{}");

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET, HEAD");
    }

    @Test
    void givenReadyStore_whenAskingReadyz_then200WithEveryCheckUp() {
        ApiResponse response = client().withoutCredentials().send("GET", "/readyz", null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.envelope().get("status").asText()).isEqualTo("UP");
        assertThat(response.envelope().at("/checks/store/status").asText()).isEqualTo("UP");
        assertThat(response.envelope().at("/checks/migrations/detail").asText()).isEqualTo("schema at version 3");
    }

    @Test
    void givenStoreNotAnswering_whenAskingReadyz_then503NamingTheFailedCheck() {
        server.readiness.answer(new Readiness(List.of(new Check(Readiness.STORE, false, "no answer within 1000 ms"),
                new Check(Readiness.MIGRATIONS, false, "unknown: the store did not answer"))));

        ApiResponse response = client().send("GET", "/readyz", null);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{"
                + "\"store\":{\"status\":\"DOWN\",\"detail\":\"no answer within 1000 ms\"},"
                + "\"migrations\":{\"status\":\"DOWN\",\"detail\":\"unknown: the store did not answer\"}}}");
    }

    /**
     * Prometheus asks for gzip: the scrape comes compressed, as the same Prometheus text, and one that does not ask
     * gets the text as it is; either says the answer varies with what was accepted.
     */
    @Test
    void givenAScraperAcceptingGzipAndOneNot_whenScraped_thenTheFirstGetsTheTextGzippedAndTheSecondAsItIs() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI metrics = URI.create("http://127.0.0.1:" + server.port() + "/metrics");

        HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(metrics).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(gzipped.statusCode()).isEqualTo(200);
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("accept-encoding");
        String unzipped;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            unzipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(unzipped).contains("# TYPE hostclone_http_connections_open gauge");
        assertThat(gzipped.body().length).as("compressed").isLessThan(unzipped.length() / 4);
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.headers().firstValue("Vary")).hasValue("accept-encoding");
        assertThat(new String(plain.body(), StandardCharsets.UTF_8)).contains("# TYPE hostclone_http_connections_open gauge");
    }

    /** A server that was not ready between two scrapes shows it: each answer is counted by its status. */
    @Test
    void givenReadyzAnsweredUpThenDownTwice_whenScraped_thenEachAnswerIsCountedByItsStatus() {
        Scrape before = Scrape.of(client());

        client().send("GET", "/readyz", null);
        server.readiness.answer(new Readiness(List.of(new Check(Readiness.STORE, false, "no answer within 1000 ms"))));
        client().send("GET", "/readyz", null);
        client().send("HEAD", "/readyz", null);

        Scrape after = Scrape.of(client());
        assertThat(after.value(READY_UP) - before.value(READY_UP)).isEqualTo(1);
        assertThat(after.value(READY_DOWN) - before.value(READY_DOWN)).isEqualTo(2);
    }

    /**
     * The store's own words name the database's host: the log has them, once for as long as they stay the same,
     * and the body, which anyone who can reach the port reads, does not.
     */
    @Test
    void givenStoreFailingWithACauseNamingItsHost_whenProbedTwiceThenReadyAgain_thenTheBodyLeavesTheCauseToOneLogLine() {
        server.readiness.answer(new Readiness(List.of(
                new Check(Readiness.STORE, false, "the store could not answer",
                        Optional.of("Connection refused: db.internal/10.0.0.5:5432")),
                new Check(Readiness.MIGRATIONS, false, "unknown: the store did not answer"))));
        CapturedLog log = CapturedLog.of("dev.hostclone.adapter.http.server.OpsRoutes");
        ApiResponse first;
        ApiResponse second;
        try (log) {
            first = client().withoutCredentials().send("GET", "/readyz", null);
            second = client().withoutCredentials().send("GET", "/readyz", null);
            server.readiness.answer(FakeCheckReadiness.READY);
            client().withoutCredentials().send("GET", "/readyz", null);
        }
        List<ILoggingEvent> events = log.events();

        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body()).isEqualTo(second.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{"
                + "\"store\":{\"status\":\"DOWN\",\"detail\":\"the store could not answer\"},"
                + "\"migrations\":{\"status\":\"DOWN\",\"detail\":\"unknown: the store did not answer\"}}}");
        assertThat(events).extracting(ILoggingEvent::getLevel).containsExactly(Level.WARN, Level.INFO);
        assertThat(events.get(0).getFormattedMessage()).isEqualTo("not ready, /readyz answers 503: store: the store"
                + " could not answer (Connection refused: db.internal/10.0.0.5:5432); migrations: unknown: the store did"
                + " not answer");
        assertThat(events.get(1).getFormattedMessage()).isEqualTo("ready again: every check of /readyz passed");
    }

    /**
     * A fault of the server's in a handler that runs before a request has all been read, here the readiness check's,
     * is answered and logged as the server's: until 2026-12-07 every such fault was taken for a request Netty could
     * not read, and answered 400 / 1199003, unlogged.
     */
    @Test
    void givenAHandlerFaultBeforeTheRequestIsRead_whenAsked_then500With1199998AndOneErrorLine() {
        server.readiness.throwOnCheck(new IllegalStateException("a bug in the readiness check"));
        CapturedLog log = CapturedLog.of("dev.hostclone.adapter.http.server.Envelopes");
        ApiResponse response;
        try (log) {
            response = client().withoutCredentials().withHeader("X-Bkcmdb-Language", "en").send("GET", "/readyz", null);
        } finally {
            server.readiness.reset();
        }
        List<ILoggingEvent> events = log.events();

        assertThat(response.status()).as(response.body()).isEqualTo(500);
        assertThat(response.code()).isEqualTo(1199998);
        assertThat(events).extracting(ILoggingEvent::getLevel).containsExactly(Level.ERROR);
        assertThat(events.get(0).getThrowableProxy().getMessage()).isEqualTo("a bug in the readiness check");
    }

    @Test
    void givenRequestsThroughBothDoors_whenScraped_thenTheRequestTimerCountsThemByApiDoorAndCode() {
        Scrape before = Scrape.of(client());

        client().esb("clone_host_property", BY_ID);
        client().esb("clone_host_property", BY_ID);
        client().as(FakeBackedServer.APP_CODE, "wrong", "admin").v3("clone_host_property", BY_ID);
        Scrape after = Scrape.awaiting(client(), CLONE_UNAUTHENTICATED_V3,
                count -> count == before.value(CLONE_UNAUTHENTICATED_V3) + 1);

        assertThat(after.status()).isEqualTo(200);
        assertThat(after.contentType()).startsWith("text/plain; version=0.0.4");
        assertThat(after.value(CLONE_OK_ESB) - before.value(CLONE_OK_ESB)).isEqualTo(2);
        assertThat(after.value(CLONE_UNAUTHENTICATED_V3) - before.value(CLONE_UNAUTHENTICATED_V3)).isEqualTo(1);
        String buckets = "hostclone_http_requests_seconds_bucket{api=\"clone_host_property\",code=\"0\",door=\"esb\",status=\"200\",le=\"";
        assertThat(after.text()).contains(buckets + "0.001\"}");
        // a clone takes tens of microseconds on memory: the first bucket is under that
        assertThat(after.text().lines().filter(line -> line.startsWith(buckets)).findFirst().orElseThrow())
                .startsWith(buckets + "1.0E-5\"}");
    }

    @Test
    void givenProbesAndScrapes_whenScraped_thenOnlyTheApiRequestIsCounted() {
        double before = requestsCounted(Scrape.of(client()));

        client().send("GET", "/healthz", null);
        client().send("GET", "/readyz", null);
        client().send("GET", "/nowhere", null);
        Scrape after = Scrape.awaiting(client(), NOT_FOUND, count -> count > 0);

        assertThat(after.value(NOT_FOUND)).isPositive();
        assertThat(requestsCounted(after) - before).isEqualTo(1);
    }

    /**
     * The requests answered before the router's first handler (a request line over the limit, a path that does
     * not decode) were in the access log and not in the request meters: each is counted once, as any other.
     */
    @Test
    void givenRequestsTheCodecOrTheRouterRefusesBeforeAnyHandler_whenScraped_thenEachIsCountedOnce() {
        // one code, two statuses: the status tells them apart (until 2026-12-07 only the access log did)
        String tooLong = "hostclone_http_requests_seconds_count{api=\"-\",code=\"1199003\",door=\"-\",status=\"414\"}";
        String unreadable = "hostclone_http_requests_seconds_count{api=\"-\",code=\"1199003\",door=\"-\",status=\"400\"}";
        Scrape before = Scrape.of(client());

        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("GET /api/v3/biz/search/0?" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(connection.readResponse().status()).isEqualTo(414);
        }
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("GET /api/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(connection.readResponse().status()).isEqualTo(400);
        }

        Scrape after = Scrape.awaiting(client(), unreadable, count -> count >= before.value(unreadable) + 1);
        assertThat(after.value(tooLong) - before.value(tooLong)).isEqualTo(1);
        assertThat(after.value(unreadable) - before.value(unreadable)).isEqualTo(1);
    }

    private static double requestsCounted(Scrape scrape) {
        return scrape.text().lines().filter(line -> line.startsWith("hostclone_http_requests_seconds_count{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Each outcome a different number of times, so that no two counters swapped would read the same. */
    @Test
    void givenClonesEndingEachWay_whenScraped_thenEachOutcomeIsCounted() {
        Scrape before = Scrape.of(client());

        server.cloneHostProperty.succeedWith(new CloneOutcome.Cloned(HostId.of(1), HostId.of(3), List.of(), 7));
        client().v3("clone_host_property", BY_ID);
        client().v3("clone_host_property", BY_ID);
        server.cloneHostProperty.succeedWith(new CloneOutcome.NothingWritten(CloneOutcome.Reason.ALREADY_EQUAL));
        client().v3("clone_host_property", BY_ID);
        server.cloneHostProperty.rejectWith(new Failure.HostNotFound(3));
        client().v3("clone_host_property", BY_ID);
        client().v3("clone_host_property", BY_ID);
        server.cloneHostProperty.rejectWith(new Failure.HostNotInBusiness(3, 2));
        client().v3("clone_host_property", BY_ID);
        server.cloneHostProperty.failWith(new IllegalStateException("store down"));
        client().v3("clone_host_property", BY_ID);
        server.cloneHostProperty.rejectWith(new Failure.WriteConflict(12));
        client().v3("clone_host_property", BY_ID);
        Scrape after = Scrape.of(client());

        assertThat(after.value(CHANGED) - before.value(CHANGED)).isEqualTo(2);
        assertThat(after.value(NOOP) - before.value(NOOP)).isEqualTo(1);
        assertThat(after.value(REJECTED) - before.value(REJECTED))
                .as("two hosts not found and one not in the business; neither the technical failure nor a write that met"
                        + " other writers twelve times is a business no").isEqualTo(3);
    }

    /**
     * A clone refused before its use case was called (its body unreadable, a field of the wrong JSON type, its
     * parameters against API.md §4's checks, its credentials) came to no outcome: it is in the request meter by
     * its code alone. A field of the wrong type and a refused parameter were {@code rejected}, and unreadable
     * JSON, with the same code as the first, was not.
     */
    @Test
    void givenClonesRefusedBeforeTheirUseCase_whenScraped_thenNoOutcomeIsCountedAndEachRequestIsByItsCode() {
        String invalidJson = "hostclone_http_requests_seconds_count{api=\"clone_host_property\",code=\"1199000\",door=\"v3\",status=\"200\"}";
        Scrape before = Scrape.of(client());

        ApiResponse unreadable = client().send("PUT", "/api/v3/hosts/property/clone", "{\"bk_biz_id\":2,", V3_AUTHORIZATION);
        ApiResponse wrongType = client().v3("clone_host_property", "{\"bk_biz_id\":\"x\",\"bk_org_id\":1,\"bk_dst_id\":3}");
        ApiResponse missingDestination = client().v3("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":1}");
        ApiResponse mixed = client().v3("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":1,\"bk_dst_ip\":\"10.0.0.3\"}");
        ApiResponse unauthenticated = client().as(FakeBackedServer.APP_CODE, "wrong", "admin").v3("clone_host_property", BY_ID);
        Scrape after = Scrape.awaiting(client(), CLONE_UNAUTHENTICATED_V3,
                count -> count == before.value(CLONE_UNAUTHENTICATED_V3) + 1);

        assertThat(List.of(unreadable.code(), wrongType.code())).containsOnly(1199000L);
        assertThat(List.of(missingDestination.code(), mixed.code(), unauthenticated.code())).doesNotContain(0L, 1199000L);
        assertThat(server.cloneHostProperty.calls()).isEmpty();
        for (String outcome : List.of(CHANGED, NOOP, REJECTED)) {
            assertThat(after.value(outcome)).as(outcome).isEqualTo(before.value(outcome));
        }
        assertThat(after.value(invalidJson) - before.value(invalidJson)).isEqualTo(2);
        for (ApiResponse refused : List.of(missingDestination, mixed)) {
            String series = "hostclone_http_requests_seconds_count{api=\"clone_host_property\",code=\"" + refused.code()
                    + "\",door=\"v3\",status=\"200\"}";
            assertThat(after.value(series) - before.value(series)).as(series).isPositive();
        }
    }
}
