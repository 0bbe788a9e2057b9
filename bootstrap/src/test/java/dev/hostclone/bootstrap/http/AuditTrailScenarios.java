package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The audit trail end to end: list_operation_audit's filters and paging, find_audit_by_id's full
 * records, through both doors, each refusal with its exact code and message; and the whole story of
 * a business custom field from its definition to the audit record of the clone that copied it.
 * Every scenario reads only the records of its own business.
 */
abstract class AuditTrailScenarios extends EndToEndScenarios {

    private static final Map<String, Object> ALL_TIME = fields("start", "2000-01-01 00:00:00", "end", "2100-01-01 00:00:00");

    long business;
    long first;
    long second;

    /** Four records, oldest first: the two hosts created (by admin), then the first host updated by admin and by alice. */
    @BeforeEach
    void aBusinessWithFourRecords() {
        business = aBusiness();
        List<Long> ids = hosts(business, host(anIp()), host(anIp()));
        first = ids.get(0);
        second = ids.get(1);
        update(first, "bk_comment", "by admin");
        assertSucceeded(updateOne(client(MAINTAINER), Door.ESB, first, fields("bk_comment", "by alice")));
    }

    @Test
    void givenCustomFieldSetAndCloned_whenReadingTheCloneAuditRecord_thenItHoldsTheDestinationBeforeAndTheFieldsWritten() {
        String owner = aName("owner_team");
        assertSucceeded(admin.esb("create_biz_custom_field", json(fields("bk_biz_id", business,
                "bk_obj_id", "host", "bk_property_id", owner, "bk_property_name", "Owner team", "bk_property_type", "singlechar"))));
        assertSucceeded(admin.v3("batch_update_host", json(fields("update", List.of(
                fields("bk_host_id", first, "properties", fields(owner, "payments", "operator", "alice")),
                fields("bk_host_id", second, "properties", fields("bk_comment", "spare")))))));
        Map<String, JsonNode> destinationBefore = baseInfo(second);

        assertSucceeded(admin.withHeader("X-Request-ID", "clone-" + business).esb("clone_host_property",
                json(fields("bk_biz_id", business, "bk_org_id", first, "bk_dst_id", second))));

        JsonNode newest = list(Door.V3, fields("bk_biz_id", business, "resource_id", second, "action", List.of("update")), 1)
                .get("info").get(0);
        assertThat(newest.get("rid").asText()).isEqualTo("clone-" + business);
        JsonNode record = assertSucceeded(admin.esb("find_audit_by_id", json(fields("id", List.of(newest.get("id")))))).get(0);
        assertThat(record.get("action").asText()).isEqualTo("update");
        assertThat(record.get("audit_type").asText()).isEqualTo("host");
        assertThat(record.get("resource_type").asText()).isEqualTo("host");
        assertThat(record.get("bk_biz_id").asLong()).isEqualTo(business);
        assertThat(record.get("resource_id").asLong()).isEqualTo(second);
        assertThat(record.get("resource_name").asText()).isEqualTo(destinationBefore.get("bk_host_innerip").asText());
        assertThat(record.get("user").asText()).isEqualTo(ADMIN);
        assertThat(record.get("code").asText()).isEqualTo(APP);
        assertThat(record.get("operate_from").asText()).isEqualTo("user");
        JsonNode details = record.get("operation_detail").get("details");
        assertThat(details.get("pre_data").get("bk_host_id").asLong()).isEqualTo(second);
        assertThat(details.get("pre_data").get("bk_comment").asText()).isEqualTo("spare");
        assertThat(details.get("pre_data").has(owner)).isFalse();
        assertThat(details.get("cur_data").isNull()).isTrue();
        assertThat(details.get("update_fields")).isEqualTo(tree(fields(owner, "payments", "operator", "alice", "bk_comment", "by alice")));
        assertThat(baseInfo(second).get(owner).asText()).isEqualTo("payments");
    }

    /** A host with IPv6 inner addresses alone is named by them: its records had an empty resource_name, which no search found. */
    @Test
    void givenAHostWithIpv6InnerAddressesAlone_whenListingByItsAddress_thenItsRecordIsFound() {
        String v6 = "fd00::" + anIp().replace('.', ':');
        long id = hosts(business, fields("bk_host_innerip_v6", v6, "bk_cloud_id", 0)).get(0);
        String stored = baseInfo(id).get("bk_host_innerip_v6").asText();

        JsonNode page = list(Door.ESB, fields("bk_biz_id", business, "resource_name", stored), 10);

        assertThat(page.get("count").asLong()).isEqualTo(1);
        assertThat(page.get("info").get(0).get("resource_id").asLong()).isEqualTo(id);
        assertThat(page.get("info").get(0).get("resource_name").asText()).isEqualTo(stored).isNotEmpty();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenBusiness_whenListingItsAudit_thenNewestFirstWithoutDetails(Door door) {
        JsonNode page = list(door, fields("bk_biz_id", business), 10);

        assertThat(page.get("count").asLong()).isEqualTo(4);
        assertThat(ids(page)).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(page.get("info").findValuesAsText("action")).containsExactly("update", "update", "create", "create");
        assertThat(page.get("info").get(0).get("user").asText()).isEqualTo(MAINTAINER);
        assertThat(page.get("info").get(0).get("operation_detail").isNull()).isTrue();
        assertThat(page.get("info").get(0).get("operation_time").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void givenSortById_whenListingAudit_thenOldestFirst() {
        JsonNode page = assertSucceeded(admin.esb("list_operation_audit", json(fields(
                "condition", fields("bk_biz_id", business, "operation_time", ALL_TIME),
                "page", fields("limit", 10, "sort", "id")))));

        assertThat(ids(page)).isSorted();
        assertThat(page.get("info").get(0).get("action").asText()).isEqualTo("create");
    }

    @Test
    void givenEachFilter_whenListingAudit_thenOnlyMatchingRecordsAreCounted() {
        assertThat(count(fields("action", List.of("create")))).isEqualTo(2);
        assertThat(count(fields("action", List.of("update", "delete")))).isEqualTo(2);
        assertThat(count(fields("user", MAINTAINER))).isEqualTo(1);
        assertThat(count(fields("resource_type", "host", "resource_id", second))).isEqualTo(1);
        assertThat(count(fields("resource_type", "business"))).isZero();
        assertThat(count(fields("operation_time", fields("end", "2001-01-01 00:00:00")))).isZero();
        assertThat(count(fields("operation_time", fields("start", "2001-01-01 00:00:00")))).isEqualTo(4);
    }

    @Test
    void givenStartAndLimit_whenListingAudit_thenThatPageComesBackWithTheFullCount() {
        JsonNode all = list(Door.ESB, fields("bk_biz_id", business), 200);

        JsonNode page = assertSucceeded(admin.v3("list_operation_audit", json(fields(
                "condition", fields("bk_biz_id", business, "operation_time", ALL_TIME), "page", fields("start", 1, "limit", 2)))));

        assertThat(page.get("count").asLong()).isEqualTo(4);
        assertThat(ids(page)).containsExactlyElementsOf(ids(all).subList(1, 3));
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenLimitOver200_whenListingAudit_thenPageLimitIsExceeded(Door door) {
        assertRefusal(admin.call(door, "list_operation_audit", json(fields(
                        "condition", fields("operation_time", ALL_TIME), "page", fields("limit", 201)))),
                1199059, "page limit is exceeded. suggestion 200");
    }

    @Test
    void givenNoTimeRange_whenListingAudit_thenOperationTimeIsUnassigned() {
        assertRefusal(admin.esb("list_operation_audit", json(fields("condition", fields("bk_biz_id", business),
                "page", fields("limit", 10)))), 1199010, "'operation_time' unassigned");
    }

    @Test
    void givenNoLimit_whenListingAudit_thenLimitIsNamed() {
        assertRefusal(admin.v3("list_operation_audit", json(fields("condition", fields("operation_time", ALL_TIME)))),
                1199006, "'limit' data parameter verification does not pass: it is missing or does not exist");
    }

    @Test
    void givenDateWithoutTime_whenListingAudit_thenTheBoundIsNamed() {
        assertRefusal(admin.esb("list_operation_audit", json(fields("condition", fields("operation_time",
                        fields("start", "2020-01-01")), "page", fields("limit", 10)))),
                1199006, "'condition.operation_time.start' data parameter verification does not pass: '2020-01-01' is not an allowed value");
    }

    /**
     * A year of four digits, as BlueKing reads it. Until 2026-12-06 a signed year of more was read, and one past the
     * last time PostgreSQL holds (294276 AD) was a 500 there, where memory answered a page.
     */
    @ParameterizedTest
    @ValueSource(strings = {"+294277-01-05 00:00:00", "+10000-01-01 00:00:00", "-0001-01-01 00:00:00"})
    void givenAYearOfOtherThanFourDigits_whenListingAudit_thenTheBoundIsNamed(String start) {
        assertRefusal(admin.esb("list_operation_audit", json(fields("condition", fields("operation_time",
                        fields("start", start)), "page", fields("limit", 10)))),
                1199006, "'condition.operation_time.start' data parameter verification does not pass: '" + start
                        + "' is not an allowed value");
    }

    /** The first and the last second four digits name both bound a range, on either store. */
    @Test
    void givenTheWidestRangeOfFourDigitYears_whenListingAudit_thenEveryRecordIsCounted() {
        JsonNode page = list(Door.ESB, fields("bk_biz_id", business, "operation_time",
                fields("start", "0000-01-01 00:00:00", "end", "9999-12-31 23:59:59")), 10);

        assertThat(page.get("count").asLong()).isEqualTo(4);
    }

    @Test
    void givenUnknownAction_whenListingAudit_thenTheActionIsNamed() {
        assertRefusal(admin.esb("list_operation_audit", json(fields("condition", fields("operation_time", ALL_TIME,
                        "action", List.of("update", "merge")), "page", fields("limit", 10)))),
                1199006, "'condition.action[1]' data parameter verification does not pass: 'merge' is not an allowed value");
    }

    @Test
    void givenMaintainer_whenListingAllBusinesses_thenOnlyTheirOwnBusinessMayBeListed() {
        ApiResponse everything = client(MAINTAINER).esb("list_operation_audit", json(fields(
                "condition", fields("operation_time", ALL_TIME), "page", fields("limit", 10))));
        ApiResponse own = client(MAINTAINER).esb("list_operation_audit", json(fields(
                "condition", fields("bk_biz_id", business, "operation_time", ALL_TIME), "page", fields("limit", 10))));

        assertRefusal(everything, 9900403, "no permissions: find_audit_log");
        assertThat(assertSucceeded(own).get("count").asLong()).isEqualTo(4);
    }

    /**
     * One user, one name: a maintainer writing as jose\u0301 (combining accent) is recorded as jos\u00e9, as
     * stored names are, and a filter naming them either way finds their record.
     */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenAWriteByAUserNamedDecomposed_whenFilteringByTheirNameEitherWay_thenTheirRecordIsFound(Door door) {
        String tag = aName("u");
        String composed = "jos\u00e9_" + tag;
        String decomposed = "jose\u0301_" + tag;
        long own = assertSucceeded(admin.esb("create_business", json(fields(
                "bk_biz_name", aName("audit"), "bk_biz_maintainer", composed)))).get("bk_biz_id").asLong();
        long host = hosts(own, host(anIp())).get(0);
        assertSucceeded(updateOne(client(decomposed), Door.ESB, host, fields("bk_comment", "by " + tag)));

        JsonNode byComposed = list(door, fields("bk_biz_id", own, "user", composed), 10);
        JsonNode byDecomposed = list(door, fields("bk_biz_id", own, "user", decomposed), 10);

        assertThat(byComposed.get("count").asLong()).isEqualTo(1);
        assertThat(byComposed.get("info").get(0).get("user").asText()).isEqualTo(composed);
        assertThat(byComposed.get("info").get(0).get("action").asText()).isEqualTo("update");
        assertThat(ids(byDecomposed)).isEqualTo(ids(byComposed));
    }

    /**
     * A name of 256 characters, each beyond the Basic Multilingual Plane (1 kB of UTF-8), the longest a maintainer
     * may have, writes and is found by its name: PostgreSQL's audit index holds it.
     */
    @Test
    void givenAMaintainerWithTheLongestName_whenTheyWrite_thenTheirRecordIsFoundByIt() {
        String tag = aName("u");
        String longest = tag + "\ud840\udc00".repeat(256 - tag.length());
        long own = assertSucceeded(admin.esb("create_business", json(fields(
                "bk_biz_name", aName("audit"), "bk_biz_maintainer", longest)))).get("bk_biz_id").asLong();
        long host = hosts(own, host(anIp())).get(0);

        assertSucceeded(updateOne(client(longest), Door.ESB, host, fields("bk_comment", "by " + tag)));

        JsonNode records = list(Door.ESB, fields("bk_biz_id", own, "user", longest), 10);
        assertThat(records.get("count").asLong()).isEqualTo(1);
        assertThat(records.get("info").get(0).get("user").asText()).isEqualTo(longest);
    }

    /**
     * One character more is nobody's name, refused on either door with nothing written; until 2026-12-06 an
     * administrator of that name got a 500 on PostgreSQL, whose audit index refused a name of about 2.7 kB.
     */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenAUserOf257Characters_whenWriting_then401AndNothingIsWritten(Door door) {
        long audits = allAuditRecords();

        // ASCII: the tests' client sends the v3 header's characters as they are, which must be ASCII
        ApiResponse response = updateOne(client("a".repeat(257)), door, first, fields("bk_comment", "too long"));

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.message()).isEqualTo("Do not have access permission. bk_username is longer than 256 characters.");
        assertThat(baseInfo(first).get("bk_comment").asText()).isEqualTo("by alice");
        assertThat(allAuditRecords()).isEqualTo(audits);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenIdsOfTwoRecords_whenFindingThem_thenBothComeBackFullInTheOrderAsked(Door door) {
        List<Long> ids = ids(list(Door.ESB, fields("bk_biz_id", business, "resource_id", second), 10));
        long created = ids.get(0);
        long updated = ids(list(Door.ESB, fields("bk_biz_id", business, "user", MAINTAINER), 10)).get(0);

        JsonNode records = assertSucceeded(admin.call(door, "find_audit_by_id", json(fields("id", List.of(updated, created)))));

        assertThat(records.findValuesAsText("id")).containsExactly(String.valueOf(updated), String.valueOf(created));
        JsonNode update = records.get(0).get("operation_detail").get("details");
        assertThat(update.get("pre_data").get("bk_comment").asText()).isEqualTo("by admin");
        assertThat(update.get("update_fields")).isEqualTo(tree(fields("bk_comment", "by alice")));
        JsonNode create = records.get(1).get("operation_detail").get("details");
        assertThat(create.get("cur_data").get("bk_host_id").asLong()).isEqualTo(second);
        assertThat(records.get(1).get("action").asText()).isEqualTo("create");
    }

    @Test
    void givenNoIds_whenFindingAudit_thenIdIsUnassigned() {
        assertRefusal(admin.esb("find_audit_by_id", json(fields("id", List.of()))), 1199010, "'id' unassigned");
    }

    @Test
    void givenIdsOfNoRecord_whenFindingAudit_thenIdIsInvalid() {
        assertRefusal(admin.v3("find_audit_by_id", json(fields("id", List.of(99_999_999)))),
                1199011, "'id' the parameter is invalid or does not exist");
    }

    @Test
    void given201Ids_whenFindingAudit_thenPageLimitIsExceeded() {
        assertRefusal(admin.esb("find_audit_by_id", json(fields("id", LongStream.rangeClosed(1, 201).boxed().toList()))),
                1199059, "page limit is exceeded. suggestion 200");
    }

    @Test
    void givenIdAsString_whenFindingAudit_thenJsonDecodingFailsNamingIt() {
        assertRefusal(admin.v3("find_audit_by_id", json(fields("id", List.of("1")))),
                1199000, "Deserializing JSON data failed: field 'id[0]' must be an integer");
    }

    @Test
    void givenUserWhoMaintainsNothing_whenFindingARecordOfTheBusiness_thenFindAuditLogIsMissing() {
        long newest = ids(list(Door.ESB, fields("bk_biz_id", business), 1)).get(0);

        assertRefusal(client(STRANGER).esb("find_audit_by_id", json(fields("id", List.of(newest)))),
                9900403, "no permissions: find_audit_log");
    }

    private JsonNode list(Door door, Map<String, Object> condition, int limit) {
        Map<String, Object> timed = fields("operation_time", ALL_TIME);
        timed.putAll(condition);
        return assertSucceeded(admin.call(door, "list_operation_audit",
                json(fields("condition", timed, "page", fields("limit", limit)))));
    }

    /** How many records of this scenario's business match {@code condition} (all time unless it says otherwise). */
    private long count(Map<String, Object> condition) {
        Map<String, Object> scoped = fields("bk_biz_id", business);
        scoped.putAll(condition);
        return list(Door.ESB, scoped, 200).get("count").asLong();
    }

    private static List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("info").forEach(record -> ids.add(record.get("id").asLong()));
        return ids;
    }
}
