package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input that two readers could take differently, refused rather than read one way: a credential or a
 * parameter given twice, UTF-8 that is not well-formed, a body in a content coding. Each refusal with its exact code and message,
 * and nothing written.
 */
abstract class StrictInputScenarios extends EndToEndScenarios {

    private static final String V3_CLONE = "/api/v3/hosts/property/clone";
    private static final String ESB_CLONE = "/api/c/compapi/v2/cc/clone_host_property/";
    private static final String ESB_BASE_INFO = "/api/c/compapi/v2/cc/get_host_base_info/";
    private static final String AUTHORIZATION = "X-Bkapi-Authorization";

    /** A business maintained by alice, whose source host's comment a clone would copy onto the destination. */
    private record Pair(long business, long source, long destination) {

        Map<String, Object> cloneById() {
            return fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", destination);
        }
    }

    private Pair aPair() {
        long business = aBusiness();
        List<Long> ids = hosts(business, host(anIp(), "bk_comment", "the source's"), host(anIp()));
        return new Pair(business, ids.get(0), ids.get(1));
    }

    private static String authorizationOf(String user) {
        return json(fields("bk_app_code", APP, "bk_app_secret", SECRET, "bk_username", user));
    }

    /** The destination still lacks the source's comment, and no audit record was added. */
    private void assertNothingCloned(Pair pair, long auditRecordsBefore) {
        assertThat(baseInfo(pair.destination()).get("bk_comment").isNull()).isTrue();
        assertThat(allAuditRecords()).isEqualTo(auditRecordsBefore);
    }

    /**
     * Either order: the first header ran, so a proxy appending its own after the client's ran as the client,
     * and one putting its own first could not stop a client's from being read had the order been the other.
     */
    @ParameterizedTest(name = "{0}, then {1}")
    @CsvSource({"bob, admin", "admin, bob"})
    void givenTheV3AuthorizationHeaderTwice_whenCloning_then401AndNothingIsWritten(String first, String second) {
        Pair pair = aPair();
        long audits = allAuditRecords();

        ApiResponse response = admin.withHeader(AUTHORIZATION, authorizationOf(first))
                .send("PUT", V3_CLONE, json(pair.cloneById()), Map.of(AUTHORIZATION, authorizationOf(second)));

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.message()).isEqualTo("Do not have access permission. X-Bkapi-Authorization is given more than once.");
        assertThat(response.body()).doesNotContain(SECRET);
        assertNothingCloned(pair, audits);
    }

    /**
     * A parameter of the ESB GET door given twice is refused as a duplicate key of an ESB body is, whether
     * it is a credential or not, naming it and never its values.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bk_username=bob&bk_username=admin", "bk_username=admin&bk_username=bob",
            "bk_username=admin&bk_app_secret=wrong&bk_app_secret=" + SECRET, "bk_username=admin&bk_app_code=" + APP,
            "bk_username=admin&bk_token=a&bk_token=b", "bk_username=admin&bk_supplier_account=0&bk_supplier_account=0",
            "bk_username=admin&bk_host_id=1", "bk_username=admin&bk_username="})
    void givenAParameterTwiceInTheEsbQueryString_whenGettingBaseInfo_then1199000NamingIt(String more) {
        long host = hosts(aBusiness(), host(anIp())).get(0);
        String query = "?bk_app_code=" + APP + "&bk_app_secret=" + SECRET + "&bk_host_id=" + host + "&" + more;
        String repeated = more.substring(more.lastIndexOf('&') + 1, more.lastIndexOf('='));

        ApiResponse response = admin.send("GET", ESB_BASE_INFO + query, null);

        assertRefusal(response, 1199000, "Deserializing JSON data failed: key '" + repeated + "' appears more than once");
        assertThat(response.body()).doesNotContain(SECRET).doesNotContain("wrong");
    }

    @Test
    void givenTheSameParameterInTheV3PathAndQueryString_whenGettingBaseInfo_then1199000NamingIt() {
        List<Long> hosts = hosts(aBusiness(), host(anIp()), host(anIp()));

        ApiResponse response = admin.send("GET", "/api/v3/hosts/0/" + hosts.get(0) + "?bk_host_id=" + hosts.get(1), null,
                Map.of(AUTHORIZATION, authorizationOf(ADMIN)));

        assertRefusal(response, 1199000, "Deserializing JSON data failed: key 'bk_host_id' appears more than once");
    }

    /**
     * Each door reads its credentials from one place, the ESB POST door from its body: other credentials in
     * its query string or in the v3 door's header are not read, neither winning nor refused.
     */
    @ParameterizedTest(name = "{0} in the body, {1} in the query string and header")
    @CsvSource({"bob, admin, 9900403", "admin, bob, 0"})
    void givenOtherCredentialsBesideAnEsbBodysOwn_whenCloning_thenOnlyTheBodysCount(String inBody, String besides,
                                                                                    long code) {
        Pair pair = aPair();
        long audits = allAuditRecords();
        String body = json(Map.of("bk_app_code", APP, "bk_app_secret", SECRET, "bk_username", inBody,
                "bk_biz_id", pair.business(), "bk_org_id", pair.source(), "bk_dst_id", pair.destination()));

        ApiResponse response = admin.send("POST", ESB_CLONE + "?bk_app_code=" + APP + "&bk_app_secret=" + SECRET
                + "&bk_username=" + besides, body, Map.of(AUTHORIZATION, authorizationOf(besides)));

        assertThat(response.code()).as(response.toString()).isEqualTo(code);
        if (code != 0) {
            assertNothingCloned(pair, audits);
        } else {
            assertThat(baseInfo(pair.destination()).get("bk_comment").asText()).isEqualTo("the source's");
        }
    }

    /**
     * UTF-8 that is not well-formed (RFC 3629) in a text is refused where it starts, as a lead byte
     * without its continuation always was; until 2026-12-06 Jackson decoded the rest: {@code C0 AF} was
     * stored as {@code /}, {@code ED A0 80} and {@code F4 90 80 80} as U+FFFD.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"C0AF", "C080", "E08080", "EDA080", "F4908080", "F5808080", "E9", "C328", "80", "F09F98"})
    void givenUtf8ThatIsNotWellFormedInAComment_whenBatchUpdating_then1199000WhereItIsAndNothingIsWritten(String form) {
        long host = hosts(aBusiness(), host(anIp(), "bk_comment", "before")).get(0);
        long audits = allAuditRecords();
        byte[] before = ("{\"update\":[{\"bk_host_id\":" + host + ",\"properties\":{\"bk_comment\":\"ab")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] body = concat(before, HexFormat.of().parseHex(form), "cd\"}}]}".getBytes(StandardCharsets.US_ASCII));

        ApiResponse response = admin.sendBytes("PUT", "/api/v3/hosts/property/batch", body,
                Map.of(AUTHORIZATION, authorizationOf(ADMIN)));

        assertRefusal(response, 1199000,
                "Deserializing JSON data failed: the body is not valid JSON (line 1, column " + (before.length + 1) + ")");
        assertThat(baseInfo(host).get("bk_comment").asText()).isEqualTo("before");
        assertThat(allAuditRecords()).isEqualTo(audits);
    }

    /** The characters at the edges of each length of UTF-8, and a pair of surrogates' character, are stored as sent. */
    @Test
    void givenWellFormedUtf8AtEveryEdgeInAComment_whenBatchUpdating_thenItIsStoredAsSent() {
        long host = hosts(aBusiness(), host(anIp())).get(0);
        String edges = "\u0080\u07ff\u0800\ud7ff\ue000\ufffd\uffff\ud800\udc00\udbff\udfff";

        assertSucceeded(updateOne(admin, Door.V3, host, fields("bk_comment", edges)));

        assertThat(baseInfo(host).get("bk_comment").asText()).isEqualTo(edges);
    }

    /**
     * A body in a content coding is refused, naming the coding, since the server undoes none; until
     * 2026-12-06 a gzip body was parsed as it came and refused for its zero bytes, as if in UTF-16.
     */
    @ParameterizedTest(name = "{0} through {1}")
    @CsvSource(delimiter = '|', value = {"gzip|V3|gzip", "gzip|ESB|gzip", "deflate|V3|deflate", "br|ESB|br",
            "'identity, gzip'|V3|gzip", "X-Custom|V3|X-Custom"})
    void givenABodyInAContentCoding_whenBatchUpdating_then415NamingItAndNothingIsWritten(String codings, Door door,
                                                                                         String named) {
        long host = hosts(aBusiness(), host(anIp(), "bk_comment", "before")).get(0);
        long audits = allAuditRecords();
        boolean v3 = door == Door.V3;
        Map<String, Object> update = fields("update", List.of(fields("bk_host_id", host, "properties", fields("bk_comment", "after"))));
        if (!v3) {
            update.putAll(fields("bk_app_code", APP, "bk_app_secret", SECRET, "bk_username", ADMIN));
        }

        ApiResponse response = admin.sendBytes(v3 ? "PUT" : "POST",
                v3 ? "/api/v3/hosts/property/batch" : "/api/c/compapi/v2/cc/batch_update_host/", gzip(json(update)),
                v3 ? Map.of(AUTHORIZATION, authorizationOf(ADMIN), "Content-Encoding", codings) : Map.of("Content-Encoding", codings));

        assertThat(response.status()).as(response.toString()).isEqualTo(415);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).isEqualTo(1199003);
        assertThat(response.message()).isEqualTo("content coding '" + named + "' is not supported: send the body unencoded (identity)");
        assertThat(response.header("Accept-Encoding")).isEqualTo("identity");
        assertThat(baseInfo(host).get("bk_comment").asText()).isEqualTo("before");
        assertThat(allAuditRecords()).isEqualTo(audits);
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "Identity", "identity, identity", ""})
    void givenABodyDeclaredInTheIdentityCoding_whenBatchUpdating_thenItIsWritten(String codings) {
        long host = hosts(aBusiness(), host(anIp(), "bk_comment", "before")).get(0);

        ApiResponse response = admin.withHeader("Content-Encoding", codings).call(Door.V3, "batch_update_host",
                json(fields("update", List.of(fields("bk_host_id", host, "properties", fields("bk_comment", "after"))))));

        assertSucceeded(response);
        assertThat(baseInfo(host).get("bk_comment").asText()).isEqualTo("after");
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(zipped)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException cannotHappen) {
            throw new UncheckedIOException(cannotHappen);
        }
        return zipped.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }
}
