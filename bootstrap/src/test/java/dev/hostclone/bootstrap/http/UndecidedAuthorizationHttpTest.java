package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.Scrape;
import dev.hostclone.application.port.in.AuthorizationUndecidedException;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.application.service.BusinessMaintainerAuthorizer;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.bootstrap.ServerWithAuthorizer;
import dev.hostclone.domain.access.AccessPolicy;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An IAM plugged in as the {@link AuthorizePort} that cannot decide (here: it does not answer in time)
 * answers every API that asks it, through both doors, as BlueKing does: HTTP 200, 1199048, "Permission Denied"; one
 * WARN line names the cause, the request is counted by that code, and nothing is written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UndecidedAuthorizationHttpTest {

    private static final String APP = "iam-app";
    private static final String SECRET = "iam-secret-5c1d";
    private static final String ADMIN = "admin";
    private static final String CAUSE = "IAM at iam.example:443 did not answer within 2000 ms";
    /** Every API that asks the authorization; search_cloud_area and the model's searches ask nobody (API.md §6). */
    private static final List<String> AUTHORIZED_APIS = List.of("clone_host_property", "create_business",
            "search_business", "create_cloud_area", "add_host_to_business_idle", "get_host_base_info",
            "batch_update_host", "create_object_attribute", "create_biz_custom_field", "create_object_unique",
            "delete_object_unique", "list_operation_audit", "find_audit_by_id");

    /** Decides as the built-in authorization while up; fails as an IAM that timed out while down. */
    private static final class Iam implements AuthorizePort {

        private final AuthorizePort builtIn;
        private volatile boolean down;

        Iam(AuthorizePort builtIn) {
            this.builtIn = builtIn;
        }

        @Override
        public CompletionStage<List<Permission>> missingPermissions(Actor actor, List<Permission> required) {
            return down ? CompletableFuture.failedStage(new AuthorizationUndecidedException(CAUSE,
                    new HttpTimeoutException("request timed out")))
                    : builtIn.missingPermissions(actor, required);
        }
    }

    private Iam iam;
    private ServerWithAuthorizer server;
    private ApiClient admin;
    private CapturedLog logged;

    @BeforeAll
    void startServer() {
        server = ServerWithAuthorizer.start(Map.of(APP, SECRET), Set.of(ADMIN), businesses -> {
            iam = new Iam(new BusinessMaintainerAuthorizer(new AccessPolicy(Set.of(ADMIN)), businesses));
            return iam;
        });
        admin = ApiClient.of(server.http()).as(APP, SECRET, ADMIN).withHeader("X-Bkcmdb-Language", "en");
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void captureFailures() {
        logged = CapturedLog.of("dev.hostclone.adapter.http.server.Envelopes");
    }

    @AfterEach
    void stopCapturing() {
        logged.close();
        iam.down = false;
    }

    static Stream<Arguments> apiAndDoor() {
        return AUTHORIZED_APIS.stream()
                .flatMap(api -> Arrays.stream(Door.values()).map(door -> Arguments.of(api, door)));
    }

    @ParameterizedTest(name = "{0} through {1}")
    @MethodSource("apiAndDoor")
    void givenIamThatCannotDecide_whenCallingAnApiWithAValidRequest_then1199048OneWarnLineAndNothingWritten(
            String api, Door door) {
        ApiFixture fixture = ApiFixture.create(admin);
        StoreFingerprint before = StoreFingerprint.of(admin, fixture);
        String request = fixture.validRequest(api).toString();
        String requestId = "rid-iam-" + api + "-" + door.name().toLowerCase();
        iam.down = true;

        ApiResponse response = admin.withHeader("X-Request-ID", requestId).call(door, api, request);

        iam.down = false;
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.result()).isFalse();
        assertThat(response.code()).as(response.toString()).isEqualTo(1199048);
        assertThat(response.message()).isEqualTo("Permission Denied");
        assertThat(response.permission().isNull()).isTrue();
        assertThat(response.data().isNull()).isTrue();
        assertThat(response.body()).doesNotContain("iam.example", "timed out", "Exception");
        assertThat(logged.events()).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.WARN);
            assertThat(line.getFormattedMessage()).isEqualTo("rid=" + requestId + " api=" + api + " door="
                    + door.name().toLowerCase() + " authorization could not be decided: " + CAUSE);
            assertThat(line.getThrowableProxy()).as("no stack trace").isNull();
        });
        assertThat(StoreFingerprint.of(admin, fixture)).as("a request left undecided wrote").isEqualTo(before);
    }

    @Test
    void givenIamThatCannotDecide_whenCloningInChinese_thenBlueKingsTextAndTheAnswerCountedByItsCode() {
        ApiFixture fixture = ApiFixture.create(admin);
        String series = "hostclone_http_requests_seconds_count{api=\"clone_host_property\",code=\"1199048\",door=\"v3\",status=\"200\"}";
        double countedBefore = Scrape.of(admin).value(series);
        iam.down = true;

        ApiResponse response = admin.withHeader("X-Bkcmdb-Language", "zh-cn")
                .call(Door.V3, "clone_host_property", fixture.validRequest("clone_host_property").toString());

        iam.down = false;
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.code()).isEqualTo(1199048);
        assertThat(response.message()).isEqualTo("权限校验失败");
        assertThat(Scrape.awaiting(admin, series, count -> count == countedBefore + 1).value(series))
                .isEqualTo(countedBefore + 1);
    }
}
