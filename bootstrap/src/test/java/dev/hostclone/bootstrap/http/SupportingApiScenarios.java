package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.RawConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The supporting APIs and the protocol around every API, end to end: credentials, unknown paths,
 * wrong methods, oversized bodies, request ids; each refusal with its exact code and message and
 * nothing written.
 */
abstract class SupportingApiScenarios extends EndToEndScenarios {

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNameAndMaintainer_whenCreatingBusiness_thenItComesBackWithIdAndDefaults(Door door) {
        String name = "shop-" + UUID.randomUUID();
        ApiResponse created = admin.call(door, "create_business",
                json(fields("bk_biz_name", name, "bk_biz_maintainer", "alice,bob")));

        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(created.data().get("bk_biz_id").asLong()).isPositive();
        assertThat(created.data().get("bk_biz_name").asText()).isEqualTo(name);
        assertThat(created.data().get("time_zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(created.data().get("language").asText()).isEqualTo("1");
        assertThat(created.data().get("life_cycle").asText()).isEqualTo("2");
    }

    /**
     * BlueKing's own example of create_business (its ESB document) sends the stamps, which its core service replaces
     * with its own: taken, and the business stamped by whoever created it. Until 2026-12-07 refused, 1199006
     * {@code 'bk_created_at' … no such attribute in the model}.
     */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTheStampsOfBlueKingsExample_whenCreatingBusiness_thenItIsCreatedStampedByItsCaller(Door door) {
        String name = "main-" + UUID.randomUUID();
        ApiResponse created = admin.call(door, "create_business", json(fields("bk_biz_name", name,
                "bk_biz_maintainer", "admin", "bk_created_at", "", "bk_updated_at", "",
                "bk_created_by", "someone-else", "bk_updated_by", "someone-else", "language", "1",
                "operator", "admin", "life_cycle", "2")));

        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(created.data().get("bk_created_by").asText()).isEqualTo(ADMIN);
        assertThat(created.data().get("bk_updated_by").asText()).isEqualTo(ADMIN);
        assertThat(created.data().get("bk_created_at").asText()).isNotEmpty()
                .isEqualTo(created.data().get("bk_updated_at").asText());
    }

    @Test
    void givenTakenName_whenCreatingBusiness_thenDuplicateIsRefusedAndTheFirstStaysAlone() {
        String name = "dup-" + UUID.randomUUID();
        assertSucceeded(admin.esb("create_business", json(fields("bk_biz_name", name, "bk_biz_maintainer", "alice"))));
        long businessesBefore = allBusinesses();

        ApiResponse again = admin.v3("create_business", json(fields("bk_biz_name", name, "bk_biz_maintainer", "bob")));

        assertRefused(again, 1199014, "duplicated instances exist, fields [bk_biz_name] duplicated: values ['" + name + "']");
        assertThat(allBusinesses()).isEqualTo(businessesBefore);
        JsonNode named = assertSucceeded(admin.esb("search_business", json(fields("condition", fields("bk_biz_name", name)))));
        assertThat(named.get("info").findValuesAsText("bk_biz_maintainer")).containsExactly("alice");
    }

    /** One field wrong in an otherwise good business: the exact refusal, and no business is created. */
    static Stream<Arguments> refusedBusinesses() {
        return Stream.of(
                Arguments.of("no name", fields("bk_biz_maintainer", "alice"), 1199010, "'bk_biz_name' unassigned"),
                Arguments.of("a blank name", fields("bk_biz_name", "  ", "bk_biz_maintainer", "alice"),
                        1199010, "'bk_biz_name' unassigned"),
                Arguments.of("no maintainer", fields("bk_biz_name", aName("refused")), 1199010, "'bk_biz_maintainer' unassigned"),
                Arguments.of("a maintainer list naming nobody", fields("bk_biz_name", aName("refused"), "bk_biz_maintainer", ",,"),
                        1199010, "'bk_biz_maintainer' unassigned"),
                Arguments.of("a maintainer name with a space", fields("bk_biz_name", aName("refused"), "bk_biz_maintainer", "张三,li si"),
                        1199006, "'bk_biz_maintainer' data parameter verification does not pass: 'li si' is not an allowed value"),
                Arguments.of("maintainers over 2000 characters in all", fields("bk_biz_name", aName("refused"),
                                "bk_biz_maintainer", String.join(",", Collections.nCopies(10, "张".repeat(199))) + "99"),
                        1199006, "'bk_biz_maintainer' data parameter verification does not pass: '" + "张".repeat(64)
                                + "...' is too long"),
                Arguments.of("an unknown field", fields("bk_biz_name", aName("refused"), "bk_biz_maintainer", "alice", "colour", "red"),
                        1199006, "'colour' data parameter verification does not pass: no such attribute in the model"),
                Arguments.of("a life cycle not allowed",
                        fields("bk_biz_name", aName("refused"), "bk_biz_maintainer", "alice", "life_cycle", "4"),
                        1199006, "'life_cycle' data parameter verification does not pass: '4' is not an allowed value"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBusinesses")
    void givenOneFieldWrong_whenCreatingBusiness_thenTheExactRefusalAndNoBusinessIsCreated(String situation,
            Map<String, Object> business, long code, String message) {
        long businessesBefore = allBusinesses();

        assertRefused(admin.esb("create_business", json(business)), code, message);
        assertThat(allBusinesses()).isEqualTo(businessesBefore);
    }

    /**
     * A user named outside ASCII, as the header authenticates them: until 2026-12-05 create_business refused
     * 张三 as a maintainer ({@code '张三' is not an allowed value}), so such a user could log in but never be
     * let see or edit a host.
     */
    @Test
    void givenABusinessMaintainedByAUserNamedInChinese_whenThatUserReadsAndClonesItsHostsThroughTheHeader_thenBothSucceed() {
        String user = "张三";
        JsonNode business = assertSucceeded(admin.esb("create_business",
                json(fields("bk_biz_name", aName("zh"), "bk_biz_maintainer", "alice," + user))));
        assertThat(business.get("bk_biz_maintainer").asText()).isEqualTo("alice," + user);
        long businessId = business.get("bk_biz_id").asLong();
        List<Long> ids = hosts(businessId, host(anIp(), "operator", user, "bk_comment", "kept by " + user), host(anIp()));

        JsonNode source = assertSucceeded(asRawUtf8(user, "GET", "/api/v3/hosts/0/" + ids.get(0), null));
        assertSucceeded(asRawUtf8(user, "PUT", "/api/v3/hosts/property/clone",
                json(fields("bk_biz_id", businessId, "bk_org_id", ids.get(0), "bk_dst_id", ids.get(1)))));

        assertThat(source.findValuesAsText("bk_property_value")).contains(user, "kept by " + user);
        Map<String, JsonNode> destination = baseInfo(ids.get(1));
        assertThat(destination.get("operator").asText()).isEqualTo(user);
        assertThat(destination.get("bk_comment").asText()).isEqualTo("kept by " + user);
        assertThat(destination.get("bk_updated_by").asText()).isEqualTo(user);
    }

    /**
     * One user, one name: jos\u00e9 typed with a combining accent (jose\u0301), as some systems send it, is the
     * maintainer stored precomposed, through the header and the body alike. Until 2026-12-06 names were compared
     * as sent, and such a maintainer was refused their own business and hosts.
     */
    @Test
    void givenAMaintainerStoredComposed_whenTheyCallWithTheirNameDecomposed_thenTheySeeCloneAndFindTheirHosts() {
        String tag = aName("u");
        String composed = "jos\u00e9_" + tag;
        String decomposed = "jose\u0301_" + tag;
        long businessId = assertSucceeded(admin.esb("create_business", json(fields(
                "bk_biz_name", aName("nfc"), "bk_biz_maintainer", "alice," + composed)))).get("bk_biz_id").asLong();
        List<Long> ids = hosts(businessId, host(anIp(), "operator", composed, "bk_comment", "kept"), host(anIp()));

        assertSucceeded(asRawUtf8(decomposed, "GET", "/api/v3/hosts/0/" + ids.get(0), null));
        assertSucceeded(asRawUtf8(decomposed, "PUT", "/api/v3/hosts/property/clone",
                json(fields("bk_biz_id", businessId, "bk_org_id", ids.get(0), "bk_dst_id", ids.get(1)))));
        assertSucceeded(client(decomposed).esb("get_host_base_info", json(fields("bk_host_id", ids.get(1)))));
        JsonNode found = assertSucceeded(client(decomposed).esb("search_business",
                json(fields("condition", fields("bk_biz_id", businessId)))));

        assertThat(found.get("count").asLong()).as("a maintainer sees their business").isEqualTo(1);
        Map<String, JsonNode> destination = baseInfo(ids.get(1));
        assertThat(destination.get("operator").asText()).isEqualTo(composed);
        assertThat(destination.get("bk_comment").asText()).isEqualTo("kept");
        assertThat(destination.get("bk_updated_by").asText()).as("the caller as stored names are").isEqualTo(composed);
    }

    /** Every objuser value written keeps its names composed, so that stored names and callers' agree on either store. */
    @Test
    void givenUserNamesSentDecomposed_whenCreatingABusinessAddingAndUpdatingAHost_thenEachIsStoredComposed() {
        JsonNode business = assertSucceeded(admin.esb("create_business", json(fields(
                "bk_biz_name", aName("nfd"), "bk_biz_maintainer", "jose\u0301,alice", "bk_biz_tester", "Zo\u0308e"))));
        long businessId = business.get("bk_biz_id").asLong();
        long host = hosts(businessId, host(anIp(), "operator", "jose\u0301")).get(0);
        update(host, "bk_bak_operator", "Zo\u0308e,jose\u0301");

        assertThat(business.get("bk_biz_maintainer").asText()).isEqualTo("jos\u00e9,alice");
        assertThat(business.get("bk_biz_tester").asText()).isEqualTo("Z\u00f6e");
        Map<String, JsonNode> stored = baseInfo(host);
        assertThat(stored.get("operator").asText()).isEqualTo("jos\u00e9");
        assertThat(stored.get("bk_bak_operator").asText()).isEqualTo("Z\u00f6e,jos\u00e9");
        JsonNode found = assertSucceeded(admin.esb("search_business", json(fields("condition", fields("bk_biz_id", businessId)))));
        assertThat(found.get("info").get(0).get("bk_biz_maintainer").asText()).as("as stored").isEqualTo("jos\u00e9,alice");
    }

    @Test
    void givenMaintainerOnly_whenCreatingBusiness_thenOnlyAdministratorsMayAndNothingIsCreated() {
        String name = "not-mine-" + UUID.randomUUID();
        long businessesBefore = allBusinesses();

        ApiResponse refused = client(MAINTAINER).esb("create_business",
                json(fields("bk_biz_name", name, "bk_biz_maintainer", MAINTAINER)));

        assertRefused(refused, 9900403, "no permissions: create_business");
        assertNoBusinessNamed(name, businessesBefore);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenHosts_whenAddingToBusinessIdle_thenIdsComeBackInInputOrder(Door door) {
        long business = aBusiness();
        String first = anIp();
        String second = anIp();

        ApiResponse added = admin.call(door, "add_host_to_business_idle", json(fields("bk_biz_id", business,
                "bk_host_list", List.of(host(first), host(second, "bk_comment", "spare")))));

        assertThat(added.code()).as(added.toString()).isZero();
        long firstId = added.data().get("bk_host_ids").get(0).asLong();
        long secondId = added.data().get("bk_host_ids").get(1).asLong();
        assertThat(baseInfo(firstId).get("bk_host_innerip").asText()).isEqualTo(first);
        assertThat(baseInfo(secondId).get("bk_comment").asText()).isEqualTo("spare");
    }

    @Test
    void givenUnknownAttribute_whenAddingHosts_thenItIsNamedAndNoHostIsAdded() {
        long business = aBusiness();
        String ip = anIp();

        ApiResponse refused = admin.esb("add_host_to_business_idle", json(fields("bk_biz_id", business,
                "bk_host_list", List.of(host(ip), host(anIp(), "colour", "red")))));

        assertRefused(refused, 1199006, "'bk_host_list[1].colour' data parameter verification does not pass: no such attribute in the model");
        assertNoHostHolds(business, ip);
    }

    @Test
    void givenIpAlreadyTaken_whenAddingHosts_thenDuplicateIsRefusedAndNothingIsAdded() {
        long business = aBusiness();
        String taken = anIp();
        hosts(business, host(taken));
        String fresh = anIp();

        ApiResponse refused = admin.esb("add_host_to_business_idle", json(fields("bk_biz_id", business,
                "bk_host_list", List.of(host(fresh), host(taken)))));

        assertRefused(refused, 1199014,
                "duplicated instances exist, fields [bk_host_innerip, bk_cloud_id] duplicated: values ['" + taken + "', 0]");
        assertNoHostHolds(business, fresh);
    }

    /** One bad host beside a good one: the exact refusal, naming its entry, and the good one is not added either. */
    static Stream<Arguments> refusedHosts() {
        return Stream.of(
                Arguments.of("no inner IP", fields("bk_cloud_id", 0), 1199010, "'bk_host_list[1].bk_host_innerip or bk_host_list[1].bk_host_innerip_v6' unassigned"),
                Arguments.of("no cloud area", fields("bk_host_innerip", "10.250.0.1"), 1199006,
                        "'bk_host_list[1].bk_cloud_id' data parameter verification does not pass: it is missing or does not exist"),
                Arguments.of("an unknown addressing", host("10.250.0.2", "bk_addressing", "floating"), 1199006,
                        "'bk_host_list[1].bk_addressing' data parameter verification does not pass: 'floating' is not an allowed value"),
                Arguments.of("a system field", host("10.250.0.3", "create_time", "2026-01-01T00:00:00Z"), 1199006,
                        "'bk_host_list[1].create_time' data parameter verification does not pass: the attribute cannot be set through this API"),
                Arguments.of("an inner IP that is not one", host("10.250.0.300"), 1199006,
                        "'bk_host_list[1].bk_host_innerip' data parameter verification does not pass: '10.250.0.300' is not a valid IPv4 address, or a comma list of them"),
                Arguments.of("a singlechar over its 256 characters", host("10.250.0.4", "bk_os_name", "x".repeat(257)), 1199006,
                        "'bk_host_list[1].bk_os_name' data parameter verification does not pass: '" + "x".repeat(64) + "...' is too long"),
                // cut by UTF-16 units, the message ended in half an emoji, which many JSON decoders refuse
                Arguments.of("a singlechar of emoji over its 256 characters",
                        host("10.250.0.5", "bk_os_name", "x" + "\ud83d\ude00".repeat(256)), 1199006,
                        "'bk_host_list[1].bk_os_name' data parameter verification does not pass: '" + "x" + "\ud83d\ude00".repeat(63)
                                + "...' is too long"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedHosts")
    void givenOneBadHostAmongGoodOnes_whenAddingHosts_thenTheExactRefusalAndNoHostIsAdded(String situation,
            Map<String, Object> bad, long code, String message) {
        long business = aBusiness();
        String fresh = anIp();
        long auditsBefore = allAuditRecords();

        ApiResponse refused = admin.esb("add_host_to_business_idle", json(fields("bk_biz_id", business,
                "bk_host_list", List.of(host(fresh), bad))));

        assertRefused(refused, code, message);
        assertNoHostHolds(business, fresh);
        assertThat(allAuditRecords()).as("each host added leaves a record").isEqualTo(auditsBefore);
    }

    @Test
    void givenOneNewIpTwiceInARequest_whenAddingHosts_thenDuplicateIsRefusedAndNothingIsAdded() {
        long business = aBusiness();
        String twice = anIp();

        ApiResponse refused = admin.esb("add_host_to_business_idle", json(fields("bk_biz_id", business,
                "bk_host_list", List.of(host(twice), host(twice)))));

        assertRefused(refused, 1199014,
                "duplicated instances exist, fields [bk_host_innerip, bk_cloud_id] duplicated: values ['" + twice + "', 0]");
        assertNoHostHolds(business, twice);
    }

    @Test
    void givenUnknownCloudArea_whenAddingHosts_thenCloudIdIsNamedAndNothingWritten() {
        long business = aBusiness();
        String ip = anIp();
        long auditsBefore = allAuditRecords();

        assertRefused(admin.esb("add_host_to_business_idle", json(fields("bk_biz_id", business,
                        "bk_host_list", List.of(host(ip, "bk_cloud_id", 77))))),
                1199006, "'bk_host_list[0].bk_cloud_id' data parameter verification does not pass: 77 does not exist");
        assertThat(allAuditRecords()).as("each host added leaves a record").isEqualTo(auditsBefore);
        assertNoHostHolds(business, ip);
    }

    /**
     * A whole number written with a fraction is that whole number, as BlueKing takes it (a Python agent computing
     * {@code total / 1024} sends {@code 16384.0}; refused until 2026-12-07), and reads back without one.
     */
    @Test
    void givenAWholeNumberWrittenWithAFraction_whenAddingHostsAndUpdating_thenItIsThatWholeNumber() {
        long business = aBusiness();

        long host = hosts(business, host(anIp(), "bk_cpu", 16.0, "bk_cloud_id", 0.0)).get(0);
        update(host, "bk_mem", 16384.0);

        Map<String, JsonNode> stored = baseInfo(host);
        assertThat(stored.get("bk_cpu").isIntegralNumber()).isTrue();
        assertThat(stored.get("bk_cpu").asLong()).isEqualTo(16);
        assertThat(stored.get("bk_mem").asText()).isEqualTo("16384");
        assertThat(stored.get("bk_cloud_id").asText()).isEqualTo("0");
    }

    /** Texts trimmed as BlueKing trims them: an ideographic space off a name, an enum's trailing space off its id. */
    @Test
    void givenTextsEndingInUnicodeWhiteSpace_whenAddingAHost_thenTheyAreStoredTrimmedAsBlueKingStoresThem() {
        long business = aBusiness();

        long host = hosts(business, host(anIp(), "bk_host_name", "web01\u3000", "bk_sla", "1 ",
                "bk_comment", "\u00a0kept\u0001")).get(0);

        Map<String, JsonNode> stored = baseInfo(host);
        assertThat(stored.get("bk_host_name").asText()).isEqualTo("web01");
        assertThat(stored.get("bk_sla").asText()).isEqualTo("1");
        assertThat(stored.get("bk_comment").asText()).isEqualTo("kept\u0001");
    }

    /** A fraction is no whole number, where BlueKing truncates it to check its range and stores it as sent. */
    @Test
    void givenAFractionForAWholeNumber_whenAddingHosts_thenItIsRefusedAndNothingWritten() {
        long business = aBusiness();
        String cpu = anIp();
        String cloud = anIp();

        assertRefused(admin.esb("add_host_to_business_idle", json(fields("bk_biz_id", business,
                        "bk_host_list", List.of(host(cpu, "bk_cpu", 16.5))))),
                1199006, "'bk_host_list[0].bk_cpu' data parameter verification does not pass: 16.5 does not fit the attribute's type or option");
        assertRefused(admin.esb("add_host_to_business_idle", json(fields("bk_biz_id", business,
                        "bk_host_list", List.of(host(cloud, "bk_cloud_id", 0.5))))),
                1199006, "'bk_host_list[0].bk_cloud_id' data parameter verification does not pass: 0.5 does not fit the attribute's type or option");
        assertNoHostHolds(business, cpu);
        assertNoHostHolds(business, cloud);
    }

    @Test
    void givenUnknownBusiness_whenAddingHosts_thenBusinessIsNotFoundAndNothingWritten() {
        long business = aBusiness();
        String ip = anIp();
        long auditsBefore = allAuditRecords();

        assertRefused(admin.esb("add_host_to_business_idle", json(fields("bk_biz_id", 987654,
                        "bk_host_list", List.of(host(ip))))),
                1101033, "query business failed: business 987654 does not exist");
        assertThat(allAuditRecords()).as("each host added leaves a record").isEqualTo(auditsBefore);
        // hosts of every business share the default area's inner IPs: none may hold it, in any business
        assertNoHostHolds(business, ip);
    }

    @Test
    void givenUnknownHost_whenGettingBaseInfo_thenHostIsNotFound() {
        assertRefused(admin.esb("get_host_base_info", json(fields("bk_host_id", 99_999_999))),
                1110008, "The host could not be found: bk_host_id 99999999");
    }

    @Test
    void givenUserWhoMaintainsNothing_whenGettingBaseInfo_thenViewPermissionIsMissing() {
        long hostId = hosts(aBusiness(), host(anIp())).get(0);

        assertRefused(client(STRANGER).v3("get_host_base_info", json(fields("bk_host_id", hostId))),
                9900403, "no permissions: find_business_resource");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenWrongSecret_whenCalling_thenUnauthorizedAndNothingIsCreated(Door door) {
        String name = "never-" + UUID.randomUUID();
        long businessesBefore = allBusinesses();

        ApiResponse response = client(ADMIN).as(APP, "wrong", ADMIN)
                .call(door, "create_business", json(fields("bk_biz_name", name, "bk_biz_maintainer", "x")));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.message()).isEqualTo("Do not have access permission. bk_app_code or bk_app_secret is wrong.");
        assertThat(response.result()).isFalse();
        assertNoBusinessNamed(name, businessesBefore);
    }

    @Test
    void givenNoUser_whenCalling_thenUnauthorizedSayingSo() {
        ApiResponse response = client(ADMIN).withCommon("bk_username", null)
                .esb("get_host_base_info", json(fields("bk_host_id", 1)));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo(1199047);
        assertThat(response.message()).contains("bk_username");
    }

    @Test
    void givenUnknownPath_whenCalling_thenNotFoundInTheEnvelope() {
        ApiResponse response = admin.send("POST", "/api/v3/no/such/thing", "{}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.envelopeKeys()).containsExactly("result", "code", "message", "permission", "request_id", "data");
        assertThat(response.result()).isFalse();
    }

    @Test
    void givenWrongMethod_whenCalling_thenMethodNotAllowedInTheEnvelope() {
        ApiResponse response = admin.send("POST", "/api/v3/hosts/property/clone", "{}");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.result()).isFalse();
        assertThat(response.message()).isEqualTo("Method not allowed: POST /api/v3/hosts/property/clone");
    }

    @Test
    void givenBodyOverOneMebibyte_whenCalling_thenPayloadTooLargeInTheEnvelope() {
        String huge = "{\"bk_biz_name\":\"" + "x".repeat(1024 * 1024) + "\",\"bk_biz_maintainer\":\"a\"}";
        long businesses = businessCount();

        ApiResponse response = admin.send("POST", "/api/v3/biz/0", huge);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).isEqualTo(1199015);
        assertThat(response.message()).isEqualTo("Data out of bounds: the request body exceeds the limit of 1048576 bytes");
        assertThat(businessCount()).as("no business made").isEqualTo(businesses);
    }

    private long businessCount() {
        return assertSucceeded(admin.v3("search_business", json(fields("page", fields("limit", 1))))).get("count").asLong();
    }

    /** curl's {@code -d} declares a form; BlueKing reads the body as JSON all the same. */
    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
    void givenAFormContentType_whenABodyPastEightKilobytesHoldsPercentSigns_thenItIsReadAsJson(String formType) {
        long business = aBusiness();
        List<Long> ids = hosts(business, host(anIp()), host(anIp()), host(anIp()), host(anIp()), host(anIp()));
        List<Map<String, Object>> updates = new ArrayList<>();
        ids.forEach(id -> updates.add(fields("bk_host_id", id,
                "properties", fields("bk_comment", "disk at 100% for 5%s " + id + " " + "x".repeat(1_900)))));

        ApiResponse response = admin.withHeader("Content-Type", formType)
                .call(Door.ESB, "batch_update_host", json(fields("update", updates)));

        assertSucceeded(response);
        ids.forEach(id -> assertThat(baseInfo(id).get("bk_comment").asText()).startsWith("disk at 100% for 5%s " + id + " "));
    }

    @Test
    void givenRequestId_whenCalling_thenItIsEchoedInBodyAndHeader() {
        ApiResponse response = admin.withHeader("X-Request-ID", "trace-me-123")
                .esb("get_host_base_info", json(fields("bk_host_id", 99_999_999)));

        assertThat(response.requestId()).isEqualTo("trace-me-123");
        assertThat(response.header("X-Request-ID")).isEqualTo("trace-me-123");
    }

    @Test
    void givenNoRequestId_whenCalling_thenOneIsGenerated() {
        ApiResponse response = admin.esb("get_host_base_info", json(fields("bk_host_id", 99_999_999)));

        assertThat(response.requestId()).matches("[0-9a-f]{32}");
        assertThat(response.header("X-Request-ID")).isEqualTo(response.requestId());
    }

    /**
     * A v3 request whose X-Bkapi-Authorization names {@code user} in raw UTF-8, as callers send it (the
     * JDK's client takes no header character past U+00FF, and sends those one byte each).
     */
    private ApiResponse asRawUtf8(String user, String method, String path, String body) {
        String authorization = json(fields("bk_app_code", APP, "bk_app_secret", SECRET, "bk_username", user));
        String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bkcmdb-Language: en\r\n"
                + "X-Bkapi-Authorization: " + authorization + "\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: "
                        + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                + "\r\n" + (body == null ? "" : body);
        try (RawConnection connection = RawConnection.open(server.port())) {
            connection.send(request);
            return connection.readResponse();
        }
    }

    /** No business of {@code name}, and as many businesses as {@code before}. */
    private void assertNoBusinessNamed(String name, long before) {
        JsonNode named = assertSucceeded(admin.esb("search_business", json(fields("condition", fields("bk_biz_name", name)))));
        assertThat(named.get("count").asLong()).as("businesses named %s", name).isZero();
        assertThat(allBusinesses()).isEqualTo(before);
    }

    private long allBusinesses() {
        return assertSucceeded(admin.v3("search_business", json(fields("page", fields("limit", 1))))).get("count").asLong();
    }

    private void assertNoHostHolds(long business, String ip) {
        ApiResponse probe = admin.esb("clone_host_property",
                json(fields("bk_biz_id", business, "bk_org_ip", ip, "bk_dst_ip", anIp())));
        assertThat(probe.code()).as("no host may hold %s", ip).isEqualTo(1199006);
        assertThat(probe.message()).contains("'bk_org_ip'").contains("no host in the cloud area matches");
    }

    private static void assertRefused(ApiResponse response, long code, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
        assertThat(response.message()).isEqualTo(message);
    }
}
