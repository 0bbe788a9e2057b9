package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.adapter.http.api.ApiEndpoint;
import dev.hostclone.adapter.http.api.ApiEndpoints;
import dev.hostclone.adapter.http.api.CloneHostPropertyApi;
import dev.hostclone.adapter.http.fakes.FakeAuthenticateApp;
import dev.hostclone.adapter.http.fakes.FakeCheckReadiness;
import dev.hostclone.adapter.http.fakes.FakeCloneHostProperty;
import dev.hostclone.adapter.http.fakes.FakeUseCases;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpApiLifecycleTest {

    private Vertx vertx;

    @BeforeEach
    void createVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void closeVertx() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static final HttpMetrics METRICS = new HttpMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));

    private HttpApi api(List<ApiEndpoint<?, ?>> endpoints) {
        return new HttpApi(vertx, HttpSettings.of("127.0.0.1", 0), new FakeAuthenticateApp(), new FakeCheckReadiness(),
                METRICS, endpoints);
    }

    private static List<ApiEndpoint<?, ?>> allApis() {
        return ApiEndpoints.of(new FakeUseCases().useCases(), METRICS, ZoneOffset.UTC);
    }

    @Test
    void givenPortZero_whenStarted_thenTheHandleTellsTheBoundPortAndTheServedApis() throws Exception {
        RunningHttpServer server = api(allApis()).start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(server.port()).isPositive();
        assertThat(server.routes()).extracting(route -> route.name()).containsExactly(
                "clone_host_property", "create_business", "search_business", "create_cloud_area", "search_cloud_area",
                "add_host_to_business_idle", "get_host_base_info", "batch_update_host", "search_object_attribute",
                "create_object_attribute", "create_biz_custom_field", "search_object_unique", "create_object_unique",
                "delete_object_unique", "list_operation_audit", "find_audit_by_id");
        assertThat(ApiClient.of(server).send("GET", "/nowhere", null).status()).isEqualTo(404);

        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void givenClosedServer_whenCalled_thenTheConnectionIsRefused() throws Exception {
        RunningHttpServer server = api(allApis()).start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        ApiClient client = ApiClient.of(server);

        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> client.send("GET", "/nowhere", null)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void givenTheSameApiTwice_whenBuilt_thenTheRegistrationIsRefused() {
        FakeCloneHostProperty clone = new FakeCloneHostProperty();

        assertThatThrownBy(() -> api(List.of(new CloneHostPropertyApi(clone, METRICS), new CloneHostPropertyApi(clone, METRICS))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clone_host_property");
    }

    @Test
    void givenInvalidSettings_whenBuilt_thenTheyAreRefused() {
        assertThatThrownBy(() -> HttpSettings.of("127.0.0.1", 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.of(" ", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpSettings.of("127.0.0.1", 0).withBodyLimitBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givenLanguageTags_whenRead_thenBlueKingSpellingsAreUnderstood() {
        assertThat(Language.fromTag("en")).contains(Language.EN);
        assertThat(Language.fromTag("EN-us")).contains(Language.EN);
        assertThat(Language.fromTag("zh-cn")).contains(Language.ZH_CN);
        assertThat(Language.fromTag("zh_CN")).contains(Language.ZH_CN);
        assertThat(Language.fromTag("fr")).isEmpty();
        assertThat(Language.fromTag(null)).isEmpty();
    }

    @Test
    void givenTwoServersFromOneKit_whenStarted_thenEachGetsItsOwnPort() {
        try (FakeBackedServer first = FakeBackedServer.start(); FakeBackedServer second = FakeBackedServer.start()) {
            assertThat(first.port()).isNotEqualTo(second.port());
        }
    }
}
