package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's cap on open HTTP connections: one count shared by every instance (event loop), so that clients
 * holding connections open, or a caller's pool leaking them, cannot take every file descriptor and the heap
 * with them, and every caller with it. A connection opened past the cap is not closed unanswered, which a client
 * reads as a network fault: its first request is answered 503 / 1199997 with {@code Connection: close}
 * ({@link ApiRouter}; the probes and {@code /metrics} are answered as usual), then the connection closed; one
 * that sends none is closed after {@link #REFUSED_GRACE_MILLIS}. Such a connection holds no place under the cap,
 * so a place freed goes to the next connection, whatever refused ones linger.
 *
 * <p>Refusing is logged at WARN when it starts, and then at most once a minute while it goes on, with the count
 * refused meanwhile: a client retrying at once would otherwise log a line per connection.
 */
public final class ConnectionCap {

    /**
     * How long a connection past the cap may take to send its first request, answered at once and the connection
     * then closed: one that has sent none by then is closed unanswered, not held for the idle timeout.
     */
    static final long REFUSED_GRACE_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionCap.class);
    private static final HttpProblem TOO_MANY_CONNECTIONS = new HttpProblem.TooManyConnections();
    private static final long WARNING_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Vertx vertx;
    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();
    private final Set<HttpConnection> refusedOpen = ConcurrentHashMap.newKeySet();
    private final AtomicLong refusedUnlogged = new AtomicLong();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_EVERY_NANOS);

    /** At most {@code max} connections open at once, {@code 0} for no cap; both counts metered in {@code metrics}. */
    public ConnectionCap(Vertx vertx, int max, HttpMetrics metrics) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        this.vertx = vertx;
        this.max = max;
        metrics.connections(this, ConnectionCap::openNow, ConnectionCap::refusedSoFar);
    }

    /**
     * Called on the connection's event loop as it opens: it takes a place until it closes, however it closes (the
     * client's reset too), or, when none is left, is refused.
     */
    public void opened(HttpConnection connection) {
        if (admit()) {
            connection.closeHandler(closed -> open.decrementAndGet());
        } else {
            refuse(connection);
        }
    }

    /**
     * The first handler of every request: on a connection past the cap, its answer says {@code Connection: close}
     * and the connection closes as it ends, before a request sent behind it is read. The probes and
     * {@code /metrics} are answered there as usual: a liveness probe refused for the cap would have the
     * orchestrator restart a server whose fault is its clients', cutting off the requests it serves, and a full
     * server is when its meters are wanted.
     */
    void closeOnceAnswered(RoutingContext ctx) {
        if (refused(ctx.request())) {
            RouterFailures.closeOnceAnswered(ctx);
        }
        ctx.next();
    }

    /**
     * The handler, behind the request's context and before anything else is asked of it (its body, its
     * credentials), that answers an API request on a connection past the cap 503 / 1199997: its use case is never
     * called.
     */
    Handler<RoutingContext> refusal(Envelopes envelopes) {
        return ctx -> {
            if (refused(ctx.request())) {
                envelopes.problem(ctx, TOO_MANY_CONNECTIONS);
            } else {
                ctx.next();
            }
        };
    }

    /** Whether {@code request} came on a connection refused for being past the cap. */
    private boolean refused(HttpServerRequest request) {
        return !refusedOpen.isEmpty() && refusedOpen.contains(request.connection());
    }

    int openNow() {
        return open.get();
    }

    long refusedSoFar() {
        return refused.get();
    }

    private boolean admit() {
        if (max == 0) {
            open.incrementAndGet();
            return true;
        }
        for (int now = open.get(); now < max; now = open.get()) {
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpConnection connection) {
        refused.incrementAndGet();
        refusedOpen.add(connection);
        long closing = vertx.setTimer(REFUSED_GRACE_MILLIS, fired -> connection.close());
        connection.closeHandler(closed -> {
            refusedOpen.remove(connection);
            vertx.cancelTimer(closing);
        });
        warn();
    }

    private void warn() {
        refusedUnlogged.incrementAndGet();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last < WARNING_EVERY_NANOS || !lastWarning.compareAndSet(last, now)) {
            return;
        }
        LOG.warn("refusing HTTP connections: {} are open, the server's cap; a request on a new one is answered"
                + " 503 / 1199997 and its connection closed ({} refused since this was last logged, which is at most"
                + " once a minute)", max, refusedUnlogged.getAndSet(0));
    }
}
