package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.api.ApiEndpoint;
import dev.hostclone.adapter.http.api.ApiRoute;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import dev.hostclone.application.port.in.CheckReadinessUseCase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the router: the close of a connection past the cap once answered, the operator's routes, then request
 * context, the refusal of an API request on such a connection, request timeout, the claim of its body's bytes
 * under the budget, request limits, each API on both doors, and envelope answers for every refusal.
 */
public final class ApiRouter {

    private ApiRouter() {
    }

    public static Router create(Vertx vertx, Language defaultLanguage, long bodyLimitBytes, int requestTimeoutSeconds,
                                RequestGuards guards, CheckReadinessUseCase readiness, HttpMetrics metrics,
                                Draining draining, ConnectionCap cap,
                                List<? extends ApiEndpoint<?, ?>> endpoints) {
        Envelopes envelopes = new Envelopes(defaultLanguage, draining, metrics);
        ApiPaths apiPaths = new ApiPaths(endpoints);
        RouterFailures failures = new RouterFailures(envelopes, apiPaths, bodyLimitBytes, requestTimeoutSeconds);
        Router router = Router.router(vertx);
        router.route().handler(cap::closeOnceAnswered);
        OpsRoutes.register(router, readiness, metrics, draining, failures::methodNotAllowed, failures::closeIfStillSending);
        router.route().handler(new RequestContextHandler(defaultLanguage, metrics, apiPaths));
        router.route().handler(cap.refusal(envelopes));
        router.route().handler(new RequestTimeoutHandler(requestTimeoutSeconds, envelopes));
        router.route().handler(new JsonBodyTypeHandler());
        router.route().handler(guards.bodyBudget().claims(failures));
        router.route().handler(BodyHandler.create(false)
                .setBodyLimit(bodyLimitBytes)
                .setMergeFormAttributes(false));
        // literal v3 paths first: a path with parameters may match one of them too (GET /api/v3/hosts/{a}/{b}
        // matches PUT /api/v3/hosts/property/clone), and a wrong method on a literal path is a 405, not that API
        List<? extends ApiEndpoint<?, ?>> literalFirst = endpoints.stream()
                .sorted(Comparator.comparing(endpoint -> !endpoint.route().v3PathParameters().isEmpty()))
                .toList();
        literalFirst.forEach(endpoint -> register(router, endpoint, guards, envelopes, failures));
        // the gateway's public paths after every other: the router tries routes in turn, and each request on the
        // paths callers use most would try these first; no path with parameters above matches one of them, each
        // beginning with a literal segment other than "open"
        literalFirst.forEach(endpoint -> registerV3(router, endpoint, endpoint.route().v3OpenPath(), guards, envelopes,
                failures));
        router.route().failureHandler(ctx -> failures.failed(ctx, 500));
        router.errorHandler(404, failures::notFound);
        router.errorHandler(405, failures::methodNotAllowed);
        // the status each is for: the router calls one at times with a context that carries none (a path it cannot decode)
        router.errorHandler(400, ctx -> failures.failed(ctx, 400));
        router.errorHandler(413, ctx -> failures.failed(ctx, 413));
        router.errorHandler(500, ctx -> failures.failed(ctx, 500));
        return router;
    }

    /** The route for the methods that serve an API of {@code method}: HEAD beside GET. */
    private static Route withMethods(Route route, HttpMethod method) {
        ApiRoute.methodsServing(method).forEach(route::method);
        return route;
    }

    private static <C, R> void register(Router router, ApiEndpoint<C, R> endpoint, RequestGuards guards,
                                        Envelopes envelopes, RouterFailures failures) {
        ApiRoute route = endpoint.route();
        ApiRouteHandler<C, R> esb = new ApiRouteHandler<>(endpoint, Door.ESB, route.v3Path(), guards, envelopes);
        Route esbPath = router.route(route.esbPath());
        // Some ESB clients drop the trailing slash; serve both spellings.
        Route esbPathWithoutSlash = router.route(route.esbPath().substring(0, route.esbPath().length() - 1));
        route.esbMethods().forEach(method -> {
            esbPath.method(method);
            esbPathWithoutSlash.method(method);
        });
        esbPath.handler(esb);
        esbPathWithoutSlash.handler(esb);
        registerV3(router, endpoint, route.v3Path(), guards, envelopes, failures);
    }

    /** The v3 door of {@code endpoint} at {@code v3Path}, one of its {@link ApiRoute#v3Paths()}. */
    private static <C, R> void registerV3(Router router, ApiEndpoint<C, R> endpoint, String v3Path, RequestGuards guards,
                                          Envelopes envelopes, RouterFailures failures) {
        ApiRoute route = endpoint.route();
        ApiRouteHandler<C, R> v3 = new ApiRouteHandler<>(endpoint, Door.V3, v3Path, guards, envelopes);
        if (!route.v3PathParameters().isEmpty()) {
            withMethods(router.route(ApiRoute.routerPath(v3Path)), route.v3Method()).handler(v3);
            return;
        }
        // any method: the API's is served, another answered 405 here, before a path with parameters takes it
        router.route(ApiRoute.routerPath(v3Path)).handler(ctx -> {
            if (ApiRoute.methodsServing(route.v3Method()).contains(ctx.request().method())) {
                v3.handle(ctx);
            } else {
                failures.methodNotAllowed(ctx);
            }
        });
    }
}
