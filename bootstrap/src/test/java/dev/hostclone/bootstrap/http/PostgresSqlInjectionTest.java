package dev.hostclone.bootstrap.http;

import static dev.hostclone.bootstrap.http.EnvelopeAssertions.assertAnsweredInTheEnvelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Classic SQL injection payloads in every kind of string a caller can store on PostgreSQL (a
 * business name, a built-in host attribute, a business custom field, a search condition): stored
 * and read back verbatim, never executed. Every table is still there with exactly the rows the
 * requests added.
 */
class PostgresSqlInjectionTest extends EndToEndScenarios {

    private static final List<String> TABLES = List.of("business", "cloud_area", "host", "host_inner_ip",
            "host_unique_key", "host_attribute", "host_unique_rule", "host_model_state", "audit_record", "app");

    private PgSettings database;

    @Override
    Configuration configuration() {
        database = TestPostgres.database();
        return Configuration.inMemory(testApps(), testAdministrators())
                .withStorage(Storage.POSTGRES, Path.of("unused"), database.url());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "'; DROP TABLE host; --",
            "' OR '1'='1",
            "Robert'); DROP TABLE business;--",
            "1; DELETE FROM audit_record",
            "\" OR \"\"=\"",
            "$$; TRUNCATE host_inner_ip; $$",
            "\\'; UPDATE host SET version = 0; --",
            "%' UNION SELECT version() --",
            "'||(SELECT pg_sleep(5))||'",
            "x' AND 1=(SELECT COUNT(*) FROM app) AND 'a'='a",
            "'); COPY app TO PROGRAM 'id'; --",
            "{\"$ne\": null}",
            "?::jsonb #- '{a}' --"})
    void givenInjectionPayloadInEveryStoredString_whenStoredAndReadBack_thenVerbatimAndNothingExecuted(String payload) {
        Map<String, Long> before = rowCounts();
        String name = payload + " " + UUID.randomUUID();
        long business = aBusinessNamed(name);
        String customField = "inj_" + UUID.randomUUID().toString().replace("-", "");
        answered(admin.call(Door.V3, "create_biz_custom_field", json(fields("bk_obj_id", "host", "bk_biz_id", business,
                "bk_property_id", customField, "bk_property_name", payload, "bk_property_type", "singlechar"))));
        long host = hosts(business, host(anIp(), "bk_comment", payload)).get(0);
        answered(admin.esb("batch_update_host", json(fields("bk_biz_id", business, "update", List.of(
                fields("bk_host_id", host, "properties", fields(customField, payload, "bk_host_name", payload)))))));

        Map<String, Object> stored = new LinkedHashMap<>();
        baseInfo(host).forEach((field, value) -> stored.put(field, value.asText()));
        assertThat(stored).containsEntry("bk_comment", payload).containsEntry(customField, payload)
                .containsEntry("bk_host_name", payload);
        ApiResponse searched = answered(admin.esb("search_business", json(fields(
                "condition", fields("bk_biz_name", payload), "fields", List.of("bk_biz_name"), "page", fields("limit", 200)))));
        String folded = payload.toLowerCase(Locale.ROOT);
        assertThat(searched.data().get("info").findValuesAsText("bk_biz_name")).as("found as a text, not as SQL or a pattern")
                .contains(name).allMatch(found -> found.toLowerCase(Locale.ROOT).contains(folded));

        Map<String, Long> after = rowCounts();
        assertThat(after.keySet()).containsExactlyElementsOf(TABLES);
        Map<String, Long> added = new LinkedHashMap<>();
        after.forEach((table, rows) -> added.put(table, rows - before.get(table)));
        assertThat(added).containsEntry("business", 1L).containsEntry("host", 1L).containsEntry("host_inner_ip", 1L)
                .containsEntry("host_attribute", 1L).containsEntry("audit_record", 2L).containsEntry("app", 0L)
                .containsEntry("cloud_area", 0L).containsEntry("host_unique_rule", 0L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bk_biz_name", "bk_biz_maintainer"})
    void givenNulCharacterInAString_whenStored_thenRefusedInTheEnvelopeAndNothingWritten(String field) {
        Map<String, Long> before = rowCounts();
        Map<String, Object> business = fields("bk_biz_name", "nul-" + UUID.randomUUID(), "bk_biz_maintainer", MAINTAINER);

        ApiResponse response = admin.v3("create_business", json(with(business, field, "a\u0000b")));

        assertAnsweredInTheEnvelope(response, field + " with NUL");
        assertThat(response.code()).as(response.toString()).isEqualTo(1199006L);
        assertThat(rowCounts()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bk_app_code", "bk_app_secret", "bk_username"})
    void givenNulCharacterInACredential_whenCalled_then401NotEchoingItAndNothingWritten(String field) {
        Map<String, Long> before = rowCounts();

        ApiResponse response = admin.withCommon(field, "a\u0000b").esb("create_business",
                json(fields("bk_biz_name", "nul-" + UUID.randomUUID(), "bk_biz_maintainer", MAINTAINER)));

        assertAnsweredInTheEnvelope(response, field + " with NUL");
        assertThat(response.code()).as(response.toString()).isEqualTo(1199047L);
        assertThat(response.body()).doesNotContain("a\\u0000b");
        assertThat(rowCounts()).isEqualTo(before);
    }

    /** The PostgreSQL client writes a lone surrogate as '?'; it is stored as U+FFFD, as BlueKing's decoder makes it. */
    @Test
    void givenALoneSurrogateInAName_whenStoredAndSearched_thenItComesBackAsTheReplacementCharacter() {
        String tag = UUID.randomUUID().toString();

        // sent as written: the client's own JSON would carry the surrogate as UTF-8, which cannot, and send '?'
        ApiResponse created = answered(admin.send("POST", "/api/c/compapi/v2/cc/create_business/", "{\"bk_app_code\":\""
                + APP + "\",\"bk_app_secret\":\"" + SECRET + "\",\"bk_username\":\"" + ADMIN + "\",\"data\":"
                + "{\"bk_biz_name\":\"lone-\\ud800-" + tag + "\",\"bk_biz_maintainer\":\"" + MAINTAINER + "\"}}"));
        ApiResponse searched = answered(admin.esb("search_business",
                json(fields("condition", fields("bk_biz_name", "lone-\uFFFD-" + tag)))));

        assertThat(created.data().get("bk_biz_name").asText()).isEqualTo("lone-\uFFFD-" + tag);
        assertThat(searched.data().get("count").asLong()).isEqualTo(1);
    }

    private static Map<String, Object> with(Map<String, Object> fields, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(fields);
        changed.put(field, value);
        return changed;
    }

    private long aBusinessNamed(String name) {
        ApiResponse created = answered(admin.esb("create_business",
                json(fields("bk_biz_name", name, "bk_biz_maintainer", MAINTAINER))));
        assertThat(created.data().get("bk_biz_name").asText()).isEqualTo(name);
        return created.data().get("bk_biz_id").asLong();
    }

    private static ApiResponse answered(ApiResponse response) {
        assertAnsweredInTheEnvelope(response, "injection payload");
        assertThat(response.code()).as(response.toString()).isZero();
        return response;
    }

    /** Rows per table, read over JDBC; a dropped table would fail here. */
    private Map<String, Long> rowCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = TestPostgres.jdbc(database)) {
            for (String table : TABLES) {
                counts.put(table, TestPostgres.number(connection, "SELECT count(*) FROM " + table));
            }
        } catch (SQLException failed) {
            throw new IllegalStateException("counting rows failed", failed);
        }
        return counts;
    }
}
