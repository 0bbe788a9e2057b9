package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes of request bodies the server holds at once, and of the trees built of them, over every instance (event
 * loop), and their budget (the request limits' {@code bodyBudgetBytes}). A body is read whole into the heap before its
 * credentials are checked, and held until its request is answered, so without a budget a few hundred clients each
 * sending a large body, slowly, filled the heap however small each was against the body limit; and the tree built of
 * it once its caller is proven may take fifty times its bytes, so that a few proven callers did alike.
 *
 * <p>A request claims its body's bytes as its head arrives, before any of its body is read: what its
 * {@code Content-Length} declares, or for a chunked body, whose length is known only at its end, the body limit. A
 * declared length over the limit claims nothing: the body reader answers it 413 at once, reading none of it. The
 * claim is given back once the request is answered, or its connection closes; a chunked body past the limit, answered
 * 413 before it ends, has its reader let go then ({@link RouterFailures}). A request whose claim would pass the budget
 * is answered 503 / 1199997 with {@code Retry-After: 1}, its body read and dropped, and its connection then closed;
 * its use case is never called. It is claimed before the path is matched, so at the budget a request with a body to a
 * path the server does not serve is answered so too. A request without a body claims nothing, so the probes and every
 * {@code GET} are served as usual.
 *
 * <p>Once its caller is proven, a request claims room for the tree to be built of its body ({@link #claimTree}), what
 * {@link dev.hostclone.adapter.http.json.TreeWeight} says it may weigh. Its body's claim is first brought down to the
 * bytes it brought (a chunked body claimed the limit). A tree that would take what is left past the budget is answered
 * 503 / 1199997 as a body is, its connection kept, as its body has all been read; one that could never be held beside
 * its body, however little the others held, is answered 413 / 1199015. Both claims are one per request, given back
 * together, once; a request answered already (timed out while its caller was being proven) or whose client left gets
 * no further than its caller's proof ({@link ApiRouteHandler}), so it never claims room that nothing would give back.
 */
public final class BodyBudget {

    private static final HttpProblem TOO_MANY_BODIES = new HttpProblem.TooManyBodies();
    /** Where a request keeps its {@link Claim}. */
    private static final String CLAIM = "hostclone.bodyClaim";

    private final long budgetBytes;
    private final long bodyLimitBytes;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    /**
     * At most {@code budgetBytes} held at once, a chunked body counted at {@code bodyLimitBytes}, which the request
     * limits keep within the budget; both counts metered in {@code metrics}.
     */
    public BodyBudget(long budgetBytes, long bodyLimitBytes, HttpMetrics metrics) {
        this.budgetBytes = budgetBytes;
        this.bodyLimitBytes = bodyLimitBytes;
        metrics.bodies(this, BodyBudget::heldNow, BodyBudget::refusedSoFar);
    }

    /** The handler, before the body is read, that claims its bytes or refuses the request. */
    Handler<RoutingContext> claims(RouterFailures failures) {
        return ctx -> {
            long bytes = claimOf(DeclaredBody.of(ctx.request()));
            if (bytes == 0) {
                ctx.next();
            } else if (claim(bytes)) {
                Claim claim = new Claim(bytes);
                ctx.put(CLAIM, claim);
                // once, when answered, or when the connection closes first
                ctx.addEndHandler(answered -> claim.giveBack());
                ctx.next();
            } else {
                refused.incrementAndGet();
                failures.refuseUnread(ctx, TOO_MANY_BODIES);
            }
        };
    }

    /**
     * Claims room for the tree to be built of the body of {@code ctx}'s request, {@code bodyBytes} long and weighing
     * {@code weightBytes}, until the request is answered; the body's claim brought down to its bytes first. Before it
     * refuses, it runs {@code readThrough}, which refuses a body that could not be built anyway in its own words.
     *
     * @throws HttpProblemException the tree could never be held beside its body (413), or not now (503), or what
     *                              {@code readThrough} throws
     * @throws IllegalStateException the request was answered already, or its body never claimed: room that nothing
     *                               would give back
     */
    void claimTree(RoutingContext ctx, long bodyBytes, long weightBytes, Runnable readThrough) {
        Claim claim = ctx.get(CLAIM);
        if (claim == null || claim.givenBack) {
            throw new IllegalStateException("no claim of its body's, or given back already, for a request's tree");
        }
        claim.settle(bodyBytes);
        if (weightBytes > budgetBytes - bodyBytes) {
            readThrough.run();
            throw new HttpProblemException(new HttpProblem.BodyTreeTooLarge(bodyBytes + weightBytes, budgetBytes));
        }
        if (!claim(weightBytes)) {
            readThrough.run();
            refused.incrementAndGet();
            throw new HttpProblemException(TOO_MANY_BODIES);
        }
        claim.bytes += weightBytes;
    }

    /** The bytes {@code body} may take: as declared up to the body limit, nothing past it, the limit if unknown. */
    private long claimOf(DeclaredBody body) {
        if (!body.lengthKnown()) {
            return bodyLimitBytes;
        }
        return body.length() > bodyLimitBytes ? 0 : body.length();
    }

    private boolean claim(long bytes) {
        for (long now = held.get(); now + bytes <= budgetBytes; now = held.get()) {
            if (held.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What one request holds of the budget, given back once: its body's bytes, then its tree's. Touched on the
     * request's event loop alone, as its handlers and end handlers run there.
     */
    private final class Claim {

        private long bytes;
        private boolean givenBack;

        Claim(long bytes) {
            this.bytes = bytes;
        }

        /** Brings the claim down to the {@code bodyBytes} the body brought, where it claimed more (a chunked body). */
        void settle(long bodyBytes) {
            if (bytes > bodyBytes) {
                held.addAndGet(bodyBytes - bytes);
                bytes = bodyBytes;
            }
        }

        void giveBack() {
            if (!givenBack) {
                givenBack = true;
                held.addAndGet(-bytes);
            }
        }
    }

    long heldNow() {
        return held.get();
    }

    long refusedSoFar() {
        return refused.get();
    }
}
