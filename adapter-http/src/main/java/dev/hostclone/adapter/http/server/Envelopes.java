package dev.hostclone.adapter.http.server;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.error.ErrorCatalog;
import dev.hostclone.adapter.http.error.ErrorReply;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.EnvelopeJson;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every answer in BlueKing's envelope (API.md §2):
 * {@code {"result","code","message","permission","request_id","data"}}, as JSON, with the request
 * id echoed in {@code X-Request-ID}. Internal faults are logged here with their stack trace and
 * answered without it; a store or an authorization that failed, with one line saying why.
 */
final class Envelopes {

    static final String REQUEST_ID_HEADER = "X-Request-ID";
    private static final String JSON = "application/json";
    private static final Logger LOG = LoggerFactory.getLogger(Envelopes.class);

    private final Language defaultLanguage;
    private final Draining draining;
    private final HttpMetrics metrics;

    Envelopes(Language defaultLanguage, Draining draining, HttpMetrics metrics) {
        this.defaultLanguage = defaultLanguage;
        this.draining = draining;
        this.metrics = metrics;
    }

    void success(RoutingContext ctx, JsonNode data) {
        RequestContext context = contextOf(ctx);
        write(ctx.request(), context, 200, true, ErrorCatalog.SUCCESS, ErrorCatalog.SUCCESS_MESSAGE, null, data);
    }

    void failure(RoutingContext ctx, Throwable error) {
        RequestContext context = contextOf(ctx);
        ErrorReply reply = ErrorCatalog.reply(error, context.requestId(), context.language());
        if (reply.code() == ErrorCatalog.DB_UNAVAILABLE) {
            // expected while the database is down: one line, no stack trace
            LOG.warn("rid={} api={} door={} {}", context.loggedRequestId(), context.api(), context.door(),
                    ErrorCatalog.unwrap(error).getMessage());
        } else if (reply.code() == ErrorCatalog.AUTHORIZE_FAILED) {
            // the IAM's failure, not ours: one line naming it, no stack trace
            LOG.warn("rid={} api={} door={} authorization could not be decided: {}", context.loggedRequestId(), context.api(),
                    context.door(), ErrorCatalog.unwrap(error).getMessage());
        } else if (reply.httpStatus() >= 500 && !(ErrorCatalog.unwrap(error) instanceof HttpProblemException)) {
            // a refusal of ours (no room for a body's tree, 503) is the load's, not a fault: the access log has it
            LOG.error("rid={} api={} door={} unexpected failure", context.loggedRequestId(), context.api(), context.door(),
                    ErrorCatalog.unwrap(error));
        }
        write(ctx.request(), context, reply);
    }

    void problem(RoutingContext ctx, HttpProblem problem) {
        RequestContext context = contextOf(ctx);
        write(ctx.request(), context, ErrorCatalog.forProblem(problem, context.language()));
    }

    /** Answers a request whose body is still arriving, then closes the connection rather than read the rest. */
    void problemThenClose(RoutingContext ctx, HttpProblem problem) {
        RequestContext context = contextOf(ctx);
        ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        write(ctx.request(), context, ErrorCatalog.forProblem(problem, context.language()))
                .onComplete(written -> ctx.request().connection().close());
    }

    /**
     * Answers a request that never reached the router (its request line or headers could not be read, or were
     * refused), saying {@code Connection: close}, as Vert.x then closes the connection. The header is set as
     * the head is written, after Vert.x's own, which follows the request's: to an HTTP/1.0 request asking to
     * be kept alive it said {@code keep-alive}. A head cut off by the client's leaving is such a request too, its
     * connection gone by then: the answer that could not be written is recorded as none.
     */
    void invalid(HttpServerRequest request, HttpProblem problem) {
        long started = System.nanoTime();
        RequestContext context = RequestContextHandler.contextOf(request, defaultLanguage);
        HttpServerResponse response = request.response();
        response.headersEndHandler(head -> response.headers().set(HttpHeaders.CONNECTION, HttpHeaders.CLOSE));
        write(request, context, ErrorCatalog.forProblem(problem, context.language()));
        context.afterDelivery(() -> RequestContextHandler.record(context, response, System.nanoTime() - started, metrics));
    }

    private Future<Void> write(HttpServerRequest request, RequestContext context, ErrorReply reply) {
        if (reply.retryAfterSeconds() > 0) {
            request.response().putHeader("Retry-After", Integer.toString(reply.retryAfterSeconds()));
        }
        return write(request, context, reply.httpStatus(), false, reply.code(), reply.message(), reply.permission(), null);
    }

    /**
     * Completes once the answer to {@code request} is written; at once when there is none to write
     * (answered already, or the client left).
     */
    private Future<Void> write(HttpServerRequest request, RequestContext context, int status, boolean result, int code,
                               String message, JsonNode permission, JsonNode data) {
        HttpServerResponse response = request.response();
        if (response.ended() || response.closed()) {
            return Future.succeededFuture();
        }
        draining.mark(request);
        byte[] bytes;
        try {
            bytes = EnvelopeJson.encode(result, code, message, permission, context.requestId(), data);
        } catch (UncheckedIOException unwritable) {
            // cannot happen with JSON nodes; should that ever change, still answer in the envelope
            LOG.error("rid={} cannot serialize the envelope", context.loggedRequestId(), unwritable);
            status = 500;
            code = ErrorCatalog.UNKNOWN_ERROR;
            bytes = ("{\"result\":false,\"code\":" + code + ",\"message\":\"Unknown or unrecognized error\","
                    + "\"permission\":null,\"request_id\":\""
                    // a caller's id may hold a quote or a backslash
                    + new String(JsonStringEncoder.getInstance().quoteAsString(context.requestId())) + "\",\"data\":null}")
                    .getBytes(StandardCharsets.UTF_8);
        }
        context.code(code);
        if (request.method().equals(HttpMethod.HEAD)) {
            // the GET's length: Vert.x sets none for a HEAD, whose body it leaves out
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(bytes.length));
        }
        // known to the context before end(), which calls the response's end handlers, whose line waits for it
        Promise<Void> delivery = Promise.promise();
        context.delivering(delivery.future());
        response.setStatusCode(status)
                .putHeader("Content-Type", JSON)
                .putHeader(REQUEST_ID_HEADER, context.requestId())
                .end(Buffer.buffer(bytes))
                .onComplete(delivery);
        return delivery.future();
    }

    /**
     * The request's context, made up on the spot for the rare error that precedes the first handler (a
     * path the router cannot decode); the handler that writes the access log and counts the request never
     * ran for it, so both are done here when the answer ends.
     */
    private RequestContext contextOf(RoutingContext ctx) {
        RequestContext context = RequestContext.of(ctx);
        if (context == null) {
            RequestContext madeUp = RequestContext.attach(ctx, RequestContextHandler.contextOf(ctx.request(), defaultLanguage));
            ctx.addEndHandler(ended -> madeUp.afterDelivery(
                    () -> RequestContextHandler.record(madeUp, ctx.response(), madeUp.elapsedNanos(), metrics)));
            context = madeUp;
        }
        return context;
    }
}
