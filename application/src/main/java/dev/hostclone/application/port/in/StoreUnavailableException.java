package dev.hostclone.application.port.in;

/**
 * Any use case may complete exceptionally with this: the store could not be reached or did not answer
 * in time (connection refused or lost, server shutting down, too many connections, timeout). A
 * transient fault, not a business "no": the caller may retry once the store is back. A store adapter
 * raises it only when the write it was asked for left no trace, or when its outcome cannot be known
 * (the connection broke while the server was committing); the message names the operation, never SQL
 * or values.
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
