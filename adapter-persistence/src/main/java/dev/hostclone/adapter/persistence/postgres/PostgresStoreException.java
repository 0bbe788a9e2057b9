package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.domain.failure.RejectedException;
import io.vertx.pgclient.PgException;

/**
 * A technical failure of the PostgreSQL store (unreachable server, refused statement, broken
 * invariant): not a business "no". The message names the operation and SQLSTATE, never SQL or values.
 */
public final class PostgresStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PostgresStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The SQLSTATE PostgreSQL answered with, or null when the failure did not come from the server. */
    public String sqlState() {
        return getCause() instanceof PgException pg ? pg.getSqlState() : null;
    }

    /** Business rejections and failures already wrapped pass through; anything else becomes one of these. */
    static Throwable wrap(String operation, Throwable cause) {
        if (cause instanceof RejectedException || cause instanceof PostgresStoreException) {
            return cause;
        }
        if (cause instanceof PgException pg) {
            return new PostgresStoreException("PostgreSQL refused to " + operation + " (SQLSTATE " + pg.getSqlState() + ")", pg);
        }
        return new PostgresStoreException("PostgreSQL could not " + operation + ": " + cause.getClass().getSimpleName(), cause);
    }
}
