package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.domain.access.Actor;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationTest extends ServerTest {

    private static final String CLONE_BY_ID = "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}";
    private static final String ESB_CLONE = "/api/c/compapi/v2/cc/clone_host_property/";

    private ApiClient anonymous() {
        return ApiClient.of(server.server()).withHeader("X-Bkcmdb-Language", "en");
    }

    /**
     * The header's JSON is UTF-8, and a name sent raw in it (not escaped) was read a byte a character: the use
     * case got mojibake where the ESB door's body gave the name, and it matched no administrator.
     */
    @Test
    void givenAUserNameRawInUtf8InTheV3Header_whenCalled_thenTheUseCaseGetsTheName() {
        String authorization = "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\""
                + FakeBackedServer.APP_SECRET + "\",\"bk_username\":\"张三\"}";
        try (RawConnection connection = RawConnection.open(server)) {
            connection.send("PUT /api/v3/hosts/property/clone HTTP/1.1\r\nHost: localhost\r\nX-Bkapi-Authorization: "
                    + authorization + "\r\nContent-Type: application/json\r\nContent-Length: " + CLONE_BY_ID.length()
                    + "\r\n\r\n" + CLONE_BY_ID);

            assertThat(connection.readResponse().status()).isEqualTo(200);
        }

        assertThat(server.cloneHostProperty.onlyCall().actor().user()).isEqualTo("张三");
    }

    @Test
    void givenEsbBodyWithoutAppCode_whenCalled_then401SayingAppCodeIsMissing() {
        ApiResponse response = anonymous().withCommon("bk_username", "admin").esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.result()).isFalse();
        assertThat(response.message()).isEqualTo("Do not have access permission. bk_app_code is missing.");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenEsbBodyWithoutSecret_whenCalled_then401SayingSecretIsMissing() {
        ApiResponse response = anonymous().withCommon("bk_app_code", FakeBackedServer.APP_CODE)
                .withCommon("bk_username", "admin").esb("clone_host_property", CLONE_BY_ID);

        assertUnauthorized(response, "Do not have access permission. bk_app_secret is missing.");
    }

    @Test
    void givenWrongSecret_whenCalled_then401WithoutSayingWhichOfCodeOrSecretIsWrong() {
        ApiResponse response = anonymous().as(FakeBackedServer.APP_CODE, "not-the-secret", "admin")
                .esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.message()).isEqualTo("Do not have access permission. bk_app_code or bk_app_secret is wrong.");
        assertThat(response.body()).doesNotContain("not-the-secret");
        assertThat(server.cloneHostProperty.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenANulInTheEsbBodysSecret_whenCalled_then401WithoutEchoingTheSecret() {
        ApiResponse response = anonymous().as(FakeBackedServer.APP_CODE, "s3cr\u0000et-" + FakeBackedServer.APP_SECRET, "admin")
                .esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.message()).isEqualTo("Do not have access permission. bk_app_secret holds a NUL character.");
        assertThat(response.body()).doesNotContain("s3cr");
        assertThat(server.apps.askedAbout()).isEmpty();
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenTheStoreTooBusyToCheckTheSecret_whenCalled_then429With1199997RetryAfterAndNoUseCaseCall() {
        server.apps.answerBusy();

        ApiResponse response = anonymous().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "admin")
                .v3("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).isEqualTo(1199997);
        assertThat(response.message()).isEqualTo("too many requests: too many app secrets wait to be checked, retry in a second");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    @Test
    void givenUnknownApp_whenCalled_then401() {
        ApiResponse response = anonymous().as("stranger", "whatever", "admin").esb("clone_host_property", CLONE_BY_ID);

        assertUnauthorized(response, "Do not have access permission. bk_app_code or bk_app_secret is wrong.");
    }

    @Test
    void givenValidAppWithoutUser_whenCalled_then401SayingUsernameIsMissing() {
        ApiResponse response = anonymous().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, null)
                .esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.message()).isEqualTo("Do not have access permission. bk_username is missing.");
        assertThat(server.cloneHostProperty.calls()).as("the use case never called").isEmpty();
    }

    /**
     * A name longer than anybody's is refused before the use case, on either door: PostgreSQL's audit index cannot
     * hold a name of about 2.7 kB, and until 2026-12-06 such a caller got a 500 there where memory served it.
     */
    @Test
    void givenAUserOf257Characters_whenCalled_then401SayingItIsTooLong() {
        // counted in characters: 257 beyond the Basic Multilingual Plane in the ESB body; the v3 header's client sends ASCII
        for (ApiResponse response : List.of(
                anonymous().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "\ud840\udc00".repeat(257))
                        .esb("clone_host_property", CLONE_BY_ID),
                anonymous().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "a".repeat(257))
                        .v3("clone_host_property", CLONE_BY_ID))) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.code()).isEqualTo(1199047);
            assertThat(response.message()).isEqualTo("Do not have access permission. bk_username is longer than 256 characters.");
        }
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * As in every text of a body: the name is stored with each write, and PostgreSQL's client wrote a lone
     * surrogate as {@code ?} where memory kept it (until 2026-12-06).
     */
    @Test
    void givenAUserHoldingALoneSurrogate_whenCalled_thenItIsReplacedOnEitherDoor() {
        String body = "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\""
                + FakeBackedServer.APP_SECRET + "\",\"bk_username\":\"adm\\ud800in\",\"bk_biz_id\":2,\"bk_org_id\":10,"
                + "\"bk_dst_id\":11}";
        String header = "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\""
                + FakeBackedServer.APP_SECRET + "\",\"bk_username\":\"adm\\udc00in\"}";

        assertThat(anonymous().send("POST", ESB_CLONE, body).code()).isZero();
        assertThat(anonymous().send("PUT", "/api/v3/hosts/property/clone", CLONE_BY_ID,
                Map.of("X-Bkapi-Authorization", header)).code()).isZero();

        assertThat(server.cloneHostProperty.calls()).extracting(call -> call.actor().user())
                .containsExactly("adm\uFFFDin", "adm\uFFFDin");
    }

    @Test
    void givenAUserOf256CharactersBeyondTheBasicPlane_whenCalled_thenServedAsThatUser() {
        String name = "\ud840\udc00".repeat(256);

        ApiResponse response = anonymous().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, name)
                .esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.code()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().actor().user()).isEqualTo(name);
    }

    @Test
    void givenOnlyBkToken_whenCalled_then401TellingToSendBkUsername() {
        ApiResponse response = anonymous().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, null)
                .withCommon("bk_token", "login-token").esb("clone_host_property", CLONE_BY_ID);

        assertUnauthorized(response,
                "Do not have access permission. bk_token cannot be verified by this server; send bk_username instead.");
    }

    @Test
    void givenOnlyBkTokenInChinese_whenCalled_thenChineseMessageNamesBkUsername() {
        ApiResponse response = ApiClient.of(server.server()).as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, null)
                .withCommon("bk_token", "login-token").esb("clone_host_property", CLONE_BY_ID);

        assertUnauthorized(response, "无访问权限: 本服务无法校验 bk_token, 请改用 bk_username");
    }

    @Test
    void givenValidCredentials_whenCalled_thenTheActorCarriesAppUserAndRequestId() {
        ApiResponse response = client().withHeader("X-Request-ID", "rid-7").esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.code()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().actor())
                .isEqualTo(new Actor(FakeBackedServer.APP_CODE, FakeBackedServer.USER, "rid-7"));
        assertThat(server.apps.askedAbout()).containsExactly(FakeBackedServer.APP_CODE);
    }

    @Test
    void givenV3WithoutAuthorizationHeader_whenCalled_then401() {
        ApiResponse response = anonymous().v3("clone_host_property", CLONE_BY_ID);

        assertUnauthorized(response, "Do not have access permission. bk_app_code is missing.");
    }

    @Test
    void givenV3WithCredentialsInTheBodyOnly_whenCalled_then401() {
        ApiResponse response = anonymous().send("PUT", "/api/v3/hosts/property/clone",
                "{\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\",\"bk_username\":\"admin\","
                        + "\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertUnauthorized(response, "Do not have access permission. bk_app_code is missing.");
    }

    @Test
    void givenV3AuthorizationHeaderThatIsNotJson_whenCalled_then401SayingSo() {
        ApiResponse response = anonymous().send("PUT", "/api/v3/hosts/property/clone", CLONE_BY_ID,
                Map.of("X-Bkapi-Authorization", "app=cmdb-caller"));

        assertUnauthorized(response, "Do not have access permission. X-Bkapi-Authorization must be a JSON object of strings.");
    }

    @Test
    void givenV3AuthorizationHeaderWithNonStringValue_whenCalled_then401() {
        ApiResponse response = anonymous().send("PUT", "/api/v3/hosts/property/clone", CLONE_BY_ID,
                Map.of("X-Bkapi-Authorization", "{\"bk_app_code\":1,\"bk_app_secret\":\"x\",\"bk_username\":\"admin\"}"));

        assertUnauthorized(response, "Do not have access permission. X-Bkapi-Authorization must be a JSON object of strings.");
    }

    @Test
    void givenV3HeaderWithoutUser_whenCalled_then401SayingUsernameIsMissing() {
        ApiResponse response = anonymous().send("PUT", "/api/v3/hosts/property/clone", CLONE_BY_ID,
                Map.of("X-Bkapi-Authorization", "{\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\"}"));

        assertUnauthorized(response, "Do not have access permission. bk_username is missing.");
    }

    @Test
    void givenValidV3Header_whenCalled_thenServed() {
        ApiResponse response = client().v3("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(200);
        assertThat(server.cloneHostProperty.onlyCall().actor().user()).isEqualTo(FakeBackedServer.USER);
    }

    /**
     * The v3 door reads its credentials from the header alone: those in its body are dropped unread, and never
     * quoted. Until 2026-12-07 a NUL in one was refused as a NUL in any text is, 1199006 quoting it, a secret
     * included, into answers that proxies and clients log.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bk_app_secret", "bk_token", "bk_app_code", "bk_username", "bk_supplier_account"})
    void givenANulInACommonParameterOfAV3Body_whenCalled_thenItIsDroppedUnreadAndNeverQuoted(String name) {
        String body = "{\"" + name + "\":\"s3cr\\u0000et\",\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}";

        ApiResponse response = client().withHeader("X-Bkcmdb-Language", "en").v3("clone_host_property", body);

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(response.body()).doesNotContain("s3cr");
        assertThat(server.cloneHostProperty.onlyCall().actor().user()).isEqualTo(FakeBackedServer.USER);
    }

    @Test
    void givenEsbCredentialOfWrongJsonType_whenCalled_then1199000NamingIt() {
        ApiResponse response = anonymous().send("POST", ESB_CLONE,
                "{\"bk_app_code\":123,\"bk_app_secret\":\"x\",\"bk_username\":\"admin\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'bk_app_code' must be a string");
    }

    @Test
    void givenMalformedBodyWithoutCredentials_whenCalled_then1199000BeforeCredentials() {
        ApiResponse response = anonymous().send("POST", ESB_CLONE, "{not json");

        assertRefused(response, 1199000, "Deserializing JSON data failed: the body is not valid JSON (line 1, column 2)");
        assertThat(server.apps.askedAbout()).isEmpty();
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /** BlueKing's gateway checks the v3 door's header before its backend reads the body: 401, whatever the body. */
    @Test
    void givenV3WithoutCredentialsAndAMalformedOrCodedBody_whenCalled_then401BeforeTheBodyIsRead() {
        ApiResponse malformed = anonymous().send("PUT", "/api/v3/hosts/property/clone", "{not json");
        ApiResponse coded = anonymous().send("PUT", "/api/v3/hosts/property/clone", CLONE_BY_ID,
                Map.of("Content-Encoding", "gzip"));

        for (ApiResponse response : List.of(malformed, coded)) {
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.code()).isEqualTo(1199047);
            assertThat(response.message()).isEqualTo("Do not have access permission. bk_app_code is missing.");
        }
        assertThat(server.apps.askedAbout()).isEmpty();
    }

    /** A NUL in the body's texts is a refusal of what the caller sent, heard once the caller is known. */
    @Test
    void givenAWrongSecretAndANulInTheBody_whenCalled_then401NotTheNulsRefusal() {
        ApiResponse response = anonymous().as(FakeBackedServer.APP_CODE, "not-the-secret", "admin")
                .esb("clone_host_property", "{\"bk_biz_id\":2,\"bk_org_id\":1,\"bk_dst_id\":3,\"bk_comment\":\"a\\u0000\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    /**
     * An ESB body is read through for its credentials, and its tree, many times its bytes, is built for an
     * authenticated caller alone: one refused costs the bytes it sent, which the body budget bounds. What the event
     * loops allocate while they answer is measured, not time: a megabyte of empty objects makes a tree of some 35 MB.
     * The same body from the known caller shows the measure sees a tree.
     */
    @Test
    void givenAnEsbBodyOfEmptyObjectsAndAWrongSecret_whenRefused_thenItsTreeWasNeverBuilt() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled(),
                "this JVM measures no thread's allocations");
        String wrongSecret = emptyObjects("not-the-secret");
        String rightSecret = emptyObjects(FakeBackedServer.APP_SECRET);
        anonymous().send("POST", ESB_CLONE, wrongSecret); // the path's classes loaded, its buffers grown

        Map<Long, Long> before = eventLoopsAllocatedBytes(threads);
        ApiResponse refused = anonymous().send("POST", ESB_CLONE, wrongSecret);
        Map<Long, Long> between = eventLoopsAllocatedBytes(threads);
        assertUnauthorized(refused, "Do not have access permission. bk_app_code or bk_app_secret is wrong.");
        ApiResponse served = anonymous().send("POST", ESB_CLONE, rightSecret);
        long whileServed = allocatedSince(between, eventLoopsAllocatedBytes(threads));
        long whileRefused = allocatedSince(before, between);

        assertThat(served.code()).as(served.body()).isZero();
        assertThat(whileRefused).as("bytes allocated for a body of %d", wrongSecret.length())
                .isLessThan(12L * wrongSecret.length());
        assertThat(whileServed).as("bytes allocated for a body of %d", rightSecret.length())
                .isGreaterThan(20L * rightSecret.length());
    }

    /** An ESB clone's body, its credentials first, then about a megabyte of empty objects: {@code [{},{},...]}. */
    private static String emptyObjects(String secret) {
        return "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\"" + secret
                + "\",\"bk_username\":\"admin\",\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11,\"hosts\":["
                + "{},".repeat(330_000) + "{}]}";
    }

    /**
     * The bytes each event loop of this JVM has allocated so far, by its thread's id: the server's, and those of any
     * other Vert.x still open, idle.
     */
    private static Map<Long, Long> eventLoopsAllocatedBytes(com.sun.management.ThreadMXBean threads) {
        Map<Long, Long> allocated = new HashMap<>();
        Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("vert.x-eventloop-thread-"))
                .forEach(thread -> allocated.put(thread.getId(), threads.getThreadAllocatedBytes(thread.getId())));
        return allocated;
    }

    /** What the event loops of {@code now} allocated since {@code before}: all of it for one started since. */
    private static long allocatedSince(Map<Long, Long> before, Map<Long, Long> now) {
        return now.entrySet().stream()
                .filter(loop -> loop.getValue() >= 0)
                .mapToLong(loop -> loop.getValue() - before.getOrDefault(loop.getKey(), 0L))
                .sum();
    }

    @Test
    void givenWellFormedBodyWithWrongFieldTypeAndNoCredentials_whenCalled_then401BeforeDecoding() {
        ApiResponse response = anonymous().send("POST", ESB_CLONE, "{\"bk_biz_id\":\"2\"}");

        assertUnauthorized(response, "Do not have access permission. bk_app_code is missing.");
    }

    @Test
    void givenEsbGetWithCredentialsInTheQueryString_whenCalled_thenServed() {
        ApiResponse response = anonymous().send("GET", "/api/c/compapi/v2/cc/get_host_base_info/"
                + "?bk_app_code=cmdb-caller&bk_app_secret=s3cret-Value%21&bk_username=admin&bk_host_id=11", null);

        assertThat(response.code()).isZero();
        assertThat(server.getHostBaseInfo.onlyCall().actor().appCode()).isEqualTo(FakeBackedServer.APP_CODE);
    }

    /**
     * BlueKing's ESB reads {@code X-Bkapi-Authorization} first, and the body's credentials only when it is absent:
     * bk-ci's client sends them so, with a body of the API's fields alone.
     */
    @Test
    void givenEsbCredentialsInTheHeaderAndABodyOfFieldsAlone_whenCloning_thenServedAsTheHeadersCaller() {
        ApiResponse response = anonymous().withHeader("X-Bkapi-Authorization", authorization("bob"))
                .send("POST", ESB_CLONE, CLONE_BY_ID);

        assertThat(response.code()).as(response.body()).isZero();
        Actor actor = server.cloneHostProperty.onlyCall().actor();
        assertThat(actor.appCode()).isEqualTo(FakeBackedServer.APP_CODE);
        assertThat(actor.user()).isEqualTo("bob");
    }

    @Test
    void givenEsbCredentialsInTheHeaderAndOthersInTheBody_whenCloning_thenTheHeadersCount() {
        ApiResponse response = anonymous().withHeader("X-Bkapi-Authorization", authorization("bob"))
                .as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "admin").esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().actor().user()).isEqualTo("bob");
    }

    @Test
    void givenAWrongSecretInTheEsbHeaderAndTheRightOneInTheBody_whenCloning_then401() {
        String wrong = "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\"not-it\","
                + "\"bk_username\":\"admin\"}";
        ApiResponse response = anonymous().withHeader("X-Bkapi-Authorization", wrong)
                .as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "admin").esb("clone_host_property", CLONE_BY_ID);

        assertUnauthorized(response, "Do not have access permission. bk_app_code or bk_app_secret is wrong.");
    }

    /** The header holds the credentials alone when sent: a user in the body does not complete it. */
    @Test
    void givenAnEsbHeaderWithoutAUserAndAUserInTheBody_whenCloning_then401SayingTheUserIsMissing() {
        String appOnly = "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\""
                + FakeBackedServer.APP_SECRET + "\"}";
        ApiResponse response = anonymous().withHeader("X-Bkapi-Authorization", appOnly)
                .withCommon("bk_username", "admin").esb("clone_host_property", CLONE_BY_ID);

        assertUnauthorized(response, "Do not have access permission. bk_username is missing.");
    }

    @Test
    void givenAnEsbHeaderThatIsNoJsonObject_whenCloning_then401AsOnTheV3Door() {
        ApiResponse response = anonymous().withHeader("X-Bkapi-Authorization", "bk_app_code=" + FakeBackedServer.APP_CODE)
                .as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "admin").esb("clone_host_property", CLONE_BY_ID);

        assertUnauthorized(response, "Do not have access permission. X-Bkapi-Authorization must be a JSON object of strings.");
    }

    @Test
    void givenTheEsbsOlderCredentialNamesInItsHeader_whenCloning_thenServed() {
        String older = "{\"app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"app_secret\":\"" + FakeBackedServer.APP_SECRET
                + "\",\"username\":\"bob\"}";
        ApiResponse response = anonymous().withHeader("X-Bkapi-Authorization", older).send("POST", ESB_CLONE, CLONE_BY_ID);

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().actor().user()).isEqualTo("bob");
    }

    @Test
    void givenTheEsbsOlderCredentialNamesInTheV3Header_whenCloning_then401SayingTheAppCodeIsMissing() {
        String older = "{\"app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"app_secret\":\"" + FakeBackedServer.APP_SECRET
                + "\",\"username\":\"bob\"}";
        ApiResponse response = anonymous().withHeader("X-Bkapi-Authorization", older)
                .send("PUT", "/api/v3/hosts/property/clone", CLONE_BY_ID);

        assertUnauthorized(response, "Do not have access permission. bk_app_code is missing.");
    }

    @Test
    void givenABlankEsbHeader_whenCloning_thenTheBodysCredentialsCount() {
        ApiResponse response = anonymous().withHeader("X-Bkapi-Authorization", " ")
                .as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "admin").esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().actor().user()).isEqualTo("admin");
    }

    @Test
    void givenEsbGetWithCredentialsInTheHeader_whenCalled_thenServed() {
        ApiResponse response = anonymous().withHeader("X-Bkapi-Authorization", authorization("bob"))
                .send("GET", "/api/c/compapi/v2/cc/get_host_base_info/?bk_host_id=11", null);

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.getHostBaseInfo.onlyCall().actor().user()).isEqualTo("bob");
    }

    /** BlueKing's ESB reads its first SDK's names of the credentials too, where the bk_ ones are absent or empty. */
    @Test
    void givenTheEsbsOlderCredentialNamesInTheBody_whenCloning_thenServedAndNoneIsData() {
        ApiResponse response = anonymous().send("POST", ESB_CLONE, "{\"app_code\":\"" + FakeBackedServer.APP_CODE
                + "\",\"app_secret\":\"" + FakeBackedServer.APP_SECRET + "\",\"username\":\"bob\",\"bk_app_code\":\"\","
                + "\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().actor().user()).isEqualTo("bob");
    }

    @Test
    void givenBothNamesOfTheUserInAnEsbBody_whenCloning_thenTheBkOneCounts() {
        ApiResponse response = anonymous().as(FakeBackedServer.APP_CODE, FakeBackedServer.APP_SECRET, "admin")
                .esb("clone_host_property", "{\"username\":\"bob\",\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}");

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.cloneHostProperty.onlyCall().actor().user()).isEqualTo("admin");
    }

    @Test
    void givenTheEsbsOlderCredentialNamesInAGetsQueryString_whenCalled_thenServed() {
        ApiResponse response = anonymous().send("GET", "/api/c/compapi/v2/cc/get_host_base_info/"
                + "?app_code=cmdb-caller&app_secret=s3cret-Value%21&username=bob&bk_host_id=11", null);

        assertThat(response.code()).as(response.body()).isZero();
        assertThat(server.getHostBaseInfo.onlyCall().actor().user()).isEqualTo("bob");
    }

    @Test
    void givenAnOlderCredentialNameOfTheWrongJsonType_whenCloning_then1199000NamingItAndNothingCalled() {
        ApiResponse response = anonymous().send("POST", ESB_CLONE, "{\"app_code\":7,\"bk_biz_id\":2}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'app_code' must be a string");
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }

    private static String authorization(String user) {
        return "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\"" + FakeBackedServer.APP_SECRET
                + "\",\"bk_username\":\"" + user + "\"}";
    }

    @Test
    void givenEsbGetWithoutCredentials_whenCalled_then401() {
        ApiResponse response = anonymous().send("GET", "/api/c/compapi/v2/cc/get_host_base_info/?bk_host_id=11", null);

        assertUnauthorized(response, "Do not have access permission. bk_app_code is missing.");
        assertThat(server.getHostBaseInfo.calls()).isEmpty();
    }

    /** 401 / 1199047 with exactly {@code message}, and no use case called. */
    private void assertUnauthorized(ApiResponse response, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.message()).isEqualTo(message);
        assertThat(server.cloneHostProperty.calls()).isEmpty();
    }
}
