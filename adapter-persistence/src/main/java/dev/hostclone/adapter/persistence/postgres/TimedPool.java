package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's connections: Vert.x pools, either one for every caller or one per event loop, each with
 * a shared connection beside it for short statements, and the store timeout on every wait for a
 * connection kept here rather than in the Vert.x pools.
 *
 * <p><b>One pool per event loop</b> ({@link #perEventLoop}): a Vert.x connection does its I/O on the
 * event loop it was opened from, and a pool for all hands a free connection to whichever loop asks.
 * Behind two HTTP event loops most statements then went out and came back through another loop's
 * task queue (117–137 µs of the server's CPU per clone, 99–116 µs with a pool per loop). Callers
 * outside event loops (worker threads, an embedding application's threads) share one more pool, and so do
 * event loops that run no verticle (a timer's, a callback's of a connection that pool lent): a verticle's
 * loop alone gets a pool of its own, so that a server's pools are its HTTP instances' and one more
 * ({@link ConnectionCeiling}).
 *
 * <p><b>The shared connection</b> ({@link #keyedRead}): a short read by key, sent while another such
 * read of the caller's event loop is in flight, goes out on a connection that those reads share,
 * right behind the ones already sent there, instead of taking a connection of its own. Several
 * requests' reads then leave in one socket write, and PostgreSQL finds the next one waiting when it
 * finishes one instead of going to sleep. A read with none other in flight has nothing to share a
 * wake-up with, and takes a connection of its own: the one its request's write is then likely to get
 * too, so that at low concurrency one backend serves a whole clone, as under pgbench. A
 * statement waits behind the one before it, so one that would wait for a lock (a table a migration
 * holds) would hold up all the others: the shared connection gives up on a lock after
 * {@link #SHARED_LOCK_TIMEOUT_MILLIS}, and the statement is sent again on a connection of its own,
 * where it waits like any other. Writes never go there: with {@code synchronous_commit} on, a commit
 * waits for its WAL to reach the disk, every statement behind it would wait too, and no two commits
 * on the connection could share a flush. Searches, which may run long, and transactions take a
 * connection of their own too.
 *
 * <p><b>A stalled shared connection</b> (its backend stopped, or the network silent on that one socket
 * alone) holds every read sent there until the kernel gives up on it, many minutes later. So a read
 * that the store timeout gave up on no longer counts as in flight, and the next read alone takes a
 * pooled connection; and the first read the shared connection leaves unanswered past the store timeout
 * replaces it: later reads go to a new one, and the stalled one is closed once every read sent there
 * has been failed by its own timeout ({@link #RETIRED_CLOSE_TIMEOUTS} store timeouts later; closed at
 * once, it would fail the reads still queued for it as "Pool closed", which says the store closed).
 *
 * <p><b>The timeout.</b> The pool's own wait timeout ({@code PoolOptions#setConnectionTimeout}) can
 * fire, in Vert.x 5.0.7, for a wait that was already served: under load it logged
 * "IllegalStateException: Promise already completed" as an unhandled error every few seconds and
 * drove the pool's queue metrics below zero. Here a wait past the timeout fails with a
 * {@link TimeoutException} (the store is unavailable: 503), and a connection that arrives after that
 * goes straight back to the pool unused, so nothing runs for a request that was already answered.
 * The waits are timed on one timer wheel for every pool ({@link StoreTimeouts}).
 *
 * <p><b>The wait queue.</b> Such a wait that gave up stays queued in the Vert.x pool until a
 * connection comes free, holding what the request had built. A database that stops answering without
 * closing its connections (a network partition) keeps every connection busy until the operating
 * system gives up on them, many minutes later: each request still answers at the store timeout, but
 * the queue would grow with every one until the heap ran out. So at most {@link #MAX_WAITERS} wait
 * per pool ({@link #poolOptions}), and one more is refused at once, as unavailable (503).
 */
final class TimedPool {

    private static final Logger LOG = LoggerFactory.getLogger(TimedPool.class);
    /** The key of the connections of callers outside event loops. */
    private static final Object OUTSIDE_EVENT_LOOPS = new Object();
    /**
     * How long a statement on a shared connection waits for a lock before it goes to a connection of
     * its own (PostgreSQL's {@code lock_timeout} on the shared connections): the longest it holds up
     * the statements behind it. Reads wait for a lock only when a table is locked whole (a migration).
     */
    static final int SHARED_LOCK_TIMEOUT_MILLIS = 5;
    /** How a closed Vert.x pool fails what is asked of it, with no type of its own. */
    private static final String VERTX_POOL_CLOSED = "Pool closed";
    /**
     * How a Vert.x pool fails a wait for a connection when it closes its network client first and then, a connection
     * it lent given back as it closes, opens one for the wait: the client's {@link IllegalStateException}.
     */
    private static final String VERTX_CLIENT_CLOSED = "Client is closed";
    /** PostgreSQL's {@code lock_not_available}: the lock timeout ran out. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String NO_ANSWER = "no answer from PostgreSQL";

    /**
     * How many callers may wait for a connection of one pool, or for room on a shared connection's
     * pipeline: far above what waits in a healthy server (one per request in flight on the event loop).
     */
    static final int MAX_WAITERS = 4_096;
    /**
     * How many store timeouts after its replacement a stalled shared connection is closed: by then every read sent
     * there has timed out, its timer wheel's tick (at most a tenth of the timeout, and 100 ms) included.
     */
    static final int RETIRED_CLOSE_TIMEOUTS = 2;
    /**
     * The exception handler of every connection lent to a caller: without one, Vert.x prints a lost
     * connection's cause bare on standard error. DEBUG, since the statement the caller sends or awaits on it
     * fails too, and its request logs that at WARN, with the SQLSTATE; an idle pooled connection, or the
     * shared one, has no such handler and Vert.x drops the cause silently.
     */
    private static final Handler<Throwable> LOST = failure -> LOG.debug(
            "a PostgreSQL connection lent to a request was lost ({}); the pool opens another when asked",
            failure instanceof PgException pg ? "SQLSTATE " + pg.getSqlState() : failure.toString());

    private final Vertx vertx;
    private final Function<String, Pool> newPool;
    private final Function<String, SqlClient> newShared;
    private final boolean perEventLoop;
    private final long timeoutMillis;
    private final Map<Object, Connections> connections = new ConcurrentHashMap<>();
    /** Shared connections replaced and not yet closed: {@link #close} closes them too. */
    private final Set<SqlClient> retired = ConcurrentHashMap.newKeySet();
    private final StoreTimeouts timeouts;
    /** Set once by {@link #close}; read without the lock by every call, which then fails as {@link PoolClosedException}. */
    private volatile boolean closed;

    /**
     * One caller's connections: the pool to take a connection of its own from, the shared connection
     * (replaced when it stalls, under the {@link TimedPool}'s lock), and how many of the caller's keyed
     * reads are in flight and not yet timed out, on either.
     */
    private static final class Connections {

        private final String owner;
        private final String suffix;
        private final Pool pool;
        private final AtomicInteger readsInFlight = new AtomicInteger();
        /** Volatile: all callers outside event loops share one, as all callers do with a single event loop. */
        private volatile SqlClient shared;

        Connections(String owner, String suffix, Pool pool, SqlClient shared) {
            this.owner = owner;
            this.suffix = suffix;
            this.pool = pool;
            this.shared = shared;
        }
    }

    private TimedPool(Vertx vertx, Function<String, Pool> newPool, Function<String, SqlClient> newShared, boolean perEventLoop,
                      long timeoutMillis) {
        this.vertx = vertx;
        this.newPool = newPool;
        this.newShared = newShared;
        this.perEventLoop = perEventLoop;
        this.timeoutMillis = timeoutMillis;
        this.timeouts = new StoreTimeouts(vertx, timeoutMillis, this::closedUnder);
    }

    /**
     * One pool from {@code newPool} and one shared connection from {@code newShared} for every caller;
     * the shared connection must connect with {@link #sharedSessions}. Both are given the suffix their
     * pool's name takes: here none.
     */
    static TimedPool forAllCallers(Vertx vertx, Function<String, Pool> newPool, Function<String, SqlClient> newShared,
                                   long timeoutMillis) {
        return new TimedPool(vertx, newPool, newShared, false, timeoutMillis);
    }

    /**
     * As {@link #forAllCallers}, but for each verticle's event loop that asks, and once more for all other callers.
     * Each pool's name takes the suffix {@code @<event loop thread>} or {@code @outside-event-loops}:
     * pools of one name would share their meters, and the gauges (connections in use, requests waiting)
     * would show the first pool's alone.
     */
    static TimedPool perEventLoop(Vertx vertx, Function<String, Pool> newPool, Function<String, SqlClient> newShared,
                                  long timeoutMillis) {
        return new TimedPool(vertx, newPool, newShared, true, timeoutMillis);
    }

    /**
     * {@code connect} with the shared connection's session setting: {@code lock_timeout} at
     * {@link #SHARED_LOCK_TIMEOUT_MILLIS}.
     */
    static PgConnectOptions sharedSessions(PgConnectOptions connect) {
        return connect.addProperty("lock_timeout", Integer.toString(SHARED_LOCK_TIMEOUT_MILLIS));
    }

    /**
     * The options of the store's pools and shared connections: {@code size} connections, no Vert.x wait
     * timeout (this class keeps it), at most {@link #MAX_WAITERS} waiting.
     */
    static PoolOptions poolOptions(int size, String name) {
        return new PoolOptions().setMaxSize(size).setName(name).setConnectionTimeout(0).setMaxWaitQueueSize(MAX_WAITERS);
    }

    /** A connection within the store timeout, from the caller's event loop's pool; close it to give it back. */
    Future<SqlConnection> getConnection() {
        Pool pool;
        try {
            pool = connectionsHere().pool;
        } catch (PoolClosedException closedAlready) {
            return Future.failedFuture(closedAlready);
        }
        return timeouts.within(pool.getConnection(), "no PostgreSQL connection free", SqlConnection::close);
    }

    /**
     * {@code failure}, or a {@link PoolClosedException} for it when it comes of the pool's closing: a Vert.x pool
     * fails the waits for a connection it holds, and each statement sent afterwards on a connection it lent (a
     * transaction's next, once the one before waited on a lock), with a bare {@value #VERTX_POOL_CLOSED}, which says
     * nothing of the store having closed and would be taken for a fault. One of ours closes with this one
     * ({@link #close}), or, being an event loop's, as its HTTP verticle is undeployed by a stopping server, before the
     * store closes. Depending on the order of its own close's steps, a Vert.x pool fails such a wait instead with
     * its client's {@value #VERTX_CLIENT_CLOSED}, which says as little (until 2026-12-07 taken for a fault of the
     * store's, and seen once in a test's run). Once this one is closed, any other failure of the client's (a
     * {@link VertxException} that is not PostgreSQL's answer) is the closing's too; what the work itself failed with
     * (a rejection, its plan's failure, a bug) stays what it was, closing or not.
     */
    Throwable closedUnder(Throwable failure) {
        if (failure instanceof IllegalStateException && VERTX_CLIENT_CLOSED.equals(failure.getMessage())) {
            return new PoolClosedException(failure);
        }
        if (!(failure instanceof VertxException) || failure instanceof PgException) {
            return failure;
        }
        return closed || VERTX_POOL_CLOSED.equals(failure.getMessage()) ? new PoolClosedException(failure) : failure;
    }

    /** The caller's connections; a {@link PoolClosedException} once the pool is closed, even for a caller it knew. */
    private Connections connectionsHere() {
        if (closed) {
            throw new PoolClosedException();
        }
        Context context = Vertx.currentContext();
        // a verticle's event loop (an HTTP server instance's) only: a timer's or a callback's context, set from outside
        // any verticle, may run on any of Vert.x's loops, and a pool for each would leave the connections unbounded
        Object key = perEventLoop && context != null && context.isEventLoopContext() && context.deploymentID() != null
                ? Thread.currentThread() : OUTSIDE_EVENT_LOOPS;
        Connections here = connections.get(key);
        return here != null ? here : opened(key);
    }

    /** The first ask from {@code key}: rare, so one lock keeps it simple against a concurrent {@link #close}. */
    private synchronized Connections opened(Object key) {
        if (closed) {
            throw new PoolClosedException();
        }
        return connections.computeIfAbsent(key, ignored -> {
            String owner = key == OUTSIDE_EVENT_LOOPS ? "outside-event-loops" : ((Thread) key).getName();
            LOG.info("opening a PostgreSQL pool and shared connection for {}", owner);
            String suffix = perEventLoop ? "@" + owner : "";
            return new Connections(owner, suffix, newPool.apply(suffix), newShared.apply(suffix));
        });
    }

    /**
     * Runs {@code work} on a connection and gives the connection back when the work is done, however it ends; the
     * connection's loss is logged, not printed ({@link #LOST}).
     */
    <T> Future<T> withConnection(Function<SqlConnection, Future<T>> work) {
        return getConnection().compose(connection -> {
            connection.exceptionHandler(LOST);
            Future<T> done;
            try {
                done = work.apply(connection);
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            return done.eventually(connection::close);
        }).transform(ended -> ended.succeeded() ? Future.succeededFuture(ended.result())
                : Future.failedFuture(closedUnder(ended.cause())));
    }

    /** One prepared statement on a connection of its own (autocommit). */
    Future<RowSet<Row>> execute(String sql, Tuple parameters) {
        return withConnection(connection -> connection.preparedQuery(sql).execute(parameters));
    }

    /**
     * One prepared statement that writes, on a connection of its own (autocommit): as {@link #execute}, but a
     * connection lost while it is in flight fails it as {@link CommitInFlightLost}, since PostgreSQL may have
     * committed it. So does one lost while the statement is first prepared on the connection, its own round trip
     * before the statement is sent: unknown where it was certain, the safe side. Preparing it apart
     * ({@code connection.prepare}) would tell the two apart, but bypasses the connection's statement cache: each
     * write parsed and kept a statement of its own, and the load run's clones fell from 74 % of pgbench to 29 %.
     */
    Future<RowSet<Row>> write(String sql, Tuple parameters) {
        return withConnection(connection -> connection.preparedQuery(sql).execute(parameters)
                .recover(failure -> Future.failedFuture(CommitInFlightLost.of(failure))));
    }

    /**
     * One short read by key (a prepared statement, autocommit): when another of the caller's reads is
     * in flight, on the caller's shared connection behind those already sent there, and sent again on a
     * connection of its own if it would wait for a lock longer than {@link #SHARED_LOCK_TIMEOUT_MILLIS};
     * alone, on a connection of its own (see above). Never a write. Unanswered within the store
     * timeout, it fails with a {@link TimeoutException}, as a wait for a connection does: the shared
     * connection has no wait of that kind to bound, and a read that gives up leaves nothing undone. It then
     * no longer counts as in flight, and a shared connection that left it unanswered is replaced (see above).
     */
    Future<RowSet<Row>> keyedRead(String sql, Tuple parameters) {
        return read(sql, parameters, false);
    }

    /**
     * One short read on the caller's shared connection, whatever else is in flight: a probe of the store, which must
     * not wait behind the requests for a connection of its own. Every pooled connection busy is a store serving, not
     * one unreachable, and until 2026-12-07 a readiness check queued there read as the store silent once the queue took
     * longer than the check's timeout: a load balancer then took every busy server out at once. As a keyed read
     * otherwise (the store timeout, the fallback on a lock, a stalled shared connection replaced), but not counted
     * in flight: the reads sent meanwhile go where they would without it.
     */
    Future<RowSet<Row>> probe(String sql, Tuple parameters) {
        return read(sql, parameters, true);
    }

    private Future<RowSet<Row>> read(String sql, Tuple parameters, boolean probe) {
        Connections here;
        try {
            here = connectionsHere();
        } catch (PoolClosedException closedAlready) {
            return Future.failedFuture(closedAlready);
        }
        AtomicInteger inFlight = here.readsInFlight;
        // a probe is not counted: in flight, it would send a lone client's reads behind it, onto the shared
        // connection, which may be a stalled one it waits on
        if (!probe && inFlight.getAndIncrement() == 0) {
            return timeouts.within(execute(sql, parameters), NO_ANSWER, lateRows -> { })
                    .andThen(done -> inFlight.decrementAndGet());
        }
        SqlClient shared = here.shared;
        Future<RowSet<Row>> answer = shared.preparedQuery(sql).execute(parameters);
        Future<RowSet<Row>> read = answer.recover(failure -> failure instanceof PgException pg
                && LOCK_NOT_AVAILABLE.equals(pg.getSqlState()) ? execute(sql, parameters) : Future.failedFuture(failure));
        return timeouts.within(read, NO_ANSWER, lateRows -> { }).andThen(done -> {
            if (!probe) {
                inFlight.decrementAndGet();
            }
            // failed with the shared connection's answer still to come: the store timeout ran out waiting for it
            if (done.failed() && !answer.isComplete()) {
                replace(here, shared);
            }
        });
    }

    /**
     * Gives {@code here} a new shared connection in place of {@code stalled}, unless another read that it left
     * unanswered did already, and closes {@code stalled} once the reads sent there have timed out.
     */
    private synchronized void replace(Connections here, SqlClient stalled) {
        if (closed || here.shared != stalled) {
            return;
        }
        here.shared = newShared.apply(here.suffix);
        retired.add(stalled);
        long closeInMillis = RETIRED_CLOSE_TIMEOUTS * timeoutMillis;
        LOG.warn("the shared PostgreSQL connection for {} left a read unanswered for {} ms: later reads go to a new one,"
                + " and it is closed in {} ms", here.owner, timeoutMillis, closeInMillis);
        vertx.setTimer(closeInMillis, fired -> {
            if (retired.remove(stalled)) {
                stalled.close();
            }
        });
    }

    /** Closes every pool and shared connection; none is opened afterwards. */
    Future<Void> close() {
        List<Connections> open;
        synchronized (this) {
            closed = true;
            open = List.copyOf(connections.values());
        }
        timeouts.stop();
        List<Future<Void>> closing = new ArrayList<>();
        open.forEach(each -> {
            closing.add(each.pool.close());
            closing.add(each.shared.close());
        });
        // each taken out before it is closed, as the timer does, so that only one of them closes it
        retired.forEach(stalled -> {
            if (retired.remove(stalled)) {
                closing.add(stalled.close());
            }
        });
        return Future.join(closing).mapEmpty();
    }
}
