package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.domain.failure.Failure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeTest extends ServerTest {

    private static final List<String> ENVELOPE_KEYS =
            List.of("result", "code", "message", "permission", "request_id", "data");
    private static final String CLONE_BY_ID = "{\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}";

    @Test
    void givenSuccess_whenAnswered_thenEnvelopeHasKeysInOrderAndJsonContentType() {
        ApiResponse response = client().esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.envelopeKeys()).containsExactlyElementsOf(ENVELOPE_KEYS);
        assertThat(response.result()).isTrue();
        assertThat(response.code()).isZero();
        assertThat(response.message()).isEqualTo("success");
        assertThat(response.permission().isNull()).isTrue();
        assertThat(response.data().isNull()).isTrue();
    }

    @Test
    void givenBusinessFailure_whenAnswered_thenSameEnvelopeWithResultFalseAndHttp200() {
        server.cloneHostProperty.rejectWith(new Failure.HostNotInBusiness(11, 2));

        ApiResponse response = client().esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.envelopeKeys()).containsExactlyElementsOf(ENVELOPE_KEYS);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).isEqualTo(1110024);
        assertThat(response.data().isNull()).isTrue();
    }

    @Test
    void givenNoRequestIdHeader_whenCalled_thenA32HexIdIsGeneratedEchoedAndPassedToTheUseCase() {
        ApiResponse response = client().esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.requestId()).matches("^[0-9a-f]{32}$");
        assertThat(response.header("X-Request-ID")).isEqualTo(response.requestId());
        assertThat(server.cloneHostProperty.onlyCall().actor().requestId()).isEqualTo(response.requestId());
    }

    @Test
    void givenTwoRequestsWithoutId_whenCalled_thenTheirIdsDiffer() {
        String first = client().esb("clone_host_property", CLONE_BY_ID).requestId();
        String second = client().esb("clone_host_property", CLONE_BY_ID).requestId();

        assertThat(first).isNotEqualTo(second);
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Request-ID", "X-Bkapi-Request-Id", "Cc_Request_Id"})
    void givenRequestIdHeader_whenCalled_thenItIsEchoedInBodyAndHeaderAndReachesTheActor(String header) {
        ApiResponse response = client().withHeader(header, "rid-from-caller-42").esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.requestId()).isEqualTo("rid-from-caller-42");
        assertThat(response.header("X-Request-ID")).isEqualTo("rid-from-caller-42");
        assertThat(server.cloneHostProperty.onlyCall().actor().requestId()).isEqualTo("rid-from-caller-42");
    }

    /**
     * Ids of any visible ASCII are the caller's to correlate by, and taken over: base64 ones, AWS's trace ids. Until
     * 2026-12-06 only letters, digits and {@code . _ : -} were, and such an id was replaced by a fresh one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"trace/abc+1", "aGVsbG8+/w==", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
            "<id>\"quoted\"&more"})
    void givenRequestIdOfVisibleAscii_whenCalled_thenItIsEchoed(String id) {
        ApiResponse response = client().withHeader("X-Request-ID", id).esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.requestId()).isEqualTo(id);
        assertThat(response.header("X-Request-ID")).isEqualTo(id);
    }

    /** A space, a control character or a longer id would not stay one token of a log line. */
    @ParameterizedTest
    @ValueSource(strings = {"a b<script>", "tab\there", "x129"})
    void givenRequestIdWithUnsafeCharacters_whenCalled_thenAFreshIdIsUsedInstead(String id) {
        String sent = id.equals("x129") ? "x".repeat(129) : id;
        ApiResponse response = client().withHeader("X-Request-ID", sent).esb("clone_host_property", CLONE_BY_ID);

        assertThat(response.requestId()).matches("^[0-9a-f]{32}$");
    }

    @Test
    void givenRequestIdOnA404_whenCalled_thenItIsStillEchoed() {
        ApiResponse response = client().withHeader("X-Request-ID", "rid-404").send("POST", "/api/v3/nothing/here", "{}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.requestId()).isEqualTo("rid-404");
        assertThat(response.header("X-Request-ID")).isEqualTo("rid-404");
    }

    @Test
    void givenNoLanguage_whenRefused_thenMessageIsInChineseByDefault() {
        ApiResponse response = client().esb("clone_host_property", "{}");

        assertThat(response.message()).isEqualTo("'bk_biz_id' 参数必须是整型");
    }

    @Test
    void givenBkcmdbLanguageHeaderEn_whenRefused_thenMessageIsInEnglish() {
        ApiResponse response = client().withHeader("X-Bkcmdb-Language", "en").esb("clone_host_property", "{}");

        assertThat(response.message()).isEqualTo("'bk_biz_id' parameters must be integral");
    }

    @Test
    void givenBluekingLanguageHeaderEn_whenRefused_thenMessageIsInEnglish() {
        ApiResponse response = client().withHeader("HTTP_BLUEKING_LANGUAGE", "en").esb("clone_host_property", "{}");

        assertThat(response.message()).isEqualTo("'bk_biz_id' parameters must be integral");
    }

    @Test
    void givenThePythonSdksLanguageHeaderEn_whenRefused_thenMessageIsInEnglish() {
        ApiResponse response = client().withHeader("Blueking-Language", "en").esb("clone_host_property", "{}");

        assertThat(response.message()).isEqualTo("'bk_biz_id' parameters must be integral");
    }

    @Test
    void givenCmdbsHeaderZhAndThePythonSdksEn_whenRefused_thenCmdbsHeaderWins() {
        ApiResponse response = client().withHeader("X-Bkcmdb-Language", "zh-cn").withHeader("Blueking-Language", "en")
                .esb("clone_host_property", "{}");

        assertThat(response.message()).isEqualTo("'bk_biz_id' 参数必须是整型");
    }

    @Test
    void givenLanguageCookieEn_whenRefused_thenMessageIsInEnglish() {
        ApiResponse response = client().withHeader("Cookie", "other=1; blueking_language=en")
                .esb("clone_host_property", "{}");

        assertThat(response.message()).isEqualTo("'bk_biz_id' parameters must be integral");
    }

    @Test
    void givenHeaderZhAndCookieEn_whenRefused_thenTheHeaderWins() {
        ApiResponse response = client().withHeader("X-Bkcmdb-Language", "zh-cn")
                .withHeader("Cookie", "blueking_language=en")
                .esb("clone_host_property", "{}");

        assertThat(response.message()).isEqualTo("'bk_biz_id' 参数必须是整型");
    }

    @Test
    void givenUnknownLanguage_whenRefused_thenTheDefaultLanguageAnswers() {
        ApiResponse response = client().withHeader("X-Bkcmdb-Language", "fr").esb("clone_host_property", "{}");

        assertThat(response.message()).isEqualTo("'bk_biz_id' 参数必须是整型");
    }

    @Test
    void givenServerConfiguredForEnglish_whenNoLanguageSentOrZhCnSent_thenEachIsHonoured() {
        try (FakeBackedServer english = FakeBackedServer.start(
                HttpSettings.of("127.0.0.1", 0).withDefaultLanguage(Language.EN))) {
            ApiClient client = english.client();

            assertThat(client.esb("clone_host_property", "{}").message())
                    .isEqualTo("'bk_biz_id' parameters must be integral");
            assertThat(client.withHeader("X-Bkcmdb-Language", "zh-cn").esb("clone_host_property", "{}").message())
                    .isEqualTo("'bk_biz_id' 参数必须是整型");
        }
    }

    @Test
    void givenRawRequestWithExtraHeaders_whenSent_thenTheEnvelopeIsStillJson() {
        ApiResponse response = client().send("POST", "/api/c/compapi/v2/cc/clone_host_property/", "[]",
                Map.of("Accept", "text/html"));

        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.code()).isEqualTo(1199000);
    }
}
