package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
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
 * with them, and every caller with it.
 *
 * <p>At the cap, a new connection is taken by closing the connection idle longest, if it has been idle long
 * enough ({@link AnsweringIdleGuard} says since when; as nginx closes its kept-alive connections when it runs
 * out): otherwise one client's idle connections, a leaking pool's, would have every other client refused until
 * the idle timeout closed them. The one closed is claimed on whatever event loop took the new connection and
 * closed on its own, where a request read after the claim is dropped unanswered, never begun; the new
 * connection counts from the claim, so that the count may pass the cap by the closes under way.
 *
 * <p>When none is idle long enough, the connection is refused. It is not closed unanswered, which a client
 * reads as a network fault: its first request is answered 503 / 1199997 with {@code Connection: close}
 * ({@link ApiRouter}; the probes and {@code /metrics} are answered as usual), then the connection closed; one
 * that sends none is closed after {@link #REFUSED_GRACE_MILLIS}. Such a connection holds no place under the cap,
 * so a place freed goes to the next connection, whatever refused ones linger.
 *
 * <p>Refusing and closing idle connections are each logged at WARN when they start, and then at most once a
 * minute while they go on, with the count meanwhile: a client retrying at once would otherwise log a line per
 * connection.
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
    /** Idle connections claimed in turn by one new connection, each gone busy before its claim, before it is refused. */
    private static final int CLAIMS_TRIED = 8;

    private final Vertx vertx;
    private final int max;
    private final int evictIdleAfterMillis;
    private final AtomicInteger open = new AtomicInteger();
    /** The guards of the connections holding a place, each saying since when its connection has been idle. */
    private final Set<AnsweringIdleGuard> admitted = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final EvictionChoice eviction;
    private final Set<HttpConnection> refusedOpen = ConcurrentHashMap.newKeySet();
    private final RareWarning refusing = new RareWarning();
    private final RareWarning evicting = new RareWarning();

    /**
     * At most {@code max} connections open at once, {@code 0} for no cap; at the cap, one idle at least
     * {@code evictIdleAfterMillis} closed for a new one. The counts open, refused and closed for being idle are
     * metered in {@code metrics}.
     */
    public ConnectionCap(Vertx vertx, int max, int evictIdleAfterMillis, HttpMetrics metrics) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        if (evictIdleAfterMillis < 0) {
            throw new IllegalArgumentException("evictIdleAfterMillis must not be negative: " + evictIdleAfterMillis);
        }
        this.vertx = vertx;
        this.max = max;
        this.evictIdleAfterMillis = evictIdleAfterMillis;
        this.eviction = new EvictionChoice(TimeUnit.MILLISECONDS.toNanos(evictIdleAfterMillis), System.nanoTime());
        metrics.connections(this, ConnectionCap::openNow, ConnectionCap::refusedSoFar, ConnectionCap::evictedSoFar);
    }

    /**
     * Called on the connection's event loop as it opens, {@code guard} in its pipeline: it takes a place until it
     * closes, however it closes (the client's reset too), or, when none is left, the place of the connection idle
     * longest, or else is refused.
     */
    void opened(HttpConnection connection, AnsweringIdleGuard guard) {
        if (admit() || evictIdlest()) {
            if (max > 0) {
                admitted.add(guard);
            }
            connection.closeHandler(closed -> {
                admitted.remove(guard);
                open.decrementAndGet();
            });
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

    long evictedSoFar() {
        return evicted.get();
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

    /**
     * Claims the connection idle longest, idle long enough ({@link EvictionChoice}), which closes it, its place then
     * the new connection's: false if there is none. One that goes busy between the look and the claim is passed over
     * for the next.
     */
    private boolean evictIdlest() {
        for (int tried = 0; tried < CLAIMS_TRIED; tried++) {
            EvictionChoice.Candidate idlest = eviction.idlest(admitted, System.nanoTime());
            if (idlest == null) {
                return false;
            }
            // counted before the claim closes the one taken, which on this event loop may give back its place at once
            open.incrementAndGet();
            if (!idlest.claim()) {
                open.decrementAndGet();
            } else {
                evicted.incrementAndGet();
                evicting.log("closing idle HTTP connections for new ones: {} are open, the server's cap; the one idle"
                        + " longest, at least {} ms, is closed for each new one ({} closed since this was last logged,"
                        + " which is at most once a minute)", max, evictIdleAfterMillis);
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
        refusing.log("refusing HTTP connections: {} are open, the server's cap, none idle long enough to close; a"
                + " request on a new one is answered 503 / 1199997 and its connection closed ({} refused since this was"
                + " last logged, which is at most once a minute)", max);
    }

    /** A WARN for an event that may come once a connection: at its first, then at most once a minute, with the count. */
    private static final class RareWarning {

        private final AtomicLong unlogged = new AtomicLong();
        private final AtomicLong last = new AtomicLong(System.nanoTime() - WARNING_EVERY_NANOS);

        /** {@code format}'s last placeholder takes the count since the last line. */
        void log(String format, Object... arguments) {
            unlogged.incrementAndGet();
            long now = System.nanoTime();
            long then = last.get();
            if (now - then < WARNING_EVERY_NANOS || !last.compareAndSet(then, now)) {
                return;
            }
            Object[] withCount = Arrays.copyOf(arguments, arguments.length + 1);
            withCount[arguments.length] = unlogged.getAndSet(0);
            LOG.warn(format, withCount);
        }
    }
}
