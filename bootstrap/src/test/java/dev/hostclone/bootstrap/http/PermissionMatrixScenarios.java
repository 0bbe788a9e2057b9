package dev.hostclone.bootstrap.http;

import static dev.hostclone.bootstrap.http.EnvelopeAssertions.assertAnsweredInTheEnvelope;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API.md §6 as a table: every API, through both doors, asked by each kind of caller with a request
 * that would succeed for an administrator, answers as documented; a refused request writes nothing, on either store
 * (until 2026-12-07 on memory alone, where a write before a refusal, or a transaction committed after one, would
 * differ from PostgreSQL's).
 */
abstract class PermissionMatrixScenarios extends EndToEndScenarios {

    /** Who may call each API besides an administrator, and the actions a refusal names. */
    private record Rule(boolean maintainerMay, boolean otherMaintainerMay, String refusedActions) {

        static Rule everyone() {
            return new Rule(true, true, null);
        }

        static Rule businessMaintainers(String refusedActions) {
            return new Rule(true, false, refusedActions);
        }

        static Rule administrators(String refusedActions) {
            return new Rule(false, false, refusedActions);
        }
    }

    private static final Map<String, Rule> RULES = Map.ofEntries(
            entry("clone_host_property", Rule.businessMaintainers("find_business_resource, edit_biz_host")),
            entry("create_business", Rule.administrators("create_business")),
            entry("search_business", Rule.everyone()),
            entry("create_cloud_area", Rule.administrators("create_cloud_area")),
            entry("search_cloud_area", Rule.everyone()),
            entry("add_host_to_business_idle", Rule.businessMaintainers("edit_biz_host")),
            entry("get_host_base_info", Rule.businessMaintainers("find_business_resource")),
            entry("batch_update_host", Rule.businessMaintainers("edit_biz_host")),
            entry("search_object_attribute", Rule.everyone()),
            entry("create_object_attribute", Rule.administrators("edit_model")),
            entry("create_biz_custom_field", Rule.businessMaintainers("edit_biz_custom_field")),
            entry("search_object_unique", Rule.everyone()),
            entry("create_object_unique", Rule.administrators("edit_model")),
            entry("delete_object_unique", Rule.administrators("edit_model")),
            entry("list_operation_audit", Rule.businessMaintainers("find_audit_log")),
            entry("find_audit_by_id", Rule.businessMaintainers("find_audit_log")));

    private static final String APP_REJECTED = "Do not have access permission. bk_app_code or bk_app_secret is wrong.";
    private static final String USER_MISSING = "Do not have access permission. bk_username is missing.";

    /** The callers of the matrix, each a client made from the test's own. */
    enum Caller {
        ADMINISTRATOR((test, fixture) -> test.client(ADMIN)),
        MAINTAINER_OF_THE_BUSINESS((test, fixture) -> test.client(ApiFixture.MAINTAINER)),
        MAINTAINER_OF_ANOTHER_BUSINESS((test, fixture) -> test.client(ApiFixture.OTHER_MAINTAINER)),
        UNKNOWN_APP((test, fixture) -> test.client(ADMIN).withCommon("bk_app_code", "no-such-app")),
        WRONG_SECRET((test, fixture) -> test.client(ADMIN).withCommon("bk_app_secret", "not-the-secret")),
        NO_USER((test, fixture) -> test.client(ADMIN).withCommon("bk_username", null));

        private final BiFunction<PermissionMatrixScenarios, ApiFixture, ApiClient> client;

        Caller(BiFunction<PermissionMatrixScenarios, ApiFixture, ApiClient> client) {
            this.client = client;
        }
    }

    static Stream<Arguments> apiCallerAndDoor() {
        return RULES.keySet().stream().sorted().flatMap(api -> Arrays.stream(Caller.values())
                .flatMap(caller -> Arrays.stream(Door.values()).map(door -> Arguments.of(api, caller, door))));
    }

    @ParameterizedTest(name = "{0} by {1} through {2}")
    @MethodSource("apiCallerAndDoor")
    void givenCaller_whenCallingAnApiWithAValidRequest_thenTheDocumentedAnswerAndNoWriteWhenRefused(
            String api, Caller caller, Door door) {
        ApiFixture fixture = ApiFixture.create(admin);
        StoreFingerprint before = StoreFingerprint.of(admin, fixture);
        String request = fixture.validRequest(api).toString();

        ApiResponse response = caller.client.apply(this, fixture).call(door, api, request);

        assertAnsweredInTheEnvelope(response, api + " " + request);
        Expected expected = expected(RULES.get(api), caller);
        assertThat(response.status()).as(response.toString()).isEqualTo(expected.status());
        assertThat(response.code()).as(response.toString()).isEqualTo(expected.code());
        assertThat(response.message()).isEqualTo(expected.message());
        if (expected.code() != 0) {
            assertThat(StoreFingerprint.of(admin, fixture)).as("a refused request wrote").isEqualTo(before);
        }
    }

    private record Expected(int status, long code, String message) {
    }

    private static Expected expected(Rule rule, Caller caller) {
        Expected success = new Expected(200, 0, "success");
        Expected refused = new Expected(200, 9900403, "no permissions: " + rule.refusedActions());
        return switch (caller) {
            case ADMINISTRATOR -> success;
            case MAINTAINER_OF_THE_BUSINESS -> rule.maintainerMay() ? success : refused;
            case MAINTAINER_OF_ANOTHER_BUSINESS -> rule.otherMaintainerMay() ? success : refused;
            case UNKNOWN_APP, WRONG_SECRET -> new Expected(401, 1199047, APP_REJECTED);
            case NO_USER -> new Expected(401, 1199047, USER_MISSING);
        };
    }
}
