package dev.hostclone.adapter.persistence.postgres;

/**
 * The most connections one store holds open to PostgreSQL at once: with one event loop, one pool of the
 * configured size for every caller and its shared connection ({@link TimedPool#forAllCallers}); with more, a pool
 * of the size split among them (rounded up) and a shared connection for each, and as much again for the callers
 * outside them ({@link TimedPool#perEventLoop}); and the {@code LISTEN} connection, when listening. Not counted:
 * Flyway's connection, which a start that migrates opens and closes before the store is handed out, while the
 * pools hold the one or two its statements took; and a shared connection that stalled, which its replacement
 * outlives by two store timeouts (see {@link TimedPool}).
 *
 * @param eventLoops the event loops that call the store, each with its own pools when more than one
 * @param pooled     the connections of each pool
 * @param listening  whether the store holds a {@code LISTEN} connection
 */
public record ConnectionCeiling(int eventLoops, int pooled, boolean listening) {

    public ConnectionCeiling {
        if (eventLoops < 1 || pooled < 1) {
            throw new IllegalArgumentException("eventLoops and pooled must be positive: " + eventLoops + ", " + pooled);
        }
    }

    /**
     * The ceiling of a store of pools of {@code poolSize} in all, called from {@code eventLoops} event loops: the size
     * split among them, rounded up, which is each pool's ({@link PostgresConnections#pool}).
     */
    public static ConnectionCeiling of(int poolSize, int eventLoops, boolean listening) {
        return new ConnectionCeiling(eventLoops, (poolSize + eventLoops - 1) / eventLoops, listening);
    }

    static ConnectionCeiling of(PgSettings settings, int eventLoops) {
        return of(settings.poolSize(), eventLoops, settings.listenForModelChanges());
    }

    /** How many connections in all. */
    public int total() {
        int callers = eventLoops == 1 ? 1 : eventLoops + 1;
        return callers * (pooled + 1) + (listening ? 1 : 0);
    }

    /**
     * What the total is made of, the event loops called {@code loops} (the server's "HTTP instances"):
     * {@code 8 pooled + 1 shared + 1 LISTEN}, or {@code 4 HTTP instances x (2 pooled + 1 shared) + 2 pooled + 1 shared
     * for other callers + 1 LISTEN}. In ASCII: a console in the C locale prints no other.
     */
    public String terms(String loops) {
        String listen = listening ? " + 1 LISTEN" : "";
        if (eventLoops == 1) {
            return pooled + " pooled + 1 shared" + listen;
        }
        return eventLoops + " " + loops + " x (" + pooled + " pooled + 1 shared) + " + pooled
                + " pooled + 1 shared for other callers" + listen;
    }
}
