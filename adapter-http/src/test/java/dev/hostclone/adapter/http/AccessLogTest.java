package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.query.Page;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AccessLogTest extends ServerTest {

    private CapturedLog lines;

    @BeforeEach
    void captureAccessLog() {
        lines = CapturedLog.of("dev.hostclone.adapter.http.access");
    }

    @AfterEach
    void stopCapturing() {
        lines.close();
    }

    @Test
    void givenServedRequest_whenAnswered_thenOneInfoLineNamesIdApiDoorCallerCodeStatusAndDuration() {
        client().withHeader("X-Request-ID", "rid-log-1").esb("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":1,\"bk_dst_id\":3}");

        ILoggingEvent line = awaitOneLine();
        assertThat(line.getLevel()).isEqualTo(Level.INFO);
        assertThat(line.getFormattedMessage()).matches("rid=rid-log-1 api=clone_host_property door=esb app=cmdb-caller"
                + " user=admin code=0 status=200 ms=\\d+\\.\\d{3}");
    }

    /** A HEAD is its GET without the body: the same line. */
    @Test
    void givenAHeadOnAGetApi_whenAnswered_thenTheLineIsTheGets() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("HEAD /api/v3/hosts/0/11 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Request-ID: rid-log-head\r\n"
                    + "X-Bkapi-Authorization: " + V3_AUTHORIZATION.get("X-Bkapi-Authorization") + "\r\n\r\n");
            connection.readResponseHead();
        }

        assertThat(awaitOneLine().getFormattedMessage()).matches("rid=rid-log-head api=get_host_base_info door=v3"
                + " app=cmdb-caller user=admin code=0 status=200 ms=\\d+\\.\\d{3}");
    }

    @Test
    void givenRefusedCredentials_whenAnswered_thenTheLineHasThe401AndNeverTheSecret() {
        ApiResponse response = client().as(FakeBackedServer.APP_CODE, "wrong-secret-value", "admin")
                .v3("clone_host_property", "{}");

        ILoggingEvent line = awaitOneLine();
        assertThat(response.status()).isEqualTo(401);
        assertThat(line.getFormattedMessage()).contains("api=clone_host_property", "door=v3", "app=cmdb-caller",
                "user=-", "code=1199047", "status=401").doesNotContain("wrong-secret-value", FakeBackedServer.APP_SECRET);
    }

    /** App and user are the caller's own text, the app's before it is proven: a line break in either must not forge a line. */
    @Test
    void givenLineBreaksInTheClaimedApp_whenRefused_thenTheLineStaysOneLineWithThemEscaped() {
        client().as(FakeBackedServer.APP_CODE + "\nrid=forged api=x", "wrong-secret-value", "admin")
                .v3("clone_host_property", "{}");

        assertThat(awaitOneLine().getFormattedMessage()).doesNotContain("\n")
                .contains("app=" + FakeBackedServer.APP_CODE + "\\u000arid\\u003dforged\\u0020api\\u003dx user=-", "code=1199047");
    }

    /**
     * A key=value parser reads a {@code "} as the start of a quoted value: one in the request id or the claimed app
     * took the next fields into it. Both are escaped in the line; the answer echoes the id as it came.
     */
    @Test
    void givenQuotesInTheRequestIdAndTheClaimedApp_whenRefused_thenTheLineEscapesThemAndTheAnswerEchoesTheId() {
        ApiResponse response = client().withHeader("X-Request-ID", "Root=id\"with\\quote")
                .as("a\"pp", "wrong-secret-value", "admin").v3("clone_host_property", "{}");

        assertThat(response.requestId()).isEqualTo("Root=id\"with\\quote");
        assertThat(response.header("X-Request-ID")).isEqualTo("Root=id\"with\\quote");
        // the id's other characters as they came: it is found by what its caller sent
        assertThat(awaitOneLine().getFormattedMessage())
                .startsWith("rid=Root=id\\u0022with\\u005cquote api=clone_host_property door=v3 app=a\\u0022pp user=-")
                .doesNotContain("\"");
    }

    /** Spaces and {@code =} would let a claimed name add fields, which a reader or a parser takes for the request's own. */
    @Test
    void givenFieldsInTheClaimedApp_whenRefused_thenEachFieldOfTheLineAppearsOnceAndTheAppsTextIsEscaped() {
        client().as("x user=admin code=0 status=200 ms=1", "wrong-secret-value", "admin").v3("clone_host_property", "{}");

        String line = awaitOneLine().getFormattedMessage();
        assertThat(line.split(" ")).extracting(field -> field.substring(0, field.indexOf('=')))
                .containsExactly("rid", "api", "door", "app", "user", "code", "status", "ms");
        assertThat(line).contains(" app=x\\u0020user\\u003dadmin\\u0020code\\u003d0\\u0020status\\u003d200\\u0020ms\\u003d1 user=- code=1199047 status=401 ");
    }

    /**
     * Vert.x reports 200 for an answer never written; the line must not say one was sent. No handler of the
     * API ran, and the line names the API its path is for.
     */
    @Test
    void givenAClientLeavingMidBody_whenTheConnectionCloses_thenTheLineSaysNoCodeAndNoStatus() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("POST /api/c/compapi/v2/cc/clone_host_property/ HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Request-ID: rid-log-left\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"bk_biz");
        }

        assertThat(awaitOneLine().getFormattedMessage()).matches("rid=rid-log-left api=clone_host_property door=esb"
                + " app=- user=- code=- status=- ms=\\d+\\.\\d{3}");
    }

    /**
     * A head cut before its blank line is a request the codec cannot read, whose 400 goes to a connection already
     * gone: it was logged and counted as answered 400, where nothing was. Closed with a FIN, then with a reset.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void givenAClientLeavingMidHeaders_whenTheConnectionCloses_thenTheLineAndTheMeterSayNoCodeAndNoStatus(boolean reset) {
        String unanswered = "hostclone_http_requests_seconds_count{api=\"-\",code=\"-\",door=\"-\",status=\"-\"}";
        String answered = "hostclone_http_requests_seconds_count{api=\"-\",code=\"1199003\",door=\"-\",status=\"400\"}";
        Scrape before = Scrape.of(client());

        RawConnection connection = RawConnection.open(server);
        connection.send("GET /api/v3/hosts/0/11 HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: rid-log-cut-head\r\nX-Pad");
        if (reset) {
            connection.reset();
        } else {
            connection.close();
        }

        assertThat(awaitOneLine().getFormattedMessage()).matches("rid=\\w+ api=- door=- app=- user=- code=- status=- ms=\\d+\\.\\d{3}");
        Scrape after = Scrape.awaiting(client(), unanswered, count -> count > before.value(unanswered));
        assertThat(after.value(unanswered) - before.value(unanswered)).isEqualTo(1);
        assertThat(after.value(answered)).isEqualTo(before.value(answered));
    }

    /**
     * Vert.x calls a response ended once its answer is handed to the connection, before it is written; a client
     * that leaves without reading it fails the write, and the line and the meters said it answered 0 / 200 all the
     * same. The answer here, 10 MiB, is larger than the connection's buffers (the client's receive buffer is 4 KiB,
     * Linux's largest send buffer by default 4 MiB), so that its write is still under way, whatever the machine's
     * speed, when the client, having seen it begin to arrive, resets the connection.
     */
    @Test
    void givenAClientLeavingWithoutReadingTheAnswer_whenItsWriteFails_thenTheLineAndTheMeterSayNoCodeAndNoStatus() {
        String unanswered = "hostclone_http_requests_seconds_count{api=\"search_business\",code=\"-\",door=\"esb\",status=\"-\"}";
        String answered = "hostclone_http_requests_seconds_count{api=\"search_business\",code=\"0\",door=\"esb\",status=\"200\"}";
        String name = "x".repeat(256 * 1024);
        List<Business> businesses = IntStream.rangeClosed(1, 40)
                .mapToObj(id -> new Business(BusinessId.of(id), Map.of(Business.NAME, name))).toList();
        server.searchBusiness.succeedWith(new Page<>(businesses.size(), businesses));
        Scrape before = Scrape.of(client());
        String body = "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\""
                + FakeBackedServer.APP_SECRET + "\",\"bk_username\":\"" + FakeBackedServer.USER + "\"}";

        try (RawConnection connection = RawConnection.openReceivingAtMost(server.port(), 4096)) {
            connection.send("POST /api/c/compapi/v2/cc/search_business/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Request-ID: rid-log-unread\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body);
            await().atMost(Duration.ofSeconds(5)).until(() -> connection.unreadBytes() > 0);
            connection.reset();
        }

        assertThat(awaitOneLine().getFormattedMessage()).matches("rid=rid-log-unread api=search_business door=esb"
                + " app=cmdb-caller user=admin code=- status=- ms=\\d+\\.\\d{3}");
        Scrape after = Scrape.awaiting(client(), unanswered, count -> count > before.value(unanswered));
        assertThat(after.value(unanswered) - before.value(unanswered)).isEqualTo(1);
        assertThat(after.value(answered)).isEqualTo(before.value(answered));
    }

    /**
     * The body reader refuses a body over the limit before any API's handler runs; the line and the meters
     * name the API by its method and path, on both doors, the ESB path without its slash and a v3 path with a
     * parameter among them. A path of no API stays unnamed, and so does an API's path with another method.
     */
    @ParameterizedTest
    @CsvSource({
            "POST, /api/c/compapi/v2/cc/create_business/, create_business, esb",
            "POST, /api/c/compapi/v2/cc/create_business, create_business, esb",
            "POST, /api/v3/biz/0, create_business, v3",
            "PUT, /api/v3/hosts/property/clone, clone_host_property, v3",
            "POST, /api/v3/biz/search/0/, search_business, v3",
            "POST, /api/c/compapi/v2/cc//search_business/, search_business, esb",
            "POST, /api/v3/biz/0/more, -, -",
            "POST, /api/v3/hosts/property/clone, -, -"})
    void givenABodyOverTheLimit_whenRefused_thenTheLineNamesTheApiItsPathIsFor(String method, String path, String api,
                                                                               String door) {
        try (FakeBackedServer small = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withBodyLimitBytes(64))) {
            ApiResponse response = small.client().withHeader("X-Request-ID", "rid-log-large")
                    .send(method, path, "{\"pad\":\"" + "x".repeat(100) + "\"}");

            assertThat(response.status()).isIn(413, 404, 405);
            assertThat(awaitOneLine().getFormattedMessage()).startsWith("rid=rid-log-large api=" + api + " door=" + door
                    + " app=- user=- code=" + response.code() + " status=" + response.status() + " ");
        }
    }

    /**
     * get_host_base_info's {@code /api/v3/hosts/{bk_supplier_account}/{bk_host_id}} matches these literal paths
     * of other APIs too, under GET and HEAD; the router answers such a request 405, and the line and the
     * meters must not put it down to get_host_base_info, as they did.
     */
    @ParameterizedTest
    @CsvSource({
            "GET, /api/v3/hosts/property/clone", "HEAD, /api/v3/hosts/property/clone",
            "GET, /api/v3/hosts/property/batch", "HEAD, /api/v3/hosts/property/batch",
            "GET, /api/v3/hosts/add/business_idle", "HEAD, /api/v3/hosts/add/business_idle",
            "GET, /api/v3/hosts/property/clone/"})
    void givenAnotherMethodOnAnApisLiteralPathThatAPathWithParametersMatches_whenRefused_thenNeitherLineNorMeterNameAnApi(
            String method, String path) {
        String unnamed = "hostclone_http_requests_seconds_count{api=\"-\",code=\"1199003\",door=\"-\",status=\"405\"}";
        String hostBaseInfo = "hostclone_http_requests_seconds_count{api=\"get_host_base_info\",code=\"1199003\",door=\"v3\",status=\"405\"}";
        Scrape before = Scrape.of(client());

        ApiResponse response = client().withHeader("X-Request-ID", "rid-log-405").send(method, path, null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(awaitOneLine().getFormattedMessage())
                .startsWith("rid=rid-log-405 api=- door=- app=- user=- code=1199003 status=405 ");
        Scrape after = Scrape.awaiting(client(), unnamed, count -> count > before.value(unnamed));
        assertThat(after.value(unnamed) - before.value(unnamed)).isEqualTo(1);
        assertThat(after.value(hostBaseInfo)).isEqualTo(before.value(hostBaseInfo));
    }

    /** Netty refuses a malformed chunk, answered 400 before the connection closes: a client's doing, logged as no fault. */
    @Test
    void givenAMalformedChunk_whenRefused_thenNoErrorIsLoggedAndTheLineSaysWhatWasAnswered() {
        CapturedLog errors = CapturedLog.root();
        try (errors; RawConnection connection = RawConnection.open(server)) {
            connection.send("POST /api/c/compapi/v2/cc/clone_host_property/ HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Request-ID: rid-log-bad-chunk\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");
            assertThat(connection.readUntilClosed()).startsWith("HTTP/1.1 400 ");

            assertThat(awaitOneLine().getFormattedMessage()).contains("rid=rid-log-bad-chunk", "code=1199003 status=400");
        }
        assertThat(errors.events()).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN)).isEmpty();
    }

    @Test
    void givenControlCharactersInTheUser_whenServed_thenTheLineStaysOneLineWithThemEscaped() {
        client().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "admin\r\n\u0085\u2028\tend")
                .esb("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":1,\"bk_dst_id\":3}");

        assertThat(awaitOneLine().getFormattedMessage())
                .contains(" user=admin\\u000d\\u000a\\u0085\\u2028\\u0009end code=0 ");
    }

    /**
     * Invisible characters a terminal or a log viewer acts on: a bidi override reversed the rest of the line as
     * it is read ({@code code=0} shown as {@code 0=edoc}), a zero-width character or a byte-order mark hid a
     * difference between two names, a space of another width looked like the one between fields.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "right-to-left override, '\u202e', \\u202e",
            "first strong isolate, '\u2068', \\u2068",
            "zero-width space, '\u200b', \\u200b",
            "zero-width joiner, '\u200d', \\u200d",
            "byte-order mark, '\ufeff', \\ufeff",
            "soft hyphen, '\u00ad', \\u00ad",
            "no-break space, '\u00a0', \\u00a0",
            "ideographic space, '\u3000', \\u3000",
            "tag beyond the BMP, '\udb40\udc41', \\udb40\\udc41"})
    void givenAnInvisibleCharacterInTheUser_whenServed_thenTheLineHasItEscaped(String what, String character,
                                                                              String escape) {
        client().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "adm" + character + "nimda")
                .esb("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":1,\"bk_dst_id\":3}");

        assertThat(awaitOneLine().getFormattedMessage()).doesNotContain(character)
                .contains(" user=adm" + escape + "nimda code=0 ");
    }

    /**
     * Unicode's default-ignorable code points that are not format characters: a renderer shows nothing for them,
     * so a name of Hangul fillers read as empty and one with a variation selector or a grapheme joiner as another
     * name. They went in raw until 2026-12-06. Each range's ends, and a letter of none of them beside a filler.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "combining grapheme joiner, '\u034f', \\u034f",
            "Hangul choseong filler, '\u115f', \\u115f",
            "Hangul jungseong filler, '\u1160', \\u1160",
            "Khmer vowel inherent aq, '\u17b4', \\u17b4",
            "Khmer vowel inherent aa, '\u17b5', \\u17b5",
            "Mongolian free variation selector one, '\u180b', \\u180b",
            "Mongolian free variation selector three, '\u180d', \\u180d",
            "Mongolian free variation selector four, '\u180f', \\u180f",
            "unassigned U+2065, '\u2065', \\u2065",
            "Hangul filler, '\u3164', \\u3164",
            "variation selector one, '\ufe00', \\ufe00",
            "variation selector sixteen, '\ufe0f', \\ufe0f",
            "halfwidth Hangul filler, '\uffa0', \\uffa0",
            "unassigned U+FFF0, '\ufff0', \\ufff0",
            "unassigned U+FFF8, '\ufff8', \\ufff8",
            "unassigned U+E0000, '\udb40\udc00', \\udb40\\udc00",
            "unassigned U+E0002, '\udb40\udc02', \\udb40\\udc02",
            "unassigned U+E0080, '\udb40\udc80', \\udb40\\udc80",
            "variation selector seventeen, '\udb40\udd00', \\udb40\\udd00",
            "variation selector 256, '\udb40\uddef', \\udb40\\uddef",
            "unassigned U+E0FFF, '\udb43\udfff', \\udb43\\udfff"})
    void givenADefaultIgnorableCharacterInTheUser_whenServed_thenTheLineHasItEscaped(String what, String character,
                                                                                    String escape) {
        givenAnInvisibleCharacterInTheUser_whenServed_thenTheLineHasItEscaped(what, character, escape);
    }

    /** The rule escapes what Unicode calls ignorable, not the letters beside it: a Hangul vowel, a halfwidth one. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "Hangul jungseong a, '\u1161'",
            "Hangul letter ssangnieun, '\u3165'",
            "halfwidth Hangul kiyeok, '\uffa1'",
            "Khmer vowel sign aa, '\u17b6'"})
    void givenALetterBesideTheIgnorableOnesInTheUser_whenServed_thenTheLineHasItAsItIs(String what, String character) {
        client().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "adm" + character + "nimda")
                .esb("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":1,\"bk_dst_id\":3}");

        assertThat(awaitOneLine().getFormattedMessage()).contains(" user=adm" + character + "nimda code=0 ");
    }

    /** Cut by UTF-16 units, a long name ended in half an emoji, which the log's UTF-8 encoder wrote as '?'. */
    @Test
    void givenALongUserOfEmoji_whenServed_thenTheLineCutsItAfterWholeCharacters() {
        String emoji = "\ud83d\ude00";
        client().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "a" + emoji.repeat(70))
                .esb("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":1,\"bk_dst_id\":3}");

        assertThat(awaitOneLine().getFormattedMessage()).contains(" user=a" + emoji.repeat(63) + "... code=");
    }

    @Test
    void givenUnknownPath_whenAnswered_thenTheLineStillAppears() {
        client().send("GET", "/nowhere", null);

        assertThat(awaitOneLine().getFormattedMessage()).contains("api=-", "code=1199019", "status=404");
    }

    /** Refused by the router before any route ran, so before the handler that logs: it gets its line all the same. */
    @Test
    void givenPathTheRouterCannotDecode_whenAnswered_thenTheLineStillAppears() {
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("GET /api/%zz HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: rid-log-undecodable\r\n\r\n");
            assertThat(connection.readResponse().status()).isEqualTo(400);
        }

        assertThat(awaitOneLine().getFormattedMessage()).matches("rid=rid-log-undecodable api=- door=- app=- user=-"
                + " code=1199003 status=400 ms=\\d+\\.\\d{3}");
    }

    @Test
    void givenProbesAndAScrape_whenAnswered_thenOnlyTheApiRequestIsLogged() {
        client().send("GET", "/healthz", null);
        client().send("GET", "/readyz", null);
        client().send("GET", "/metrics", null);
        client().send("GET", "/nowhere", null);

        assertThat(awaitOneLine().getFormattedMessage()).contains("code=1199019");
    }

    private ILoggingEvent awaitOneLine() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !lines.events().isEmpty());
        List<ILoggingEvent> events = lines.events();
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
