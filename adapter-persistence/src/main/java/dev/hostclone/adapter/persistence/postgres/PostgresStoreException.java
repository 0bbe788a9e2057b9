package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.domain.failure.RejectedException;
import io.vertx.core.VertxException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * A technical failure of the PostgreSQL store (refused statement, broken invariant): not a business
 * "no". The message names the operation and SQLSTATE, never SQL or values. Failures to reach the
 * server at all become {@link StoreUnavailableException}s instead, which callers answer as "retry later",
 * and whose message also gives the client's own reason ({@link #why}).
 */
public final class PostgresStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    /**
     * Besides class 08 (connection exception): admin shutdown, crash shutdown, cannot connect now; the
     * server short of a resource (disk full, out of memory, too many connections: the statement failed
     * whole, and one sent once there is room again succeeds); query canceled (only statement_timeout
     * cancels here: the server gave up on a statement it could not finish within the store timeout, and
     * rolled it back); a lock not had within a {@code lock_timeout} a DBA set; a database that takes no
     * writes now (read-only transactions: a demoted primary after a failover, maintenance); a session
     * ended for idling in a transaction; and a transaction rolled back so that another could go on
     * (deadlock, serialization failure), which host writes answer as stale before they get here. In each
     * the statement or its transaction was rolled back whole, and the same request sent again may succeed.
     */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53000", "53100", "53200",
            "53300", "57014", "55P03", "25006", "25P03", "40001", "40P01");
    /**
     * How the reactive client fails a statement sent on a connection that has closed meanwhile (the backend
     * terminated between a transaction's round trips, PostgreSQL restarted): a bare {@link VertxException}
     * with one of these messages, no type of its own.
     */
    private static final List<String> REACTIVE_CONNECTION_CLOSED = List.of("Connection is not active now",
            "Pending requests failed to be sent due to connection has been closed");
    /** What the log line says beside a SQLSTATE whose code alone would send an operator to the manual. */
    private static final Map<String, String> STATE_NAMES = Map.of(
            "53000", "insufficient resources",
            "53100", "disk full",
            "53200", "out of memory",
            "53300", "too many connections");
    /** How the reactive client fails a connection whose TLS handshake failed (see {@link #unavailable}). */
    static final String REACTIVE_HANDSHAKE_FAILED = "SSL handshake failed";

    public PostgresStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The SQLSTATE PostgreSQL answered with, or null when the failure did not come from the server. */
    public String sqlState() {
        return getCause() instanceof PgException pg ? pg.getSqlState() : null;
    }

    /**
     * Business rejections and failures already wrapped pass through; a call into the closed store is unavailable,
     * saying so; anything else becomes one of these or unavailable.
     */
    static Throwable wrap(String operation, Throwable cause) {
        if (cause instanceof RejectedException || cause instanceof PostgresStoreException
                || cause instanceof StoreUnavailableException) {
            return cause;
        }
        if (cause instanceof CommitInFlightLost lost) {
            return StoreUnavailableException.outcomeUnknown("PostgreSQL's connection was lost while committing to "
                    + operation + ", which is applied whole or not at all, not known which (" + why(lost.getCause()) + ")",
                    lost.getCause());
        }
        if (cause instanceof PoolClosedException) {
            // the caller kept a port past the store's close(), or was under way as it ran: the store, not the database
            return new StoreUnavailableException("PostgreSQL is unavailable to " + operation + " (the store is closed)",
                    cause);
        }
        if (unavailable(cause)) {
            return new StoreUnavailableException("PostgreSQL is unavailable to " + operation + " (" + why(cause) + ")",
                    cause);
        }
        String state = cause instanceof PgException pg ? pg.getSqlState() : null;
        if (state != null) {
            return new PostgresStoreException("PostgreSQL refused to " + operation + " (SQLSTATE " + state + ")", cause);
        }
        return new PostgresStoreException("PostgreSQL could not " + operation + ": " + cause.getClass().getSimpleName(), cause);
    }

    /**
     * Why the server is unavailable, for the log line of each request it fails: the first SQLSTATE in
     * the chain, and the innermost cause with its message ("Connection refused", the certificate check a
     * TLS handshake failed, the wait that timed out), so that an operator tells a stopped server from a
     * refused certificate or a full pool. A database's own text (PostgreSQL's, or the JDBC driver's,
     * which may relay it) is never quoted: it may hold values.
     */
    private static String why(Throwable failure) {
        String state = null;
        Throwable innermost = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (state == null) {
                state = sqlStateOf(cause);
            }
            innermost = cause;
        }
        String message = innermost.getMessage() == null ? "" : innermost.getMessage().lines().findFirst().orElse("").strip();
        boolean databaseAnswer = innermost instanceof PgException || innermost instanceof SQLException;
        String client = databaseAnswer || message.isEmpty() ? null : innermost.getClass().getSimpleName() + ": " + message;
        if (state == null) {
            return client != null ? client : failure.getClass().getSimpleName();
        }
        String name = STATE_NAMES.get(state);
        String named = "SQLSTATE " + state + (name == null ? "" : ", " + name);
        return client != null ? named + "; " + client : named;
    }

    private static String sqlStateOf(Throwable cause) {
        return cause instanceof PgException pg ? pg.getSqlState()
                : cause instanceof SQLException jdbc ? jdbc.getSQLState() : null;
    }

    /**
     * Whether the failure says the server could not be reached or did not answer in time, or that too
     * many requests wait for it already ({@link TimedPool#MAX_WAITERS}), anywhere in its cause chain.
     * The first SQLSTATE in the chain decides, the reactive client's or the JDBC driver's (Flyway's).
     * A TLS handshake that fails is the connection failing too: the JDBC driver says so by an
     * {@code SSLHandshakeException}, an {@link IOException}; the reactive client by
     * {@link #REACTIVE_HANDSHAKE_FAILED} alone, without its cause (vertx-pg-client 5.0.7 answers the
     * channel's closing, which comes first, and drops the handshake's own failure).
     */
    static boolean unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String state = sqlStateOf(cause);
            if (state != null) {
                return state.startsWith("08") || UNAVAILABLE_STATES.contains(state);
            }
            if (cause instanceof ClosedConnectionException || cause instanceof IOException
                    || cause instanceof TimeoutException || cause instanceof ConnectionPoolTooBusyException
                    || cause instanceof VertxException && REACTIVE_HANDSHAKE_FAILED.equals(cause.getMessage())
                    || cause instanceof VertxException && closedUnderneath(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code message} is the reactive client's for a statement it failed unsent, its connection closed. */
    static boolean closedUnderneath(String message) {
        return message != null && REACTIVE_CONNECTION_CLOSED.stream().anyMatch(message::startsWith);
    }
}
