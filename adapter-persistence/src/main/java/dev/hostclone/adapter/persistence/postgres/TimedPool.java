package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's connections: Vert.x pools, either one for every caller or one per event loop, with the
 * store timeout on every wait for a connection kept here rather than in the Vert.x pools.
 *
 * <p><b>One pool per event loop</b> ({@link #perEventLoop}): a Vert.x connection does its I/O on the
 * event loop it was opened from, and a shared pool hands a free connection to whichever loop asks.
 * Behind two HTTP event loops most statements then went out and came back through another loop's
 * task queue, and woke it: 117–137 µs of the server's CPU per clone in the load run, 99–116 µs with
 * a pool per loop. Each loop's pool opens its connections from that loop. Callers outside event
 * loops (worker threads, threads of an embedding application) share one more pool.
 *
 * <p><b>The timeout.</b> The pool's own wait timeout ({@code PoolOptions#setConnectionTimeout}) can
 * fire, in Vert.x 5.0.7, for a wait that was already served: under load it logged
 * "IllegalStateException: Promise already completed" as an unhandled error every few seconds and
 * drove the pool's queue metrics below zero. Here a wait past the timeout fails with a
 * {@link TimeoutException} (the store is unavailable: 503), and a connection that arrives after that
 * goes straight back to the pool unused, so nothing runs for a request that was already answered.
 */
final class TimedPool {

    private static final Logger LOG = LoggerFactory.getLogger(TimedPool.class);
    /** The key of the pool for callers outside event loops. */
    private static final Object OUTSIDE_EVENT_LOOPS = new Object();

    private final Vertx vertx;
    private final Supplier<Pool> newPool;
    private final boolean perEventLoop;
    private final long timeoutMillis;
    private final Map<Object, Pool> pools = new ConcurrentHashMap<>();
    private boolean closed;

    private TimedPool(Vertx vertx, Supplier<Pool> newPool, boolean perEventLoop, long timeoutMillis) {
        this.vertx = vertx;
        this.newPool = newPool;
        this.perEventLoop = perEventLoop;
        this.timeoutMillis = timeoutMillis;
    }

    /** {@code pool} for every caller. */
    TimedPool(Vertx vertx, Pool pool, long timeoutMillis) {
        this(vertx, () -> pool, false, timeoutMillis);
    }

    /** A pool from {@code newPool} for each event loop that asks for a connection, and one for all other callers. */
    static TimedPool perEventLoop(Vertx vertx, Supplier<Pool> newPool, long timeoutMillis) {
        return new TimedPool(vertx, newPool, true, timeoutMillis);
    }

    /** A connection within the store timeout, from the caller's event loop's pool; close it to give it back. */
    Future<SqlConnection> getConnection() {
        Pool pool;
        try {
            pool = poolHere();
        } catch (IllegalStateException closedAlready) {
            return Future.failedFuture(closedAlready);
        }
        Promise<SqlConnection> handed = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, expired -> handed.tryFail(
                new TimeoutException("no PostgreSQL connection free within " + timeoutMillis + " ms")));
        pool.getConnection().onComplete(acquired -> {
            vertx.cancelTimer(timer);
            if (acquired.failed()) {
                handed.tryFail(acquired.cause());
            } else if (!handed.tryComplete(acquired.result())) {
                acquired.result().close();
            }
        });
        return handed.future();
    }

    private Pool poolHere() {
        Context context = Vertx.currentContext();
        Object key = perEventLoop && context != null && context.isEventLoopContext()
                ? Thread.currentThread() : OUTSIDE_EVENT_LOOPS;
        Pool pool = pools.get(key);
        return pool != null ? pool : opened(key);
    }

    /** The first ask from {@code key}: rare, so one lock keeps it simple against a concurrent {@link #close}. */
    private synchronized Pool opened(Object key) {
        if (closed) {
            throw new IllegalStateException("the PostgreSQL pool is closed");
        }
        return pools.computeIfAbsent(key, ignored -> {
            LOG.info("opening a PostgreSQL pool for {}", key == OUTSIDE_EVENT_LOOPS ? "callers outside event loops"
                    : "event loop " + ((Thread) key).getName());
            return newPool.get();
        });
    }

    /** Runs {@code work} on a connection and gives the connection back when the work is done, however it ends. */
    <T> Future<T> withConnection(Function<SqlConnection, Future<T>> work) {
        return getConnection().compose(connection -> {
            Future<T> done;
            try {
                done = work.apply(connection);
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            return done.eventually(connection::close);
        });
    }

    /** One prepared statement on a connection of its own (autocommit). */
    Future<RowSet<Row>> execute(String sql, Tuple parameters) {
        return withConnection(connection -> connection.preparedQuery(sql).execute(parameters));
    }

    /** Closes every pool; no new one is opened afterwards. */
    Future<Void> close() {
        List<Pool> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(pools.values());
        }
        List<Future<Void>> closing = new ArrayList<>();
        open.forEach(pool -> closing.add(pool.close()));
        return Future.join(closing).mapEmpty();
    }
}
