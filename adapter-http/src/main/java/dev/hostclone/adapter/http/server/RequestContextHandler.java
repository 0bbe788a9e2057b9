package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * First handler of every request: settles the request id (API.md §1: {@code X-Request-ID},
 * {@code X-Bkapi-Request-Id}, {@code Cc_Request_Id}, else 32 generated hex chars) and the language
 * ({@code X-Bkcmdb-Language}, {@code HTTP_BLUEKING_LANGUAGE}, {@code Blueking-Language}, cookie {@code blueking_language},
 * else the configured default), and when the response ends writes the access log line and records
 * the request in {@link HttpMetrics}: by the API and door its handler named, or else, for a request
 * refused before that handler ran, those its method and path are for ({@link ApiPaths}). Vert.x calls a
 * response ended once its answer is handed to the connection; the line waits for the write, and an answer
 * whose write failed (its client gone first) is logged and counted as none, {@code code=- status=-}.
 */
final class RequestContextHandler implements Handler<RoutingContext> {

    static final List<String> REQUEST_ID_HEADERS = List.of("X-Request-ID", "X-Bkapi-Request-Id", "Cc_Request_Id");
    /**
     * CMDB's own header, the name BlueKing's ESB forwards it under, and the one BlueKing's Python SDK
     * ({@code blueking.component}) sends on every call, read by the ESB (since 2026-12-08: an SDK caller in
     * English was answered in Chinese).
     */
    static final List<String> LANGUAGE_HEADERS = List.of("X-Bkcmdb-Language", "HTTP_BLUEKING_LANGUAGE",
            "Blueking-Language");
    static final String LANGUAGE_COOKIE = "blueking_language";

    /**
     * A caller's id is echoed in a header and logs, so only what stays one token of a log line is taken over: visible
     * ASCII (base64 ids, AWS's {@code Root=…;Sampled=1}), no space, no control character, 128 at most.
     */
    private static final Pattern ACCEPTABLE_ID = Pattern.compile("^[!-~]{1,128}$");

    private final Language defaultLanguage;
    private final HttpMetrics metrics;
    private final ApiPaths apiPaths;

    RequestContextHandler(Language defaultLanguage, HttpMetrics metrics, ApiPaths apiPaths) {
        this.defaultLanguage = defaultLanguage;
        this.metrics = metrics;
        this.apiPaths = apiPaths;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestContext context = RequestContext.attach(ctx, contextOf(ctx.request(), defaultLanguage));
        ctx.addEndHandler(ended -> {
            if (ended.failed() && !(ended.cause() instanceof HttpClosedException)) {
                // a body that could not be read fails the response before the request, whose route answers it
                // 400 in the same turn (StrictRequestDecoder): the line says that answer
                ctx.vertx().runOnContext(next -> context.afterDelivery(() -> record(ctx, context)));
            } else {
                // the answer is handed to the connection, not yet written: a client gone before it is fails the write
                context.afterDelivery(() -> record(ctx, context));
            }
        });
        ctx.next();
    }

    private void record(RoutingContext ctx, RequestContext context) {
        long elapsedNanos = context.elapsedNanos();
        if (!context.apiNamed()) {
            apiPaths.find(ctx.request().method(), ctx.normalizedPath())
                    .ifPresent(named -> context.api(named.api(), named.door().label()));
        }
        record(context, ctx.response(), elapsedNanos, metrics);
    }

    /** A request's access-log line and its count in the request meters, once it is answered (or its client gone). */
    static void record(RequestContext context, HttpServerResponse response, long elapsedNanos, HttpMetrics metrics) {
        String status = AccessLog.status(context, response);
        AccessLog.write(context, status, elapsedNanos);
        metrics.request(context.api(), context.door(), context.code(), status, elapsedNanos);
    }

    /** The context for a request, also for error paths that run before this handler did. */
    static RequestContext contextOf(HttpServerRequest request, Language defaultLanguage) {
        return new RequestContext(requestId(request), language(request, defaultLanguage), System.nanoTime());
    }

    private static String requestId(HttpServerRequest request) {
        for (String header : REQUEST_ID_HEADERS) {
            String value = request.getHeader(header);
            if (value != null && ACCEPTABLE_ID.matcher(value.trim()).matches()) {
                return value.trim();
            }
        }
        return newRequestId();
    }

    /**
     * 32 random hex digits, as BlueKing's ids. They need to be unique, not unguessable, so they come
     * from the thread's own generator rather than {@code UUID.randomUUID()}, whose shared
     * {@code SecureRandom} every event loop would queue on for each request.
     */
    private static String newRequestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return HexFormat.of().toHexDigits(random.nextLong()) + HexFormat.of().toHexDigits(random.nextLong());
    }

    private static Language language(HttpServerRequest request, Language defaultLanguage) {
        for (String header : LANGUAGE_HEADERS) {
            String value = request.getHeader(header);
            if (value != null && !value.isBlank()) {
                return Language.fromTag(value).orElse(defaultLanguage);
            }
        }
        Cookie cookie = request.getCookie(LANGUAGE_COOKIE);
        if (cookie != null) {
            return Language.fromTag(cookie.getValue()).orElse(defaultLanguage);
        }
        return defaultLanguage;
    }
}
