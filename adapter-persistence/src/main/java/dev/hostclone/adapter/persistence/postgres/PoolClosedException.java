package dev.hostclone.adapter.persistence.postgres;

/**
 * What {@link TimedPool} fails with once its pools are closed (the store's {@code close()}, or a stopping server's
 * event loops), which {@link PostgresStoreException#wrap} answers as unavailable, saying the store is closed. A type
 * of its own: only the pool knows that a bare "Pool closed" is of its own closing, and not some pool's closed by
 * mistake, which {@code wrap} alone would be right to call a fault.
 */
final class PoolClosedException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    PoolClosedException() {
        super("the PostgreSQL pool is closed");
    }

    /** {@code cause}: what a closed Vert.x pool answered. */
    PoolClosedException(Throwable cause) {
        super("the PostgreSQL pool is closed", cause);
    }
}
