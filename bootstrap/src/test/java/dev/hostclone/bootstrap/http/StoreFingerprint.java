package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A cheap summary of what requests write, read through the API as an administrator, part by part:
 * how many businesses, cloud areas and audit records exist (every host write appends an audit
 * record in its own transaction), the host model (attributes, global and of the fixture's businesses, unique rules)
 * and the fixture's hosts. Equal fingerprints mean no write happened in between.
 */
record StoreFingerprint(Map<Part, String> parts) {

    enum Part { BUSINESSES, CLOUD_AREAS, AUDIT_RECORDS, HOSTS, ATTRIBUTES, UNIQUE_RULES }

    /** The parts each writing API writes (API.md §4, §5); the other APIs write nothing. */
    static final Map<String, Set<Part>> WRITTEN_BY = Map.of(
            "clone_host_property", EnumSet.of(Part.AUDIT_RECORDS, Part.HOSTS),
            "batch_update_host", EnumSet.of(Part.AUDIT_RECORDS, Part.HOSTS),
            "add_host_to_business_idle", EnumSet.of(Part.AUDIT_RECORDS),
            "create_business", EnumSet.of(Part.BUSINESSES),
            "create_cloud_area", EnumSet.of(Part.CLOUD_AREAS),
            "create_object_attribute", EnumSet.of(Part.ATTRIBUTES),
            "create_biz_custom_field", EnumSet.of(Part.ATTRIBUTES),
            "create_object_unique", EnumSet.of(Part.UNIQUE_RULES),
            "delete_object_unique", EnumSet.of(Part.UNIQUE_RULES));

    private static final String ALL_AUDITS =
            "{\"condition\":{\"operation_time\":{\"start\":\"1970-01-01 00:00:00\"}},\"page\":{\"limit\":1}}";

    static StoreFingerprint of(ApiClient admin, ApiFixture fixture) {
        return of(admin, fixture, EnumSet.allOf(Part.class));
    }

    static StoreFingerprint of(ApiClient admin, ApiFixture fixture, Set<Part> parts) {
        Map<Part, String> read = new EnumMap<>(Part.class);
        parts.forEach(part -> read.put(part, read(admin, fixture, part)));
        return new StoreFingerprint(read);
    }

    /** This fingerprint with only the given parts. */
    StoreFingerprint restrictedTo(Set<Part> kept) {
        Map<Part, String> restricted = new EnumMap<>(Part.class);
        kept.forEach(part -> restricted.put(part, parts.get(part)));
        return new StoreFingerprint(restricted);
    }

    private static String read(ApiClient admin, ApiFixture fixture, Part part) {
        return switch (part) {
            case BUSINESSES -> read(admin, "search_business", "{\"page\":{\"limit\":1}}").data().get("count").toString();
            case CLOUD_AREAS -> read(admin, "search_cloud_area", "{\"page\":{\"limit\":1}}").data().get("count").toString();
            case AUDIT_RECORDS -> read(admin, "list_operation_audit", ALL_AUDITS).data().get("count").toString();
            case HOSTS -> read(admin, "get_host_base_info", "{\"bk_host_id\":" + fixture.sourceHost() + "}").data() + " "
                    + read(admin, "get_host_base_info", "{\"bk_host_id\":" + fixture.destinationHost() + "}").data();
            // the fixture's businesses' own fields too: a refused create_biz_custom_field wrote none (until 2026-12-07
            // only the global attributes were read)
            case ATTRIBUTES -> read(admin, "search_object_attribute", "{\"bk_obj_id\":\"host\"}").data() + " "
                    + attributesOf(admin, fixture.business()) + " " + attributesOf(admin, fixture.otherBusiness());
            case UNIQUE_RULES -> read(admin, "search_object_unique", "{\"bk_obj_id\":\"host\"}").data().toString();
        };
    }

    private static String attributesOf(ApiClient admin, long business) {
        return read(admin, "search_object_attribute", "{\"bk_obj_id\":\"host\",\"bk_biz_id\":" + business + "}").data().toString();
    }

    private static ApiResponse read(ApiClient admin, String api, String fields) {
        ApiResponse response = admin.call(Door.V3, api, fields);
        assertThat(response.code()).as(api + ": " + response).isZero();
        return response;
    }
}
