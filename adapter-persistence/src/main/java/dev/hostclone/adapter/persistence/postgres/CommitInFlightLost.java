package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;

/**
 * A write's connection lost while its commit was in flight (a transaction's COMMIT, or a statement that commits on its
 * own): PostgreSQL applied it whole or not at all, and the answer that would say which never came.
 * {@link PostgresStoreException#wrap} makes it a {@code StoreUnavailableException} whose outcome is unknown. A
 * connection found closed before the statement was sent, or PostgreSQL's own refusal, is no such case: nothing was
 * applied, and it stays what it was. One lost while a statement is first prepared on its connection is marked too
 * (see {@link TimedPool#write}): the safe side.
 */
final class CommitInFlightLost extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private CommitInFlightLost(Throwable cause) {
        super(cause);
    }

    /**
     * {@code failure} of a commit, or this when it says the connection was lost with the commit in flight: the
     * reactive client's closing, or the socket's own failure, and not PostgreSQL's answer, nor a statement the client
     * failed unsent (its closing the cause of that failure, as a reset connection's is).
     */
    static Throwable of(Throwable failure) {
        if (failure instanceof VertxException && PostgresStoreException.closedUnderneath(failure.getMessage())) {
            return failure;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException) {
                return failure;
            }
            if (cause instanceof ClosedConnectionException || cause instanceof IOException) {
                return new CommitInFlightLost(failure);
            }
        }
        return failure;
    }
}
