package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.Failure.UniqueRuleOverlaps.Overlap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreateObjectUniqueApiTest extends ServerTest {

    private static final String API = "create_object_unique";
    private static final String TWO_KEYS =
            "{\"keys\":[{\"key_kind\":\"property\",\"key_id\":2},{\"key_kind\":\"property\",\"key_id\":8}]}";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTwoPropertyKeys_whenCreatingThroughEitherDoor_thenTheUseCaseGetsTheIdsInOrderAndDataNamesTheRule(Door door) {
        ApiResponse response = client().call(door, API, TWO_KEYS);

        assertData(response, "{\"id\":5}");
        assertThat(server.createObjectUnique.onlyCall().input().keyAttributeIds()).containsExactly(2L, 8L);
    }

    @Test
    void givenHostRepeatedInTheBody_whenCreating_thenAccepted() {
        assertData(client().esb(API, "{\"bk_obj_id\":\"host\",\"keys\":[{\"key_kind\":\"property\",\"key_id\":2}]}"),
                "{\"id\":5}");
    }

    @Test
    void givenAssociationKey_whenCreating_then1101166InEitherLanguage() {
        String body = "{\"keys\":[{\"key_kind\":\"property\",\"key_id\":2},{\"key_kind\":\"association\",\"key_id\":3}]}";

        assertRefused(inEnglish().esb(API, body), 1101166,
                "unique constrains key kind [association] invalid, only property is supported");
        assertRefused(client().v3(API, body), 1101166, "唯一校验键类型 [association] 无效, 只支持 property");
        assertThat(server.createObjectUnique.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"keys\":[{\"key_id\":2}]}|1199010|'keys[0].key_kind' unassigned",
            "{\"keys\":[{\"key_kind\":\"property\",\"key_id\":2},{\"key_kind\":\"property\"}]}|1199010|'keys[1].key_id' unassigned",
            "{\"keys\":[{\"key_kind\":\"property\",\"key_id\":-2}]}|1199009|'keys[0].key_id' parameters must be integral",
            "{\"keys\":[{\"key_kind\":\"\",\"key_id\":2}]}|1101166|unique constrains key kind [] invalid, only property is supported",
            "{\"bk_obj_id\":\"set\",\"keys\":[{\"key_kind\":\"property\",\"key_id\":2}]}|1199011|'bk_obj_id' the parameter is invalid or does not exist"})
    void givenKeysThatCannotMakeARule_whenCreating_thenRefusedBeforeTheUseCase(String body, long code, String message) {
        assertRefused(inEnglish().esb(API, body), code, message);
        assertThat(server.createObjectUnique.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"keys\":{}}|'keys' must be an array",
            "{\"keys\":[2]}|'keys[0]' must be an object",
            "{\"keys\":[{\"key_kind\":\"property\",\"key_id\":\"2\"}]}|'keys[0].key_id' must be an integer",
            "{\"keys\":[{\"key_kind\":1,\"key_id\":2}]}|'keys[0].key_kind' must be a string"})
    void givenFieldOfTheWrongJsonType_whenCreating_then1199000NamingIt(String body, String expected) {
        assertRefused(inEnglish().v3(API, body), 1199000, "Deserializing JSON data failed: field " + expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"keys\":[]}", "{\"keys\":null}"})
    void givenNoKeys_whenCreating_thenTheUseCaseDecidesOnTheEmptyList(String body) {
        server.createObjectUnique.rejectWith(new Failure.MissingField("keys"));

        ApiResponse response = inEnglish().esb(API, body);

        assertThat(server.createObjectUnique.onlyCall().input().keyAttributeIds()).isEmpty();
        assertRefused(response, 1199010, "'keys' unassigned");
    }

    @Test
    void givenExistingHostsShareTheKeys_whenTheUseCaseRefuses_then1113039NamingTheValuesInEitherLanguage() {
        server.createObjectUnique.rejectWith(new Failure.ExistingDataViolatesRule(List.of("bk_host_outerip"), List.of("1.1.1.1")));

        assertRefused(inEnglish().esb(API, TWO_KEYS), 1113039,
                "Failed to create unique index, value ['1.1.1.1'] duplicated: fields [bk_host_outerip]");
        assertRefused(client().esb(API, TWO_KEYS), 1113039, "创建唯一索引失败, 值 ['1.1.1.1'] 重复: 字段 [bk_host_outerip]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SAME|1113050|a unique rule with the same keys already exists: rule 4|已存在键相同的唯一校验规则: 规则 4",
            "EXISTING_IS_SUBSET|1113051|unique rule 4 already checks a subset of these keys, so the new rule is redundant|唯一校验规则 4 已校验这些键的子集, 新规则是多余的",
            "EXISTING_IS_SUPERSET|1113052|unique rule 4 checks a superset of these keys and the new rule would make it redundant; delete that rule first|唯一校验规则 4 的键包含这些键, 新规则会使其多余; 请先删除该规则"})
    void givenOverlappingRule_whenTheUseCaseRefuses_thenItsCodeInEitherLanguage(Overlap overlap, long code, String en, String zh) {
        server.createObjectUnique.rejectWith(new Failure.UniqueRuleOverlaps(4, overlap));

        assertRefused(inEnglish().esb(API, TWO_KEYS), code, en);
        assertRefused(client().v3(API, TWO_KEYS), code, zh);
    }

    @Test
    void givenRepeatedOrUnknownKeys_whenTheUseCaseRefuses_then1199011NamingKeys() {
        server.createObjectUnique.rejectWith(new Failure.InvalidCombination("keys"));

        assertRefused(inEnglish().esb(API, TWO_KEYS), 1199011, "'keys' the parameter is invalid or does not exist");
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(CreateObjectUniqueApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(CreateObjectUniqueApi.ROUTE.v3Path()).isEqualTo("/api/v3/create/objectunique/object/host");
    }
}
