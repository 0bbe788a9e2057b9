package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Data every API can act on, created by an administrator: a business maintained by {@code alice}
 * with a source host (carrying values to clone) and a destination host, another business maintained
 * by {@code bob}, an attribute no rule uses yet, a deletable unique rule and an audit record of the
 * first business. {@link #validRequest} is, per API, a request that this data lets succeed.
 */
record ApiFixture(long business, long otherBusiness, long sourceHost, long destinationHost, long freeAttribute,
                  long deletableRule, long auditRecord, String tag) {

    static final String MAINTAINER = "alice";
    static final String OTHER_MAINTAINER = "bob";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NEXT_NAME = new AtomicInteger();

    static ApiFixture create(ApiClient admin) {
        String tag = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long business = created(admin, "create_business",
                Map.of("bk_biz_name", "fx-" + tag, "bk_biz_maintainer", MAINTAINER)).get("bk_biz_id").asLong();
        long otherBusiness = created(admin, "create_business",
                Map.of("bk_biz_name", "fx-other-" + tag, "bk_biz_maintainer", OTHER_MAINTAINER)).get("bk_biz_id").asLong();
        JsonNode hosts = created(admin, "add_host_to_business_idle", Map.of("bk_biz_id", business, "bk_host_list", List.of(
                Map.of("bk_host_innerip", EndToEndScenarios.anIp(), "bk_cloud_id", 0, "operator", MAINTAINER,
                        "bk_comment", "source of " + tag),
                Map.of("bk_host_innerip", EndToEndScenarios.anIp(), "bk_cloud_id", 0)))).get("bk_host_ids");
        long freeAttribute = created(admin, "create_object_attribute", attribute("fx_free_" + tag)).get("id").asLong();
        long ruleAttribute = created(admin, "create_object_attribute", attribute("fx_rule_" + tag)).get("id").asLong();
        long rule = created(admin, "create_object_unique", Map.of("bk_obj_id", "host",
                "keys", List.of(Map.of("key_kind", "property", "key_id", ruleAttribute)))).get("id").asLong();
        long audit = created(admin, "list_operation_audit", auditsOf(business)).get("info").get(0).get("id").asLong();
        return new ApiFixture(business, otherBusiness, hosts.get(0).asLong(), hosts.get(1).asLong(), freeAttribute, rule,
                audit, tag);
    }

    /** The fields of a request to {@code api} that succeeds for an administrator, as {@link ApiClient#call} takes them. */
    ObjectNode validRequest(String api) {
        String unique = tag + "_" + NEXT_NAME.incrementAndGet();
        Map<String, Object> fields = switch (api) {
            case "clone_host_property" -> Map.of("bk_biz_id", business, "bk_org_id", sourceHost, "bk_dst_id", destinationHost);
            case "create_business" -> Map.of("bk_biz_name", "fx-new-" + unique, "bk_biz_maintainer", MAINTAINER);
            case "search_business" -> Map.of("condition", Map.of("bk_biz_id", business), "page", Map.of("limit", 10));
            case "create_cloud_area" -> Map.of("bk_cloud_name", "fx-area-" + unique);
            case "search_cloud_area" -> Map.of("condition", Map.of("bk_cloud_id", 0), "page", Map.of("limit", 10));
            case "add_host_to_business_idle" -> Map.of("bk_biz_id", business, "bk_host_list", List.of(
                    Map.of("bk_host_innerip", EndToEndScenarios.anIp(), "bk_cloud_id", 0, "bk_comment", "added")));
            case "get_host_base_info" -> Map.of("bk_host_id", sourceHost);
            case "batch_update_host" -> Map.of("update", List.of(
                    Map.of("bk_host_id", destinationHost, "properties", Map.of("bk_comment", "updated " + unique))));
            case "search_object_attribute" -> Map.of("bk_obj_id", "host", "bk_biz_id", business);
            case "create_object_attribute" -> attribute("fx_attr_" + unique);
            case "create_biz_custom_field" -> withBusiness(attribute("fx_biz_" + unique));
            case "search_object_unique" -> Map.of("bk_obj_id", "host");
            case "create_object_unique" -> Map.of("bk_obj_id", "host",
                    "keys", List.of(Map.of("key_kind", "property", "key_id", freeAttribute)));
            case "delete_object_unique" -> Map.of("bk_obj_id", "host", "id", deletableRule);
            case "list_operation_audit" -> auditsOf(business);
            case "find_audit_by_id" -> Map.of("id", List.of(auditRecord));
            default -> throw new IllegalArgumentException("no valid request known for " + api);
        };
        return JSON.valueToTree(fields);
    }

    private Map<String, Object> withBusiness(Map<String, Object> fields) {
        Map<String, Object> with = new LinkedHashMap<>(fields);
        with.put("bk_biz_id", business);
        return with;
    }

    private static Map<String, Object> attribute(String propertyId) {
        return Map.of("bk_obj_id", "host", "bk_property_id", propertyId, "bk_property_name", propertyId,
                "bk_property_type", "singlechar");
    }

    private static Map<String, Object> auditsOf(long business) {
        return Map.of("condition", Map.of("bk_biz_id", business, "operation_time", Map.of("start", "2000-01-01 00:00:00")),
                "page", Map.of("limit", 1));
    }

    private static JsonNode created(ApiClient admin, String api, Map<String, Object> fields) {
        ApiResponse response = admin.call(Door.ESB, api, JSON.valueToTree(fields).toString());
        assertThat(response.code()).as(api + ": " + response).isZero();
        return response.data();
    }
}
