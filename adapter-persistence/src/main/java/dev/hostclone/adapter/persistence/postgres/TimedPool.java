package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The store's connection pool, with the store timeout on every wait for a connection kept here
 * rather than in the Vert.x pool. The pool's own wait timeout ({@code PoolOptions#setConnectionTimeout})
 * can fire, in Vert.x 5.0.7, for a wait that was already served: under load it logged
 * "IllegalStateException: Promise already completed" as an unhandled error every few seconds and
 * drove the pool's queue metrics below zero. Here a wait past the timeout fails with a
 * {@link TimeoutException} (the store is unavailable: 503), and a connection that arrives after that
 * goes straight back to the pool unused, so nothing runs for a request that was already answered.
 */
final class TimedPool {

    private final Vertx vertx;
    private final Pool pool;
    private final long timeoutMillis;

    TimedPool(Vertx vertx, Pool pool, long timeoutMillis) {
        this.vertx = vertx;
        this.pool = pool;
        this.timeoutMillis = timeoutMillis;
    }

    /** A connection within the store timeout; close it to give it back. */
    Future<SqlConnection> getConnection() {
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

    Future<Void> close() {
        return pool.close();
    }
}
