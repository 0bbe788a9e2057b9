package dev.hostclone.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.hostclone.adapter.http.HttpApi;
import dev.hostclone.adapter.http.HttpSettings;
import dev.hostclone.adapter.http.RunningHttpServer;
import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.adapter.persistence.memory.MemoryStore;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.bootstrap.metrics.Metrics;
import dev.hostclone.bootstrap.vertx.VertxFiles;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A server on the memory store wired by the same modules as {@link HostCloneServer}, but with the
 * {@link AuthorizePort} a test gives in place of the built-in one: what a plugged-in IAM's answers
 * make of real requests. The authorizer is made from the store's businesses, as the built-in one is.
 */
public final class ServerWithAuthorizer implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final RunningHttpServer http;

    private ServerWithAuthorizer(Vertx vertx, RunningHttpServer http) {
        this.vertx = vertx;
        this.http = http;
    }

    public static ServerWithAuthorizer start(Map<String, String> apps, Set<String> administrators,
                                             Function<LoadBusinessPort, AuthorizePort> authorizer) {
        MemoryStore store = new MemoryStore(Clock.systemUTC(), new SecretChecks(), HostClone.memoryAuditRetention());
        apps.forEach((code, secret) -> await(store.registerApp(code, SecretHashing.hash(secret))));
        Vertx vertx = Vertx.vertx(VertxFiles.options());
        Injector injector = Guice.createInjector(
                new ApplicationModule(administrators, writer -> { }, authorizer.apply(store)),
                new StorageModule(store),
                new HttpModule(vertx, HttpSettings.of("127.0.0.1", 0), Metrics.registry()));
        return new ServerWithAuthorizer(vertx, await(injector.getInstance(HttpApi.class).start().toCompletionStage()));
    }

    public RunningHttpServer http() {
        return http;
    }

    @Override
    public void close() {
        await(http.close().toCompletionStage());
        await(vertx.close().toCompletionStage());
    }

    private static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception failed) {
            throw new IllegalStateException("did not complete within " + PATIENCE, failed);
        }
    }
}
