package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Starts each API request's timer as its head arrives, ahead of the body reader, so that a body sent
 * slowly counts too. Should the timer fire before the use case is called (body still arriving,
 * caller being authenticated, rate or request being checked), the request is answered at once: HTTP
 * 503, code 1199002; the connection is closed if the body has not fully arrived, and the use case is
 * never called afterwards ({@link ApiRouteHandler} asks {@link RequestContext#meetDeadline()} right
 * before calling it).
 *
 * <p>Should it fire after the use case was called, it does nothing: the use case may be committing a
 * write, and answering "failed" for a write that then commits would break the rule that a refused
 * write leaves no trace. The request is still bounded: every wait of a use case on the store ends
 * within the store timeout (503 / 1199017). A request answered in time leaves its event loop's
 * {@link RequestDeadlines} once it is answered.
 */
final class RequestTimeoutHandler implements Handler<RoutingContext> {

    private static final HttpProblem TIMED_OUT = new HttpProblem.RequestTimedOut();

    private final long timeoutNanos;
    private final Envelopes envelopes;

    RequestTimeoutHandler(int timeoutSeconds, Envelopes envelopes) {
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
        this.envelopes = envelopes;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RequestContext context = RequestContext.of(ctx);
        RequestDeadlines.Pending deadline = deadlines(ctx).start(() -> expire(ctx, context));
        ctx.addEndHandler(ended -> deadline.finish());
        ctx.next();
    }

    /** The deadlines of the request's event loop, kept in its context's data under this handler. */
    private RequestDeadlines deadlines(RoutingContext ctx) {
        Context eventLoop = ctx.vertx().getOrCreateContext();
        RequestDeadlines deadlines = eventLoop.get(this);
        if (deadlines == null) {
            deadlines = new RequestDeadlines(ctx.vertx(), timeoutNanos);
            eventLoop.put(this, deadlines);
        }
        return deadlines;
    }

    private void expire(RoutingContext ctx, RequestContext context) {
        if (!context.missDeadline()) {
            return;
        }
        if (ctx.request().isEnded()) {
            envelopes.problem(ctx, TIMED_OUT);
        } else {
            envelopes.problemThenClose(ctx, TIMED_OUT);
        }
    }
}
