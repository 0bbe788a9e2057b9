package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What hosts live in, end to end: search_business, create_cloud_area, search_cloud_area and
 * batch_update_host, each through both doors, each refusal with its exact code and message, and
 * after every refused write the store read back unchanged.
 */
abstract class InventoryScenarios extends EndToEndScenarios {

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenBusiness_whenSearchingByNameWithFields_thenOnlyItComesBackWithThoseFields(Door door) {
        long business = aBusiness();
        String name = businessName(business);

        JsonNode found = assertSucceeded(admin.call(door, "search_business", json(fields(
                "condition", fields("bk_biz_name", name), "fields", List.of("bk_biz_id", "bk_biz_name")))));

        assertThat(found.get("count").asLong()).isEqualTo(1);
        JsonNode only = found.get("info").get(0);
        assertThat(only.get("bk_biz_id").asLong()).isEqualTo(business);
        assertThat(only.get("bk_biz_name").asText()).isEqualTo(name);
        assertThat(only.size()).as("projected to two fields").isEqualTo(2);
    }

    @Test
    void givenBusinessMaintainedBySomeoneElse_whenMaintainerSearches_thenItIsNotFound() {
        String foreign = aName("foreign");
        assertSucceeded(admin.esb("create_business", json(fields("bk_biz_name", foreign, "bk_biz_maintainer", "zoe"))));

        JsonNode found = assertSucceeded(client(MAINTAINER).v3("search_business",
                json(fields("condition", fields("bk_biz_name", foreign)))));

        assertThat(found.get("count").asLong()).isZero();
    }

    /** BlueKing's "which businesses does this user maintain?": the user among the list, exactly. */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenUserLists_whenSearchingForAMaintainer_thenOnlyTheBusinessesListingThatUserExactly(Door door) {
        String user = aName("ops");
        long listed = aBusinessMaintainedBy(user + ",bob");
        aBusinessMaintainedBy("bob," + user + "x");
        long both = aBusinessMaintainedBy("carol," + user + ",dave");

        assertThat(idsFound(door, fields("bk_biz_maintainer", user))).containsExactly(listed, both);
        assertThat(idsFound(door, fields("bk_biz_maintainer", "," + user + ",carol,")))
                .as("all named, commas at the ends").containsExactly(both);
        String prefix = user.substring(0, user.length() - 1);
        assertThat(idsFound(door, fields("bk_biz_maintainer", prefix))).as("not a prefix").isEmpty();
    }

    /** One user, one name: a condition naming the user with a combining accent finds the list holding them precomposed. */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenAMaintainerStoredComposed_whenSearchingForThatUserDecomposed_thenTheirBusinessIsFound(Door door) {
        String tag = aName("u");
        long listed = aBusinessMaintainedBy("bob,jos\u00e9_" + tag);
        aBusinessMaintainedBy("bob,jose_" + tag);

        assertThat(idsFound(door, fields("bk_biz_maintainer", "jose\u0301_" + tag))).containsExactly(listed);
        assertThat(idsFound(door, fields("bk_biz_maintainer", "jos\u00e9_" + tag))).containsExactly(listed);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNames_whenSearchingForAPartOfOneInAnotherCase_thenFoundAndLikeCharactersAreThemselves(Door door) {
        String tag = aName("gw");
        long dashed = aBusinessNamed("Pay-Gateway-" + tag);
        long marked = aBusinessNamed("Pay_Gateway%" + tag);

        assertThat(idsFound(door, fields("bk_biz_name", "gateway-" + tag.toUpperCase()))).containsExactly(dashed);
        assertThat(idsFound(door, fields("bk_biz_name", tag))).containsExactly(dashed, marked);
        assertThat(idsFound(door, fields("bk_biz_name", "y_gateway%" + tag))).as("_ and % as themselves")
                .containsExactly(marked);
        assertThat(idsFound(door, fields("bk_biz_name", "pay.gateway." + tag))).as(". as itself").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenBusinesses_whenSearchingByIdWithEqOrIn_thenOnlyThoseIds(Door door) {
        long first = aBusiness();
        long second = aBusiness();
        long third = aBusiness();

        assertThat(idsFound(door, fields("bk_biz_id", fields("$in", List.of(third, first, Long.MAX_VALUE)))))
                .containsExactly(first, third);
        assertThat(idsFound(door, fields("bk_biz_id", fields("$eq", second)))).containsExactly(second);
        assertThat(idsFound(door, fields("bk_biz_id", fields("$in", List.of(first, second), "$eq", second))))
                .as("both operators").containsExactly(second);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"bk_biz_id\":{\"$eq\":\"1\"}}|'condition.bk_biz_id.$eq' data parameter verification does not pass:"
                    + " '1' does not fit the attribute's type or option",
            "{\"bk_biz_id\":{\"$in\":[1,1.5]}}|'condition.bk_biz_id.$in[1]' data parameter verification does not pass:"
                    + " 1.5 does not fit the attribute's type or option",
            "{\"bk_biz_id\":{\"$gte\":1}}|'condition.bk_biz_id.$gte' data parameter verification does not pass:"
                    + " HostClone does not serve this condition",
            "{\"bk_biz_maintainer\":{\"$regex\":\"ali\"}}|'condition.bk_biz_maintainer.$regex' data parameter"
                    + " verification does not pass: HostClone does not serve this condition",
            "{\"life_cycle\":{}}|'condition.life_cycle' data parameter verification does not pass:"
                    + " HostClone does not serve this condition"})
    void givenAConditionNotServedOrAnIdThatIsNoInteger_whenSearchingBusinesses_then1199006NamingIt(String condition,
                                                                                                  String message) {
        assertRefusal(admin.esb("search_business", "{\"condition\":" + condition + "}"), 1199006, message);
    }

    @Test
    void givenLimitOver200_whenSearchingBusinesses_thenPageLimitIsExceeded() {
        assertRefusal(admin.esb("search_business", json(fields("page", fields("limit", 201)))),
                1199059, "page limit is exceeded. suggestion 200");
    }

    @Test
    void givenSortByAnUnsortableField_whenSearchingBusinesses_thenSortIsNamed() {
        assertRefusal(admin.v3("search_business", json(fields("page", fields("sort", "colour")))),
                1199006, "'sort' data parameter verification does not pass: 'colour' is not an allowed value");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNewName_whenCreatingCloudArea_thenItsIdComesBackAndItCanBeFound(Door door) {
        String name = aName("vpc");

        JsonNode created = assertSucceeded(admin.call(door, "create_cloud_area", json(fields("bk_cloud_name", name))));

        assertThat(created.get("created").get("origin_index").asInt()).isZero();
        JsonNode area = onlyCloudAreaNamed(name);
        assertThat(area.get("bk_cloud_id").asLong()).isEqualTo(created.get("created").get("id").asLong()).isPositive();
        assertThat(area.get("bk_creator").asText()).isEqualTo(ADMIN);
    }

    @Test
    void givenTakenName_whenCreatingCloudArea_thenDuplicateIsRefusedAndNoSecondAreaExists() {
        String name = aName("vpc");
        assertSucceeded(admin.esb("create_cloud_area", json(fields("bk_cloud_name", name))));

        assertRefusal(admin.v3("create_cloud_area", json(fields("bk_cloud_name", name))),
                1199014, "duplicated instances exist, fields [bk_cloud_name] duplicated: values ['" + name + "']");
        assertThat(cloudAreasNamed(name).get("count").asLong()).isEqualTo(1);
    }

    @Test
    void givenNoName_whenCreatingCloudArea_thenNameIsUnassignedAndNothingIsCreated() {
        long areasBefore = allCloudAreas();

        assertRefusal(admin.esb("create_cloud_area", json(fields("bk_vpc_id", "vpc-1"))), 1199010, "'bk_cloud_name' unassigned");
        assertThat(allCloudAreas()).isEqualTo(areasBefore);
    }

    @Test
    void givenNameOver128Characters_whenCreatingCloudArea_thenItIsTooLongAndNothingIsCreated() {
        String prefix = aName("vpc");
        String name = prefix + "n".repeat(129 - prefix.length());
        long areasBefore = allCloudAreas();

        assertRefusal(admin.v3("create_cloud_area", json(fields("bk_cloud_name", name))),
                1199006, "'bk_cloud_name' data parameter verification does not pass: '" + name.substring(0, 64) + "...' is too long");
        assertThat(allCloudAreas()).isEqualTo(areasBefore);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNameThatIsNotAString_whenCreatingCloudArea_thenJsonDecodingFailsNamingItAndNothingIsCreated(Door door) {
        long areasBefore = allCloudAreas();

        assertRefusal(admin.call(door, "create_cloud_area", json(fields("bk_cloud_name", 7))),
                1199000, "Deserializing JSON data failed: field 'bk_cloud_name' must be a string");
        assertThat(allCloudAreas()).isEqualTo(areasBefore);
    }

    @Test
    void givenUnknownField_whenCreatingCloudArea_thenItIsNamedAndNothingIsCreated() {
        String name = aName("vpc");

        assertRefusal(admin.esb("create_cloud_area", json(fields("bk_cloud_name", name, "colour", "red"))),
                1199006, "'colour' data parameter verification does not pass: no such attribute in the model");
        assertThat(cloudAreasNamed(name).get("count").asLong()).isZero();
    }

    @Test
    void givenMaintainerOnly_whenCreatingCloudArea_thenOnlyAdministratorsMayAndNothingIsCreated() {
        String name = aName("vpc");

        assertRefusal(client(MAINTAINER).v3("create_cloud_area", json(fields("bk_cloud_name", name))),
                9900403, "no permissions: create_cloud_area");
        assertThat(cloudAreasNamed(name).get("count").asLong()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenDefaultArea_whenSearchingCloudAreaById_thenItIsAlwaysThere(Door door) {
        JsonNode found = assertSucceeded(admin.call(door, "search_cloud_area", json(fields("condition", fields("bk_cloud_id", 0)))));

        assertThat(found.get("count").asLong()).isEqualTo(1);
        assertThat(found.get("info").get(0).get("bk_cloud_name").asText()).isEqualTo("Default Area");
    }

    @Test
    void givenPartOfAName_whenSearchingCloudAreasFuzzily_thenTheAreaIsFound() {
        String name = aName("Fuzzy");
        assertSucceeded(admin.esb("create_cloud_area", json(fields("bk_cloud_name", name))));

        JsonNode found = assertSucceeded(admin.v3("search_cloud_area", json(fields(
                "condition", fields("bk_cloud_name", name.substring(2).toUpperCase()), "is_fuzzy", true))));

        assertThat(found.get("info").findValuesAsText("bk_cloud_name")).containsExactly(name);
    }

    @Test
    void givenLimitOver1000_whenSearchingCloudAreas_thenPageLimitIsExceeded() {
        assertRefusal(admin.esb("search_cloud_area", json(fields("page", fields("limit", 1001)))),
                1199059, "page limit is exceeded. suggestion 1000");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTwoHosts_whenBatchUpdating_thenEachCarriesItsNewValuesStampedByTheUser(Door door) {
        List<Long> ids = hosts(aBusiness(), host(anIp()), host(anIp()));

        assertSucceeded(client(MAINTAINER).call(door, "batch_update_host", json(fields("update", List.of(
                fields("bk_host_id", ids.get(0), "properties", fields("bk_comment", "web", "bk_cpu", 8)),
                fields("bk_host_id", ids.get(1), "properties", fields("operator", "carol")))))));

        assertThat(baseInfo(ids.get(0)).get("bk_comment").asText()).isEqualTo("web");
        assertThat(baseInfo(ids.get(0)).get("bk_cpu").asLong()).isEqualTo(8);
        assertThat(baseInfo(ids.get(1)).get("operator").asText()).isEqualTo("carol");
        assertThat(baseInfo(ids.get(1)).get("bk_updated_by").asText()).isEqualTo(MAINTAINER);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenFieldsTheCallerMayNotSet_whenBatchUpdating_thenEachIsRefusedAndNothingIsWritten(Door door) {
        long hostId = hosts(aBusiness(), host(anIp(), "bk_comment", "as it was")).get(0);
        Map<String, JsonNode> before = baseInfo(hostId);

        assertUpdateRefused(door, hostId, fields("bk_comment", "x", "bk_asset_id", "A-9"),
                1199083, "field 'update[0].properties.bk_asset_id' may not be changed");
        assertUpdateRefused(door, hostId, fields("bk_cloud_id", 3), 1199083, "field 'update[0].properties.bk_cloud_id' may not be changed");
        assertUpdateRefused(door, hostId, fields("bk_host_innerip", anIp()), 1199083, "field 'update[0].properties.bk_host_innerip' may not be changed");
        assertUpdateRefused(door, hostId, fields("colour", "red"),
                1199006, "'update[0].properties.colour' data parameter verification does not pass: no such attribute in the model");
        assertUpdateRefused(door, hostId, fields("bk_cpu", "many"),
                1199006, "'update[0].properties.bk_cpu' data parameter verification does not pass: 'many' does not fit the attribute's type or option");
        assertThat(baseInfo(hostId)).isEqualTo(before);
    }

    /**
     * A caller that sends a host record back as its properties names its own {@code bk_host_id}: BlueKing
     * drops it, and until 2026-12-05 HostClone refused it as no attribute of the model, writing nothing.
     */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTheHostsOwnIdEchoedInItsProperties_whenBatchUpdating_thenTheOthersAreWrittenAndAuditedWithoutIt(Door door) {
        long business = aBusiness();
        long hostId = hosts(business, host(anIp())).get(0);

        assertSucceeded(updateOne(client(MAINTAINER), door, hostId, fields("bk_host_id", hostId, "bk_comment", "echoed")));

        assertThat(baseInfo(hostId).get("bk_comment").asText()).isEqualTo("echoed");
        assertThat(baseInfo(hostId).get("bk_host_id").asLong()).isEqualTo(hostId);
        JsonNode newest = assertSucceeded(admin.esb("list_operation_audit", json(fields("condition", fields(
                        "bk_biz_id", business, "resource_id", hostId, "action", List.of("update"),
                        "operation_time", fields("start", "2000-01-01 00:00:00")), "page", fields("limit", 1)))))
                .get("info").get(0);
        JsonNode record = assertSucceeded(admin.v3("find_audit_by_id", json(fields("id", List.of(newest.get("id")))))).get(0);
        assertThat(record.get("operation_detail").get("details").get("update_fields")).isEqualTo(tree(fields("bk_comment", "echoed")));
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenAnotherHostsIdOrTheOwnIdAloneInTheProperties_whenBatchUpdating_thenTheExactRefusalAndNothingIsWritten(Door door) {
        List<Long> ids = hosts(aBusiness(), host(anIp(), "bk_comment", "first as it was"), host(anIp(), "bk_comment", "second as it was"));
        Map<String, JsonNode> firstBefore = baseInfo(ids.get(0));
        Map<String, JsonNode> secondBefore = baseInfo(ids.get(1));
        long recordsBefore = allAuditRecords();

        assertRefusal(admin.call(door, "batch_update_host", json(fields("update", List.of(
                        fields("bk_host_id", ids.get(0), "properties", fields("bk_comment", "x")),
                        fields("bk_host_id", ids.get(1), "properties", fields("bk_comment", "y", "bk_host_id", ids.get(0))))))),
                1199083, "field 'update[1].properties.bk_host_id' may not be changed");
        assertRefusal(updateOne(admin, door, ids.get(0), fields("bk_host_id", ids.get(0))), 1199010, "'update[0].properties' unassigned");

        assertThat(baseInfo(ids.get(0))).isEqualTo(firstBefore);
        assertThat(baseInfo(ids.get(1))).isEqualTo(secondBefore);
        assertThat(allAuditRecords()).isEqualTo(recordsBefore);
    }

    /**
     * The security review's attack in small: a business's maintainer gives two custom fields a pattern that
     * backtracks, then sends a batch whose values each pass it after some three million reads. Checked on a
     * budget per value, 500 such entries held an event loop for 26 s; on one budget per request, the second
     * entry is refused at once and nothing is written, while the first alone is written.
     */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenCostlyPatternsSetByAMaintainer_whenBatchUpdatingValuesPastOneRequestsBudget_thenTooCostlyAndNoHostChanges(Door door) {
        long business = aBusiness();
        String evil0 = aName("evil");
        String evil1 = aName("evil");
        for (String field : List.of(evil0, evil1)) {
            Map<String, Object> definition = fields("bk_biz_id", business);
            definition.putAll(singlechar(field, "option", "^(?:(.*a){6}c|.*d)$"));
            assertSucceeded(client(MAINTAINER).call(door, "create_biz_custom_field", json(definition)));
        }
        List<Long> ids = hosts(business, host(anIp()), host(anIp()), host(anIp()), host(anIp()), host(anIp()));
        List<Map<String, JsonNode>> before = ids.stream().map(this::baseInfo).toList();
        long recordsBefore = allAuditRecords();
        // matched by .*d after some 3.4 million reads: two pass, the third is past ten million
        String value = "a".repeat(30) + "d";
        List<Map<String, Object>> entries = ids.stream()
                .map(id -> fields("bk_host_id", id, "properties", fields(evil0, value, evil1, value))).toList();

        assertRefusal(client(MAINTAINER).call(door, "batch_update_host", json(fields("update", entries))), 1199006,
                "'update[1].properties." + evil0 + "' data parameter verification does not pass: '" + value + "' could not be checked"
                        + " against the attribute's pattern: the request's pattern checks were too costly");

        assertThat(ids.stream().map(this::baseInfo).toList()).isEqualTo(before);
        assertThat(allAuditRecords()).isEqualTo(recordsBefore);
        assertSucceeded(client(MAINTAINER).call(door, "batch_update_host", json(fields("update", entries.subList(0, 1)))));
        assertThat(baseInfo(ids.get(0)).get(evil1).asText()).isEqualTo(value);
    }

    @Test
    void givenOneUnknownHost_whenBatchUpdating_thenItIsNotFoundAndTheOtherHostIsUntouched() {
        long hostId = hosts(aBusiness(), host(anIp())).get(0);
        Map<String, JsonNode> before = baseInfo(hostId);
        long recordsBefore = allAuditRecords();

        assertRefusal(admin.esb("batch_update_host", json(fields("update", List.of(
                        fields("bk_host_id", hostId, "properties", fields("bk_comment", "x")),
                        fields("bk_host_id", 99_999_999, "properties", fields("bk_comment", "y")))))),
                1110008, "The host could not be found: bk_host_id 99999999");
        assertThat(baseInfo(hostId)).isEqualTo(before);
        assertThat(allAuditRecords()).isEqualTo(recordsBefore);
    }

    @Test
    void givenSameHostTwice_whenBatchUpdating_thenTheHostIdIsDuplicatedAndNothingIsWritten() {
        long hostId = hosts(aBusiness(), host(anIp())).get(0);
        Map<String, JsonNode> before = baseInfo(hostId);
        Map<String, Object> entry = fields("bk_host_id", hostId, "properties", fields("bk_comment", "x"));
        long recordsBefore = allAuditRecords();

        assertRefusal(admin.esb("batch_update_host", json(fields("update", List.of(entry, entry)))),
                1199014, "duplicated instances exist, fields [bk_host_id] duplicated: values [" + hostId + "]");
        assertThat(baseInfo(hostId)).isEqualTo(before);
        assertThat(allAuditRecords()).isEqualTo(recordsBefore);
    }

    @Test
    void givenNoEntries_whenBatchUpdating_thenUpdateIsUnassigned() {
        long recordsBefore = allAuditRecords();

        assertRefusal(admin.esb("batch_update_host", json(fields("update", List.of()))), 1199010, "'update' unassigned");
        assertThat(allAuditRecords()).isEqualTo(recordsBefore);
    }

    @Test
    void givenEntryWithoutPropertiesAfterAGoodOne_whenBatchUpdating_thenItsPropertiesAreUnassignedAndNothingIsWritten() {
        List<Long> ids = hosts(aBusiness(), host(anIp()), host(anIp()));
        Map<String, JsonNode> before = baseInfo(ids.get(0));
        long recordsBefore = allAuditRecords();

        assertRefusal(admin.v3("batch_update_host", json(fields("update", List.of(
                        fields("bk_host_id", ids.get(0), "properties", fields("bk_comment", "x")),
                        fields("bk_host_id", ids.get(1)))))),
                1199010, "'update[1].properties' unassigned");
        assertThat(baseInfo(ids.get(0))).isEqualTo(before);
        assertThat(allAuditRecords()).isEqualTo(recordsBefore);
    }

    @Test
    void given501Entries_whenBatchUpdating_thenTheLimitOf500IsExceeded() {
        List<Map<String, Object>> entries = LongStream.rangeClosed(1, 501)
                .mapToObj(id -> fields("bk_host_id", id, "properties", fields("bk_comment", "x"))).toList();
        long recordsBefore = allAuditRecords();

        assertRefusal(admin.v3("batch_update_host", json(fields("update", entries))), 1199035, "update exceed the limit 500");
        assertThat(allAuditRecords()).isEqualTo(recordsBefore);
    }

    @Test
    void givenUserWhoMaintainsNothing_whenBatchUpdating_thenEditPermissionIsMissingAndNothingIsWritten() {
        long hostId = hosts(aBusiness(), host(anIp())).get(0);
        Map<String, JsonNode> before = baseInfo(hostId);

        long recordsBefore = allAuditRecords();

        ApiResponse refused = updateOne(client(STRANGER), Door.ESB, hostId, fields("bk_comment", "x"));

        assertRefusal(refused, 9900403, "no permissions: edit_biz_host");
        assertThat(allAuditRecords()).isEqualTo(recordsBefore);
        assertThat(refused.permission().get("actions").get(0).get("id").asText()).isEqualTo("edit_biz_host");
        assertThat(baseInfo(hostId)).isEqualTo(before);
    }

    private void assertUpdateRefused(Door door, long hostId, Map<String, Object> properties, long code, String message) {
        assertRefusal(updateOne(admin, door, hostId, properties), code, message);
    }

    private long aBusinessMaintainedBy(String maintainers) {
        JsonNode created = assertSucceeded(admin.esb("create_business",
                json(fields("bk_biz_name", aName("biz"), "bk_biz_maintainer", maintainers))));
        return created.get("bk_biz_id").asLong();
    }

    private long aBusinessNamed(String name) {
        JsonNode created = assertSucceeded(admin.esb("create_business",
                json(fields("bk_biz_name", name, "bk_biz_maintainer", MAINTAINER))));
        return created.get("bk_biz_id").asLong();
    }

    /** The ids of the businesses {@code condition} finds, in order of id. */
    private List<Long> idsFound(Door door, Map<String, Object> condition) {
        JsonNode found = assertSucceeded(admin.call(door, "search_business",
                json(fields("condition", condition, "fields", List.of("bk_biz_id"), "page", fields("limit", 200)))));
        List<Long> ids = new ArrayList<>();
        found.get("info").forEach(business -> ids.add(business.get("bk_biz_id").asLong()));
        assertThat(found.get("count").asLong()).isEqualTo(ids.size());
        return ids;
    }

    private String businessName(long business) {
        JsonNode found = assertSucceeded(admin.esb("search_business", json(fields("condition", fields("bk_biz_id", business)))));
        return found.get("info").get(0).get("bk_biz_name").asText();
    }

    private long allCloudAreas() {
        return assertSucceeded(admin.esb("search_cloud_area", json(fields()))).get("count").asLong();
    }

    private JsonNode cloudAreasNamed(String name) {
        return assertSucceeded(admin.esb("search_cloud_area", json(fields("condition", fields("bk_cloud_name", name)))));
    }

    private JsonNode onlyCloudAreaNamed(String name) {
        JsonNode found = cloudAreasNamed(name);
        assertThat(found.get("count").asLong()).as(found.toString()).isEqualTo(1);
        return found.get("info").get(0);
    }
}
