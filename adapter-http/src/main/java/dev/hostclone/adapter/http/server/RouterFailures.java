package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import io.netty.handler.codec.DecoderException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Envelope answers for what the router itself refuses: unknown path (404), wrong method (405), body too large (413), faults;
 * none for a connection that closed mid-request. And how a request answered before its body has all come is let go:
 * its body read and dropped, within the request timeout, and its connection closed where the answer says so.
 */
final class RouterFailures {

    private final Envelopes envelopes;
    private final ApiPaths apiPaths;
    private final long bodyLimitBytes;
    private final long requestTimeoutMillis;

    RouterFailures(Envelopes envelopes, ApiPaths apiPaths, long bodyLimitBytes, int requestTimeoutSeconds) {
        this.envelopes = envelopes;
        this.apiPaths = apiPaths;
        this.bodyLimitBytes = bodyLimitBytes;
        this.requestTimeoutMillis = TimeUnit.SECONDS.toMillis(requestTimeoutSeconds);
    }

    /**
     * After a 413, Vert.x reads and drops the rest of the body, and the answer has gone before it. Closed
     * at once, the connection would be reset under a client still sending, which then often never reads
     * that answer; left alone, a client sending a byte now and then held it for good (the request's
     * timer ended with the answer, and the idle timeout never comes). So the body gets the request
     * timeout to end, as a body within the limit has. The operator's paths, answered before the request's
     * timer starts and without reading a body, take the same bound. Only a request that declares a body gets the
     * timer: {@code isEnded()} is false for any request as its first handler runs, its end not yet read, and a timer
     * for every probe and scrape, ten seconds each, would be hundreds of thousands at a load balancer's or a
     * benchmark's rate.
     */
    void closeIfStillSending(RoutingContext ctx) {
        if (DeclaredBody.of(ctx.request()).follows() && !ctx.request().isEnded()) {
            ctx.vertx().setTimer(requestTimeoutMillis, fired -> {
                if (!ctx.request().isEnded()) {
                    ctx.request().connection().close();
                }
            });
        }
    }

    /**
     * Answers {@code problem} to a request whose body has not been read, saying {@code Connection: close}, then
     * reads and drops the body and closes the connection at its end, or at the request timeout should the body not
     * end by then.
     */
    void refuseUnread(RoutingContext ctx, HttpProblem problem) {
        closeOnceAnswered(ctx);
        closeIfStillSending(ctx);
        envelopes.problem(ctx, problem);
    }

    /**
     * Has {@code ctx}'s answer say {@code Connection: close}, and its connection closed once the answer has gone and
     * the body has all come, read and dropped: closed under a client still sending, the connection is reset, the
     * client's write fails, and a client may then never read the answer (as after a 413). The caller bounds how long
     * the body may take.
     */
    static void closeOnceAnswered(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        ctx.response().putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE);
        ctx.addEndHandler(answered -> dropTheRest(request, () -> request.connection().close()));
    }

    /**
     * Runs {@code then} once {@code request}, answered, has all come, each byte still to come dropped as it does: the
     * body's reader, and what it had kept, let go. One whose connection has closed runs it at once.
     */
    static void dropTheRest(HttpServerRequest request, Runnable then) {
        if (request.isEnded() || request.response().closed()) {
            then.run();
        } else {
            request.handler(dropped -> { }).endHandler(read -> then.run()).resume();
        }
    }

    void notFound(RoutingContext ctx) {
        envelopes.problem(ctx, new HttpProblem.RouteNotFound(ctx.request().method().name(), ctx.request().path()));
    }

    /** 405, with the methods the path takes in {@code Allow}, as HTTP asks of every 405. */
    void methodNotAllowed(RoutingContext ctx) {
        Set<String> allowed = new TreeSet<>();
        apiPaths.methodsOf(ctx.normalizedPath()).forEach(method -> allowed.add(method.name()));
        OpsRoutes.methodsOf(ctx.normalizedPath()).forEach(method -> allowed.add(method.name()));
        if (!allowed.isEmpty()) {
            ctx.response().putHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
        }
        envelopes.problem(ctx, new HttpProblem.MethodNotAllowed(ctx.request().method().name(), ctx.request().path()));
    }

    /**
     * A handler failed (or a web handler such as the body reader refused with a status). The status is
     * the failure's, or the context's, or else {@code routerStatus}: the one the router called this for.
     * For a path whose percent-escapes do not decode, the router calls its 400 handler with a context
     * that carries neither, which was answered 500 as an unexpected failure.
     */
    void failed(RoutingContext ctx, int routerStatus) {
        if (RequestContext.of(ctx) == null && !ctx.request().isEnded()) {
            // refused before the first handler (a path that does not decode): the request's timer never started,
            // and a body trickling in after the answer held the connection; it gets the request timeout to end
            closeIfStillSending(ctx);
        }
        Throwable failure = ctx.failure();
        if (failure instanceof HttpClosedException) {
            // the client left mid-request, or the idle timeout cut it off: nobody to answer, no fault
            return;
        }
        if (failure != null && !(failure instanceof HttpException) && !ctx.request().isEnded()) {
            if (unreadable(ctx, failure)) {
                // the request could not be read to its end (Netty refused a malformed chunk, and StrictRequestDecoder
                // closes the connection once this answer is out): the client's fault, answered as such
                envelopes.problemThenClose(ctx, new HttpProblem.BadRequest(400));
            } else {
                // a handler of ours that runs before the request has ended failed: the server's fault, answered
                // 500 and logged, and the connection closed once the rest of a body nobody will take has come
                if (!ctx.response().headWritten()) {
                    closeOnceAnswered(ctx);
                }
                envelopes.failure(ctx, failure);
                closeIfStillSending(ctx);
            }
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode()
                : ctx.statusCode() != -1 ? ctx.statusCode() : routerStatus;
        if (status == 413) {
            envelopes.problem(ctx, new HttpProblem.BodyTooLarge(bodyLimitBytes));
            // a chunked body past the limit, answered before it ends: the body reader, which kept what it had read
            // until the body ended, is let go, and the rest dropped as it comes
            dropTheRest(ctx.request(), () -> { });
            closeIfStillSending(ctx);
        } else if (status == 404) {
            notFound(ctx);
        } else if (status == 405) {
            methodNotAllowed(ctx);
        } else if (status >= 400 && status < 500) {
            envelopes.problem(ctx, new HttpProblem.BadRequest(status));
        } else {
            envelopes.failure(ctx, failure != null ? failure : new IllegalStateException("failed with status " + status));
        }
    }

    /**
     * Whether {@code failure} says the request could not be read: Netty's decoder refused its body (a
     * {@link DecoderException}, which {@link StrictRequestDecoder} makes of whatever Netty threw), the router refused
     * what it was sent with a 400 of its own (a {@code Host} it cannot read), or its connection failed under it.
     * Anything else a handler threw, and is the server's; until 2026-12-07 every failure before a request's end was
     * taken for the client's, and a fault of the readiness check answered 400, unlogged.
     */
    private static boolean unreadable(RoutingContext ctx, Throwable failure) {
        return failure instanceof DecoderException || failure instanceof IOException || ctx.statusCode() == 400;
    }
}
