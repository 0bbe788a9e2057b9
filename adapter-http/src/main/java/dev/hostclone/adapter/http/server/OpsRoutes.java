package dev.hostclone.adapter.http.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import dev.hostclone.application.port.in.CheckReadinessUseCase;
import dev.hostclone.application.port.in.Readiness;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's routes beside the API: {@code /healthz} (the process answers), {@code /readyz}
 * (the store answers and is migrated; 503 naming the failed check otherwise, its cause in the log alone) and
 * {@code /metrics} (Prometheus text), for GET and HEAD. Registered ahead of the API chain: no credentials, no body reading,
 * no access log line and no request metric, so probes and scrapes stay cheap and out of the API's numbers.
 */
final class OpsRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);

    static final String HEALTH = "/healthz";
    static final String READY = "/readyz";
    static final String METRICS = "/metrics";
    private static final Set<String> OPS_PATHS = Set.of(HEALTH, READY, METRICS);

    private static final String UP = "UP";
    private static final String DOWN = "DOWN";
    private static final String HEALTHY = "{\"status\":\"UP\"}";
    private static final String JSON = "application/json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final CheckReadinessUseCase readiness;
    private final HttpMetrics metrics;
    private final MetricsScrapes scrapes;
    private final Draining draining;
    /** The failed checks last logged, as logged; null while ready. Read and set by {@link #logChanged} alone. */
    private String lastLogged;

    private OpsRoutes(CheckReadinessUseCase readiness, HttpMetrics metrics, Draining draining) {
        this.readiness = readiness;
        this.metrics = metrics;
        this.scrapes = new MetricsScrapes(metrics::scrape, MetricsScrapes.MIN_GAP_MILLIS);
        this.draining = draining;
    }

    /**
     * Each path for GET and HEAD (a load balancer's health check may send either; Vert.x leaves a HEAD's body
     * out); any other method on them is {@code methodNotAllowed}'s. One route a path, whatever the method,
     * as before HEAD was taken: every API request passes these first. A body sent with one is not read, and these
     * answer before the request's timer starts: {@code closeIfStillSending} gives it the request timeout to end, as
     * a refusal's, where until 2026-12-07 a body sent a byte now and then held the connection, and its place under
     * the connection cap, for good.
     */
    static void register(Router router, CheckReadinessUseCase readiness, HttpMetrics metrics, Draining draining,
                         Handler<RoutingContext> methodNotAllowed, Handler<RoutingContext> closeIfStillSending) {
        OpsRoutes routes = new OpsRoutes(readiness, metrics, draining);
        Map<String, Handler<RoutingContext>> paths = Map.of(HEALTH, routes::health, READY, routes::ready, METRICS, routes::metrics);
        paths.forEach((path, handler) -> router.route(path).handler(ctx -> {
            closeIfStillSending.handle(ctx);
            HttpMethod method = ctx.request().method();
            if (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD)) {
                handler.handle(ctx);
            } else {
                methodNotAllowed.handle(ctx);
            }
        }));
    }

    /**
     * The methods the operator's paths take, for a 405's {@code Allow}; none for another path. With a trailing slash
     * too, as Vert.x routes {@code /healthz/} to {@code /healthz}: until 2026-12-06 that 405 had no {@code Allow}.
     */
    static List<HttpMethod> methodsOf(String normalizedPath) {
        return OPS_PATHS.contains(ApiPaths.withoutTrailingSlash(normalizedPath)) ? List.of(HttpMethod.GET, HttpMethod.HEAD)
                : List.of();
    }

    private void health(RoutingContext ctx) {
        answer(ctx).putHeader("Content-Type", JSON).end(HEALTHY);
    }

    private void ready(RoutingContext ctx) {
        Future.fromCompletionStage(readiness.checkReadiness(), ctx.vertx().getOrCreateContext())
                .otherwise(failure -> new Readiness(List.of(new Readiness.Check("readiness", false, "check failed",
                        Optional.of(String.valueOf(failure))))))
                .onSuccess(answer -> {
                    logChanged(answer);
                    metrics.readiness(answer.ready());
                    answer(ctx).setStatusCode(answer.ready() ? 200 : 503)
                            .putHeader("Content-Type", JSON)
                            .end(json(answer));
                });
    }

    /**
     * Logs a readiness answer unlike the one before: WARN naming each failed check with its cause, which the body
     * leaves out (it may name the database's host), and INFO once every check passes again. Probes come every few
     * seconds: a database down for an hour logs one line, not a thousand. Synchronized: two answers coming on two
     * event loops must be logged in the order they are taken as the last, or the log could end on the wrong one.
     */
    private synchronized void logChanged(Readiness answer) {
        String failed = answer.ready() ? null : answer.checks().stream().filter(check -> !check.passed())
                .map(check -> check.name() + ": " + check.detail()
                        + check.cause().map(cause -> " (" + cause + ")").orElse(""))
                .collect(Collectors.joining("; "));
        if (Objects.equals(lastLogged, failed)) {
            return;
        }
        lastLogged = failed;
        if (failed == null) {
            LOG.info("ready again: every check of {} passed", READY);
        } else {
            LOG.warn("not ready, {} answers 503: {}", READY, failed);
        }
    }

    /**
     * Off the event loop, shared with the scrapes waiting alongside ({@link MetricsScrapes}), answered on it; in gzip
     * to a scraper that accepts it.
     */
    private void metrics(RoutingContext ctx) {
        Context here = ctx.vertx().getOrCreateContext();
        boolean gzip = AcceptEncoding.acceptsGzip(ctx.request().getHeader(HttpHeaders.ACCEPT_ENCODING));
        scrapes.scrape(gzip).whenComplete((rendered, failure) -> here.runOnContext(back -> {
            if (failure == null) {
                HttpServerResponse response = answer(ctx).putHeader(HttpHeaders.CONTENT_TYPE, PROMETHEUS_TEXT)
                        .putHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
                if (gzip) {
                    response.putHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
                }
                response.end(rendered.body(gzip));
            } else {
                ctx.fail(failure);
            }
        }));
    }

    /** The response, saying {@code Connection: close} while its server drains. */
    private HttpServerResponse answer(RoutingContext ctx) {
        draining.mark(ctx.request());
        return ctx.response();
    }

    /** {@code {"status":"DOWN","checks":{"store":{"status":"DOWN","detail":"..."},...}}}: never a check's cause. */
    private static String json(Readiness answer) {
        ObjectNode body = Json.MAPPER.createObjectNode().put("status", answer.ready() ? UP : DOWN);
        ObjectNode checks = body.putObject("checks");
        for (Readiness.Check check : answer.checks()) {
            checks.putObject(check.name()).put("status", check.passed() ? UP : DOWN).put("detail", check.detail());
        }
        return body.toString();
    }
}
