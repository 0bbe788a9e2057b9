package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Pipelined transactions. BEGIN is sent and the work's statements are issued at once, without
 * waiting for BEGIN's answer; the client pipelines them on the one connection, so BEGIN plus every
 * statement that does not depend on an earlier result costs one round trip, and COMMIT one more.
 */
final class Transactions {

    private Transactions() {
    }

    /**
     * Runs {@code work} in a transaction; commits when it succeeds and {@code commitIf} accepts its
     * result, rolls back otherwise (the work's own failure is the one reported). A commit whose connection is lost
     * on the way fails as {@link CommitInFlightLost}: it may have been applied.
     */
    static <T> Future<T> run(TimedPool pool, Function<SqlConnection, Future<T>> work, Predicate<T> commitIf) {
        return pool.withConnection(connection -> {
            Future<Transaction> begun = connection.begin();
            Future<T> done;
            try {
                done = work.apply(connection);
            } catch (RuntimeException e) {
                done = Future.failedFuture(e);
            }
            Future<T> result = done;
            return Future.join(begun, result)
                    .transform(ignored -> {
                        if (begun.failed()) {
                            return Future.<T>failedFuture(result.failed() ? result.cause() : begun.cause());
                        }
                        Transaction transaction = begun.result();
                        if (result.succeeded() && commitIf.test(result.result())) {
                            return transaction.commit()
                                    .recover(failure -> Future.failedFuture(CommitInFlightLost.of(failure)))
                                    .map(committed -> result.result());
                        }
                        return transaction.rollback().transform(rolledBack -> result.failed()
                                ? Future.<T>failedFuture(result.cause())
                                : Future.succeededFuture(result.result()));
                    });
        });
    }

    /** Waits for every statement; fails with the first failure in issue order (later ones only echo it). */
    static Future<Void> allInOrder(List<? extends Future<?>> statements) {
        return Future.join(statements).transform(ignored -> firstFailure(statements));
    }

    /**
     * Of statements that all completed: the first failure in issue order (in a pipelined transaction
     * the later ones only echo it), or success with no value.
     */
    static <T> Future<T> firstFailure(List<? extends Future<?>> statements) {
        for (Future<?> statement : statements) {
            if (statement.failed()) {
                return Future.failedFuture(statement.cause());
            }
        }
        return Future.succeededFuture();
    }
}
