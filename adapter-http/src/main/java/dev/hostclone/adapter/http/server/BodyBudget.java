package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies the server holds at once, over every instance (event loop), and their budget
 * (the request limits' {@code bodyBudgetBytes}). A body is read whole into the heap before its credentials are checked,
 * and held until its request is answered, so without a budget a few hundred clients each sending a large body,
 * slowly, filled the heap however small each was against the body limit.
 *
 * <p>A request claims its body's bytes as its head arrives, before any of its body is read: what its
 * {@code Content-Length} declares, or for a chunked body, whose length is known only at its end, the body limit.
 * The claim is given back when the request is answered, or its connection closes. A request whose claim would pass
 * the budget is answered 503 / 1199997 with {@code Retry-After: 1}, its body read and dropped, and its connection
 * then closed; its use case is never called. A request without a body claims nothing, so the probes and every
 * {@code GET} are served as usual.
 */
public final class BodyBudget {

    private static final HttpProblem TOO_MANY_BODIES = new HttpProblem.TooManyBodies();

    private final long budgetBytes;
    private final long bodyLimitBytes;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * At most {@code budgetBytes} held at once, a chunked body counted at {@code bodyLimitBytes}; both counts metered
     * in {@code metrics}.
     */
    public BodyBudget(long budgetBytes, long bodyLimitBytes, HttpMetrics metrics) {
        if (budgetBytes < bodyLimitBytes || bodyLimitBytes <= 0) {
            throw new IllegalArgumentException("a budget of " + budgetBytes + " bytes holds no body of " + bodyLimitBytes);
        }
        this.budgetBytes = budgetBytes;
        this.bodyLimitBytes = bodyLimitBytes;
        metrics.bodies(this, BodyBudget::heldNow, BodyBudget::refusedSoFar);
    }

    /** The handler, before the body is read, that claims its bytes or refuses the request. */
    Handler<RoutingContext> claims(RouterFailures failures) {
        return ctx -> {
            long bytes = claimOf(ctx.request());
            if (bytes == 0) {
                ctx.next();
            } else if (claim(bytes)) {
                ctx.addEndHandler(ended -> held.addAndGet(-bytes));
                ctx.next();
            } else {
                refused.incrementAndGet();
                failures.refuseUnread(ctx, TOO_MANY_BODIES);
            }
        };
    }

    /**
     * The bytes {@code request}'s body may take: as declared, at most the body limit (a longer one is refused 413 as
     * it is read), and the body limit for a chunked one.
     */
    private long claimOf(HttpServerRequest request) {
        if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return bodyLimitBytes;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return 0;
        }
        try {
            return Math.min(Math.max(Long.parseLong(length.strip()), 0), bodyLimitBytes);
        } catch (NumberFormatException unreadable) {
            // the codec refuses such a head before the router sees it; counted at the limit should one come
            return bodyLimitBytes;
        }
    }

    private boolean claim(long bytes) {
        for (long now = held.get(); now + bytes <= budgetBytes; now = held.get()) {
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
        return false;
    }

    long heldNow() {
        return held.get();
    }

    long refusedSoFar() {
        return refused.get();
    }
}
