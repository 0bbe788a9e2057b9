package dev.hostclone.application.port.in;

/**
 * Any use case may complete exceptionally with this: the store could not be reached or did not answer
 * in time (connection refused or lost, server shutting down, too many connections, timeout). A
 * transient fault, not a business "no": the caller may retry once the store is back. A store adapter
 * raises it only when the write it was asked for left no trace, or when its outcome cannot be known
 * (the connection broke while the server was committing: {@link #outcomeUnknown()}); the message names the
 * operation, never SQL or values. An embedding's {@code close()} ends with it every call still under way once the
 * store and Vert.x are closed, reads too, each with its outcome unknown; a call made after the close has begun, or
 * refused by the closed store on its way, with its outcome known (nothing written).
 */
public final class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean outcomeUnknown;

    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private StoreUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * A write whose connection broke while the store committed it: applied whole or not at all, and which is not
     * known.
     */
    public static StoreUnavailableException outcomeUnknown(String message, Throwable cause) {
        return new StoreUnavailableException(message, cause, true);
    }

    /**
     * Whether the write asked for may have been applied: a caller reads before it sends again a write that is not the
     * same twice (adding hosts takes new ids each time; a clone sent again writes nothing more).
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
