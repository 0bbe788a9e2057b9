package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * clone_host_property end to end: each check of API.md §4 in its order, through both doors, and
 * after every refusal the destination exactly as it was.
 */
abstract class CloneHostPropertyScenarios extends EndToEndScenarios {

    long business;
    String sourceIp;
    String destinationIp;
    long source;
    long destination;
    Map<String, JsonNode> destinationBefore;
    /** The store's audit records before the request: a refused clone adds none. Scenarios that add hosts count again. */
    long auditRecordsBefore;

    @BeforeEach
    void aBusinessWithTwoHosts() {
        business = aBusiness();
        sourceIp = anIp();
        destinationIp = anIp();
        List<Long> ids = hosts(business,
                host(sourceIp, "operator", "alice,bob", "bk_bak_operator", "carol", "bk_os_name", "Debian",
                        "bk_cpu", 16, "bk_sla", "2", "bk_comment", "db primary", "bk_asset_id", "ASSET-SRC",
                        "bk_host_outerip", anIp()),
                host(destinationIp, "operator", "dave", "bk_comment", "new box", "bk_asset_id", "ASSET-DST"));
        source = ids.get(0);
        destination = ids.get(1);
        destinationBefore = baseInfo(destination);
        auditRecordsBefore = allAuditRecords();
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTwoHosts_whenCloningByIp_thenDestinationCarriesSourceValuesAndKeepsItsIdentity(Door door) {
        ApiResponse response = cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", sourceIp,
                "bk_dst_ip", destinationIp, "bk_cloud_id", 0));

        assertSuccess(response);
        Map<String, JsonNode> after = baseInfo(destination);
        assertThat(after.get("operator").asText()).isEqualTo("alice,bob");
        assertThat(after.get("bk_bak_operator").asText()).isEqualTo("carol");
        assertThat(after.get("bk_os_name").asText()).isEqualTo("Debian");
        assertThat(after.get("bk_cpu").asLong()).isEqualTo(16);
        assertThat(after.get("bk_sla").asText()).isEqualTo("2");
        assertThat(after.get("bk_comment").asText()).isEqualTo("db primary");
        assertThat(after.get("bk_host_innerip").asText()).isEqualTo(destinationIp);
        assertThat(after.get("bk_asset_id").asText()).isEqualTo("ASSET-DST");
        assertThat(after.get("bk_cloud_id").asLong()).isZero();
        assertThat(after.get("bk_host_id").asLong()).isEqualTo(destination);
        assertThat(after.get("bk_host_outerip").isNull()).as("outer IP is in a unique rule").isTrue();
        assertThat(after.get("bk_updated_by").asText()).isEqualTo(ADMIN);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTwoHosts_whenCloningById_thenDestinationCarriesSourceValues(Door door) {
        assertSuccess(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", destination)));

        assertThat(baseInfo(destination).get("bk_os_name").asText()).isEqualTo("Debian");
    }

    @Test
    void givenMaintainerOfTheBusiness_whenCloning_thenItIsAllowed() {
        assertSuccess(cloneVia(Door.V3, client(MAINTAINER),
                fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", destination)));
    }

    @Test
    void givenSourceWithoutAField_whenCloning_thenDestinationKeepsItsValue() {
        long bare = hosts(business, host(anIp())).get(0);

        assertSuccess(cloneVia(Door.ESB, admin, fields("bk_biz_id", business, "bk_org_id", bare, "bk_dst_id", destination)));

        assertThat(baseInfo(destination).get("operator").asText()).isEqualTo("dave");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenBusinessIdAsString_whenCloning_thenJsonDecodingFailsNamingTheField(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", String.valueOf(business), "bk_org_ip", sourceIp,
                        "bk_dst_ip", destinationIp)),
                1199000, "Deserializing JSON data failed: field 'bk_biz_id' must be an integer");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNoBusiness_whenCloning_thenBizIdMustBeIntegral(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_org_ip", sourceIp, "bk_dst_ip", destinationIp)),
                1199009, "'bk_biz_id' parameters must be integral");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNegativeCloud_whenCloning_thenCloudIdMustBeIntegral(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_cloud_id", -1,
                        "bk_org_ip", sourceIp, "bk_dst_ip", destinationIp)),
                1199009, "'bk_cloud_id' parameters must be integral");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenIpAndIdMixed_whenCloning_thenCombinationIsInvalid(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", sourceIp,
                        "bk_dst_id", destination)),
                1199011, "'bk_org_ip' the parameter is invalid or does not exist");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNeitherPair_whenCloning_thenCombinationIsInvalid(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business)),
                1199011, "'bk_org_ip/bk_dst_ip or bk_org_id/bk_dst_id' the parameter is invalid or does not exist");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenOnlyOneIp_whenCloning_thenTheMissingOneIsNamed(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", sourceIp)),
                1199011, "'bk_dst_ip' the parameter is invalid or does not exist");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenNegativeId_whenCloning_thenItIsNamed(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_id", -source, "bk_dst_id", destination)),
                1199011, "'bk_org_id' the parameter is invalid or does not exist");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenIpPairWithNegativeId_whenCloning_thenTheIdIsNamedAndNothingWritten(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", sourceIp,
                        "bk_dst_ip", destinationIp, "bk_dst_id", -destination)),
                1199011, "'bk_dst_id' the parameter is invalid or does not exist");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenOnlyOneId_whenCloning_thenTheMissingOneIsNamed(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_id", source)),
                1199011, "'bk_dst_id' the parameter is invalid or does not exist");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenIpThatIsNotAnAddress_whenCloning_thenItIsRefusedBeforeAnyLookup(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", "127.0.1", "bk_dst_ip", destinationIp)),
                1199006, "'bk_org_ip' data parameter verification does not pass: '127.0.1' is not a valid IPv4 or IPv6 address");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenSameIpOnBothSides_whenCloning_thenSuccessAndNothingWritten(Door door) {
        assertSuccess(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", destinationIp, "bk_dst_ip", destinationIp)));

        assertThat(baseInfo(destination)).isEqualTo(destinationBefore);
        assertThat(allAuditRecords()).isEqualTo(auditRecordsBefore);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenUnknownDestinationIp_whenCloning_thenDestinationIsNamed(Door door) {
        String nowhere = anIp();
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", sourceIp, "bk_dst_ip", nowhere)),
                1199006, "'bk_dst_ip' data parameter verification does not pass: no host in the cloud area matches '" + nowhere + "'");
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenUnknownSourceIp_whenCloning_thenSourceIsNamed(Door door) {
        String nowhere = anIp();
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", nowhere, "bk_dst_ip", destinationIp)),
                1199006, "'bk_org_ip' data parameter verification does not pass: no host in the cloud area matches '" + nowhere + "'");
    }

    @Test
    void givenUnknownDestinationId_whenCloning_thenDestinationIsNamed() {
        assertRefused(cloneVia(Door.ESB, admin, fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", 99_999_999)),
                1199006, "'bk_dst_id' data parameter verification does not pass: no host in the cloud area matches 99999999");
    }

    @Test
    void givenHostsInDefaultCloud_whenCloningByIdInAnotherCloud_thenSourceIsNotFound() {
        assertRefused(cloneVia(Door.V3, admin, fields("bk_biz_id", business, "bk_cloud_id", 5,
                        "bk_org_id", source, "bk_dst_id", destination)),
                1199006, "'bk_org_id' data parameter verification does not pass: no host in the cloud area matches " + source);
    }

    @Test
    void givenIpSharedByTwoDynamicHosts_whenCloningByIp_thenItIsAmbiguousAndIdModeIsSuggested() {
        String shared = anIp();
        hosts(business, host(shared, "bk_addressing", "dynamic"), host(shared, "bk_addressing", "dynamic"));
        auditRecordsBefore = allAuditRecords();

        assertRefused(cloneVia(Door.ESB, admin, fields("bk_biz_id", business, "bk_org_ip", shared, "bk_dst_ip", destinationIp)),
                1199006, "'bk_org_ip' data parameter verification does not pass: '" + shared
                        + "' matches several hosts in the cloud area; use bk_org_id/bk_dst_id (ID mode) to name the hosts");
    }

    @Test
    void givenBothIpsOfOneHost_whenCloning_thenSuccessAndNothingWritten() {
        String first = anIp();
        String second = anIp();
        long multi = hosts(business, host(first + "," + second)).get(0);
        Map<String, JsonNode> before = baseInfo(multi);
        long auditsBefore = allAuditRecords();

        assertSuccess(cloneVia(Door.V3, admin, fields("bk_biz_id", business, "bk_org_ip", first, "bk_dst_ip", second)));

        assertThat(baseInfo(multi)).isEqualTo(before);
        assertThat(allAuditRecords()).isEqualTo(auditsBefore);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenUserWhoMaintainsNothing_whenCloning_thenNoPermissionWithBlueKingsPermissionObject(Door door) {
        ApiResponse response = cloneVia(door, client(STRANGER),
                fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", destination));

        assertRefused(response, 9900403, "no permissions: find_business_resource, edit_biz_host");
        JsonNode permission = response.permission();
        assertThat(permission.get("system_id").asText()).isEqualTo("bk_cmdb");
        // BlueKing's IAM holds find_business_resource ("业务访问") on a business, edit_biz_host on a business's host
        JsonNode find = permission.get("actions").get(0).get("related_resource_types");
        assertThat(find).hasSize(1);
        assertThat(find.get(0).get("type").asText()).isEqualTo("biz");
        assertThat(find.get(0).get("instances").toString())
                .isEqualTo("[[{\"type\":\"biz\",\"type_name\":\"\",\"id\":\"" + business + "\",\"name\":\"\"}]]");
        JsonNode edit = permission.get("actions").get(1);
        assertThat(edit.get("id").asText()).isEqualTo("edit_biz_host");
        JsonNode instance = edit.get("related_resource_types").get(0).get("instances").get(0);
        assertThat(instance.get(0).get("type").asText()).isEqualTo("biz");
        assertThat(instance.get(0).get("id").asText()).isEqualTo(String.valueOf(business));
        assertThat(instance.get(1).get("type").asText()).isEqualTo("host");
        assertThat(instance.get(1).get("id").asText()).isEqualTo(String.valueOf(destination));
        assertThat(permission.get("actions").get(0).get("id").asText()).isEqualTo("find_business_resource");
    }

    @Test
    void givenDestinationOfABusinessTheUserDoesNotMaintain_whenCloning_thenEditPermissionIsMissing() {
        long foreign = hostsOfAnotherMaintainer();
        Map<String, JsonNode> foreignBefore = baseInfo(foreign);

        assertRefused(cloneVia(Door.V3, client(MAINTAINER), fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", foreign)),
                9900403, "no permissions: edit_biz_host");
        assertThat(baseInfo(foreign)).as("the destination named, unchanged").isEqualTo(foreignBefore);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenHostsOfAnotherBusiness_whenCloning_thenSourceIsNamedAsNotBelonging(Door door) {
        long other = aBusiness();
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", other, "bk_org_id", source, "bk_dst_id", destination)),
                1110024, "host '" + source + "' does not belong to business " + other);
    }

    @Test
    void givenDestinationInAnotherBusiness_whenCloning_thenDestinationIsNamed() {
        long foreign = hostsOfAnotherMaintainer();
        Map<String, JsonNode> foreignBefore = baseInfo(foreign);

        assertRefused(cloneVia(Door.ESB, admin, fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", foreign)),
                1110024, "host '" + foreign + "' does not belong to business " + business);
        assertThat(baseInfo(foreign)).as("the destination named, unchanged").isEqualTo(foreignBefore);
    }

    @Test
    void givenCloneAlreadyApplied_whenCloningAgain_thenSuccessAndNothingChanges() {
        assertSuccess(cloneVia(Door.V3, admin, fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", destination)));
        Map<String, JsonNode> once = baseInfo(destination);
        long auditsOnce = allAuditRecords();

        assertSuccess(cloneVia(Door.V3, admin, fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", destination)));

        assertThat(baseInfo(destination)).isEqualTo(once);
        assertThat(allAuditRecords()).as("nothing to change, nothing written").isEqualTo(auditsOnce);
    }

    /** API.md §4 step 6 comes before the lookup: one id on both sides is a success with nothing written, known or not. */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTheSameIdOnBothSides_whenCloning_thenSuccessAndNothingWrittenWhetherTheHostExistsOrNot(Door door) {
        assertSuccess(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_id", destination, "bk_dst_id", destination)));
        assertSuccess(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_id", 99_999_999, "bk_dst_id", 99_999_999)));

        assertThat(baseInfo(destination)).isEqualTo(destinationBefore);
        assertThat(allAuditRecords()).isEqualTo(auditRecordsBefore);
    }

    /** {@code bk_cloud_id} scopes IP mode too: left out, it is the default area, where these hosts are not. */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenHostsInAnotherCloudArea_whenCloningByIpWithoutThenWithItsId_thenNoHostMatchesThenTheCloneIsMade(Door door) {
        long area = assertSucceeded(admin.call(door, "create_cloud_area", json(fields("bk_cloud_name", aName("vpc")))))
                .get("created").get("id").asLong();
        String from = anIp();
        String to = anIp();
        List<Long> ids = hosts(business, host(from, "bk_cloud_id", area, "bk_os_name", "Rocky"),
                host(to, "bk_cloud_id", area));
        auditRecordsBefore = allAuditRecords();

        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", from, "bk_dst_ip", to)),
                1199006, "'bk_org_ip' data parameter verification does not pass: no host in the cloud area matches '"
                        + from + "'");
        assertThat(baseInfo(ids.get(1)).get("bk_os_name").isNull()).isTrue();

        assertSuccess(cloneVia(door, admin, fields("bk_biz_id", business, "bk_cloud_id", area,
                "bk_org_ip", from, "bk_dst_ip", to)));
        assertThat(baseInfo(ids.get(1)).get("bk_os_name").asText()).isEqualTo("Rocky");
        assertThat(baseInfo(ids.get(1)).get("bk_cloud_id").asLong()).isEqualTo(area);
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenABusinessIdOfZeroOrBelow_whenCloning_thenBizIdMustBeIntegral(Door door) {
        for (long none : new long[] {0, -1}) {
            assertRefused(cloneVia(door, admin, fields("bk_biz_id", none, "bk_org_id", source, "bk_dst_id", destination)),
                    1199009, "'bk_biz_id' parameters must be integral");
        }
    }

    /** BlueKing's own "clone host invalid biz" case: a business that does not exist holds neither host. */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenABusinessThatDoesNotExist_whenCloning_thenTheSourceIsNamedAsNotBelonging(Door door) {
        assertRefused(cloneVia(door, admin, fields("bk_biz_id", 99_999_999, "bk_org_id", source, "bk_dst_id", destination)),
                1110024, "host '" + source + "' does not belong to business 99999999");
    }

    /**
     * By IPv6 inner addresses alone, written short: they meet the full form the store keeps, and a message quotes the
     * address as it was sent.
     */
    @ParameterizedTest
    @EnumSource(Door.class)
    void givenHostsWithIpv6InnerAddressesAlone_whenCloningByTheirShortForms_thenTheCloneIsMade(Door door) {
        String from = "fd00::" + anIp().replace('.', ':');
        String to = "fd00::" + anIp().replace('.', ':');
        String nowhere = "fd00::" + anIp().replace('.', ':');
        List<Long> ids = hosts(business, fields("bk_host_innerip_v6", from, "bk_cloud_id", 0, "bk_os_name", "Alma"),
                fields("bk_host_innerip_v6", to, "bk_cloud_id", 0));
        auditRecordsBefore = allAuditRecords();
        String ownAddress = baseInfo(ids.get(1)).get("bk_host_innerip_v6").asText();

        assertRefused(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", from, "bk_dst_ip", nowhere)),
                1199006, "'bk_dst_ip' data parameter verification does not pass: no host in the cloud area matches '"
                        + nowhere + "'");
        assertSuccess(cloneVia(door, admin, fields("bk_biz_id", business, "bk_org_ip", from, "bk_dst_ip", to)));

        Map<String, JsonNode> after = baseInfo(ids.get(1));
        assertThat(after.get("bk_os_name").asText()).isEqualTo("Alma");
        assertThat(after.get("bk_host_innerip_v6").asText()).isEqualTo(ownAddress).isNotEmpty();
    }

    /** API.md §4 step 10: what identifies a host, given at its creation and not editable after, is never cloned. */
    @Test
    void givenHostsWithTheirOwnIdentifyingValues_whenCloning_thenTheDestinationKeepsEveryOne() {
        String tag = anIp().replace('.', '-');
        List<Long> ids = hosts(business,
                host(anIp(), "bk_host_innerip_v6", "fd01::" + anIp().replace('.', ':'), "bk_agent_id", "agent-src-" + tag,
                        "bk_cloud_inst_id", "i-src-" + tag, "bk_cloud_vendor", "1", "bk_addressing", "static",
                        "bk_comment", "from the source"),
                host(anIp(), "bk_host_innerip_v6", "fd01::" + anIp().replace('.', ':'), "bk_agent_id", "agent-dst-" + tag,
                        "bk_cloud_inst_id", "i-dst-" + tag, "bk_cloud_vendor", "2", "bk_addressing", "dynamic"));
        Map<String, JsonNode> before = baseInfo(ids.get(1));

        assertSuccess(cloneVia(Door.ESB, admin, fields("bk_biz_id", business, "bk_org_id", ids.get(0), "bk_dst_id", ids.get(1))));

        Map<String, JsonNode> after = baseInfo(ids.get(1));
        assertThat(after.get("bk_comment").asText()).isEqualTo("from the source");
        for (String identifying : List.of("bk_host_innerip", "bk_host_innerip_v6", "bk_agent_id", "bk_cloud_inst_id",
                "bk_cloud_vendor", "bk_addressing", "bk_cloud_id", "bk_host_id")) {
            assertThat(after.get(identifying)).as(identifying).isEqualTo(before.get(identifying));
        }
    }

    @Test
    void givenEnglishAndChinese_whenTheSameCheckFails_thenTheMessageIsInEach() {
        Map<String, Object> body = fields("bk_biz_id", business, "bk_org_ip", sourceIp);

        ApiResponse english = admin.withHeader("X-Bkcmdb-Language", "en").call(Door.ESB, "clone_host_property", json(body));
        ApiResponse chinese = admin.withHeader("X-Bkcmdb-Language", "zh-cn").call(Door.ESB, "clone_host_property", json(body));

        assertThat(english.code()).isEqualTo(1199011);
        assertThat(english.message()).isEqualTo("'bk_dst_ip' the parameter is invalid or does not exist");
        assertThat(chinese.code()).isEqualTo(1199011);
        assertThat(chinese.message()).isEqualTo("'bk_dst_ip' 参数无效或不存在");
    }

    /** A host of a business that {@link #MAINTAINER} does not maintain; the audit records counted again after it. */
    private long hostsOfAnotherMaintainer() {
        ApiResponse created = admin.esb("create_business", json(Map.of(
                "bk_biz_name", "foreign-" + java.util.UUID.randomUUID(), "bk_biz_maintainer", "zoe")));
        long foreign = hosts(created.data().get("bk_biz_id").asLong(), host(anIp())).get(0);
        auditRecordsBefore = allAuditRecords();
        return foreign;
    }

    /**
     * Checks the answer, then that nothing was written: the fixture's destination exactly as it was, and no
     * audit record added (a write to any host, the one a request names included, adds one).
     */
    private void assertRefused(ApiResponse response, long code, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
        assertThat(response.message()).isEqualTo(message);
        assertThat(response.data().isNull()).isTrue();
        assertThat(baseInfo(destination)).as("destination unchanged").isEqualTo(destinationBefore);
        assertThat(allAuditRecords()).as("no audit record added").isEqualTo(auditRecordsBefore);
    }

    private static void assertSuccess(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.result()).as(response.toString()).isTrue();
        assertThat(response.code()).isZero();
        assertThat(response.message()).isEqualTo("success");
        assertThat(response.data().isNull()).isTrue();
    }
}
