package dev.hostclone.adapter.http;

import dev.hostclone.adapter.http.api.ApiEndpoint;
import dev.hostclone.adapter.http.api.ApiRoute;
import dev.hostclone.adapter.http.auth.CallerAuthenticator;
import dev.hostclone.adapter.http.json.JsonBodyParser;
import dev.hostclone.adapter.http.server.ApiRouter;
import dev.hostclone.adapter.http.server.InvalidRequests;
import dev.hostclone.application.port.in.AuthenticateAppUseCase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * HostClone's BlueKing-compatible HTTP API: every given {@link ApiEndpoint} on both doors (API.md
 * §1), credentials checked through {@link AuthenticateAppUseCase}, every answer in the envelope.
 * Build the endpoints with {@code ApiEndpoints.of(...)}; add an API by adding its endpoint.
 */
public final class HttpApi {

    private final Vertx vertx;
    private final HttpSettings settings;
    private final CallerAuthenticator authenticator;
    private final List<ApiEndpoint<?, ?>> endpoints;
    private Router router;

    public HttpApi(Vertx vertx, HttpSettings settings, AuthenticateAppUseCase authenticateApp,
                   List<? extends ApiEndpoint<?, ?>> endpoints) {
        this.vertx = Objects.requireNonNull(vertx, "vertx");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.authenticator = new CallerAuthenticator(Objects.requireNonNull(authenticateApp, "authenticateApp"));
        this.endpoints = List.copyOf(endpoints);
        requireDistinct(this.endpoints);
    }

    /** The APIs served, in registration order. */
    public List<ApiRoute> routes() {
        return endpoints.stream().map(ApiEndpoint::route).toList();
    }

    /** The router (built once), for mounting into another server. */
    public synchronized Router router() {
        if (router == null) {
            RequestLimits limits = settings.limits();
            router = ApiRouter.create(vertx, settings.defaultLanguage(), limits.bodyBytes(),
                    new JsonBodyParser(limits.jsonNestingDepth(), limits.stringLength()), authenticator,
                    endpoints);
        }
        return router;
    }

    /** Starts an HTTP server on the configured host and port; completes once it listens. */
    public Future<RunningHttpServer> start() {
        // HTTP/1.1 only, as BlueKing's callers speak it: over h2c, Vert.x refuses oversized headers itself,
        // with an empty body instead of the envelope.
        HttpServerOptions options = new HttpServerOptions().setHost(settings.host()).setPort(settings.port())
                .setHttp2ClearTextEnabled(false);
        return vertx.createHttpServer(options)
                .requestHandler(router())
                .invalidRequestHandler(InvalidRequests.handler(settings.defaultLanguage()))
                .listen()
                .map(server -> new RunningHttpServer(server, routes()));
    }

    private static void requireDistinct(List<ApiEndpoint<?, ?>> endpoints) {
        Set<String> names = new HashSet<>();
        Set<String> v3Routes = new HashSet<>();
        for (ApiEndpoint<?, ?> endpoint : endpoints) {
            ApiRoute route = endpoint.route();
            if (!names.add(route.name())) {
                throw new IllegalArgumentException("API registered twice: " + route.name());
            }
            if (!v3Routes.add(route.v3Method() + " " + route.v3RouterPath())) {
                throw new IllegalArgumentException("v3 route registered twice: " + route.v3Method() + " " + route.v3Path());
            }
        }
    }
}
