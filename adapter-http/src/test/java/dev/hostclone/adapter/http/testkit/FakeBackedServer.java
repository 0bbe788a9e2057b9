package dev.hostclone.adapter.http.testkit;

import dev.hostclone.adapter.http.HttpApi;
import dev.hostclone.adapter.http.HttpSettings;
import dev.hostclone.adapter.http.RunningHttpServer;
import dev.hostclone.adapter.http.api.ApiEndpoints;
import dev.hostclone.adapter.http.fakes.FakeAuthenticateApp;
import dev.hostclone.adapter.http.fakes.FakeCheckReadiness;
import dev.hostclone.adapter.http.fakes.FakeUseCases;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.github.bucket4j.TimeMeter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free port whose use cases are the fakes it inherits
 * ({@code server.cloneHostProperty}, ..., {@code server.readiness}), with meters of its own;
 * {@link #client()} calls it as a known app and user.
 */
public final class FakeBackedServer extends FakeUseCases implements AutoCloseable {

    public static final String APP_CODE = "cmdb-caller";
    public static final String APP_SECRET = "s3cret-Value!";
    public static final String USER = "admin";

    /** A clone through the ESB door as the known app and user, for requests written by hand ({@link RawConnection}). */
    public static final String ESB_CLONE_PATH = "/api/c/compapi/v2/cc/clone_host_property/";
    public static final String ESB_CLONE_BODY = "{\"bk_app_code\":\"" + APP_CODE + "\",\"bk_app_secret\":\"" + APP_SECRET
            + "\",\"bk_username\":\"" + USER + "\",\"bk_biz_id\":2,\"bk_org_id\":10,\"bk_dst_id\":11}";

    public final FakeAuthenticateApp apps = new FakeAuthenticateApp().withApp(APP_CODE, APP_SECRET);
    public final FakeCheckReadiness readiness = new FakeCheckReadiness();

    private final Vertx vertx;
    private final TimeMeter rateClock;
    private final RunningHttpServer server;

    private FakeBackedServer(HttpSettings settings, TimeMeter rateClock) {
        vertx = Vertx.vertx();
        this.rateClock = rateClock;
        server = await(api(settings).start().toCompletionStage());
    }

    /** A new HTTP API on this server's Vert.x and fakes, with metrics of its own; not started. */
    public HttpApi api(HttpSettings settings) {
        HttpMetrics metrics = new HttpMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        return new HttpApi(vertx, settings, apps, readiness, metrics, ApiEndpoints.of(useCases(), metrics, settings.timeZone()), rateClock);
    }

    /** Listens on 127.0.0.1, a free port, Chinese by default, 1 MiB body limit. */
    public static FakeBackedServer start() {
        return start(HttpSettings.of("127.0.0.1", 0));
    }

    public static FakeBackedServer start(HttpSettings settings) {
        return start(settings, TimeMeter.SYSTEM_NANOTIME);
    }

    /** With the rate limits refilled by {@code rateClock}: one that stands still refills none. */
    public static FakeBackedServer start(HttpSettings settings, TimeMeter rateClock) {
        return new FakeBackedServer(settings, rateClock);
    }

    public int port() {
        return server.port();
    }

    public RunningHttpServer server() {
        return server;
    }

    /** A client acting as the known app and user. */
    public ApiClient client() {
        return ApiClient.of(server).as(APP_CODE, APP_SECRET, USER);
    }

    /** Forgets recorded calls and canned answers. */
    @Override
    public void reset() {
        apps.reset();
        readiness.reset();
        super.reset();
    }

    @Override
    public void close() {
        await(server.close().toCompletionStage());
        await(vertx.close().toCompletionStage());
    }

    private static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new IllegalStateException("server did not start or stop in time", failed);
        }
    }
}
