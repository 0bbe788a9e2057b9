package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.util.function.Function;

/**
 * How the store connects to PostgreSQL: the options of every connection it makes with the reactive
 * client, and the pools built on them ({@link TimedPool}).
 */
final class PostgresConnections {

    private static final int PIPELINING_LIMIT = 256;
    private static final int STATEMENT_CACHE_SIZE = 64;
    /**
     * How every pooled session plans its prepared statements: once, generically. Left to choose,
     * PostgreSQL re-planned the host reads on every call, because a statement taking an array
     * ({@code = ANY($1)}) always looks cheaper planned for the array it is given. That planning cost
     * more than running the read (117 µs against 62 µs for the lookup by inner IP in the load run).
     * Every statement here is written for one plan regardless of its values; tests explain the
     * generic plans.
     */
    static final String PLAN_CACHE_MODE = "force_generic_plan";

    /**
     * The isolation of every transaction of the store's: read committed, on which its locked writes are built (a
     * statement that waited for a row reads the row as committed). Until 2026-12-07 the database's default held, and on
     * a serializable one a write that waited behind another writer of its host was rolled back (40001) on each of its
     * twelve attempts, the locked ones too, and gave up with 1199066.
     */
    static final String ISOLATION = "read committed";

    private PostgresConnections() {
    }

    /** The options of every connection the store makes with the reactive client. */
    static PgConnectOptions connectOptions(PgSettings settings) {
        PgConnectOptions options = new PgConnectOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setDatabase(settings.database())
                .setUser(settings.user())
                .setPassword(settings.password())
                .setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(STATEMENT_CACHE_SIZE)
                .setPipeliningLimit(PIPELINING_LIMIT)
                // the server itself gives up on a statement past the timeout and rolls it back: a known outcome
                .addProperty("statement_timeout", Long.toString(settings.timeout().toMillis()))
                // and ends a transaction left idle three times as long, its locks with it: one whose server froze or
                // vanished between its round trips, the connection open until the kernel's keepalives give up (hours).
                // A live server's transaction idles only while its next statement is on the way, and a partition
                // shorter than that heals with the writes in flight
                .addProperty("idle_in_transaction_session_timeout", Long.toString(idleInTransactionMillis(settings.timeout())))
                .addProperty("plan_cache_mode", PLAN_CACHE_MODE)
                // whatever the database's default: the writes lock what they plan on and read it again after a wait,
                // which serializable or repeatable read fail instead (40001), again and again on a host in demand
                .addProperty("default_transaction_isolation", ISOLATION);
        return settings.tls().applyTo(options);
    }

    /**
     * How long PostgreSQL lets one of the store's transactions idle before it ends it, in milliseconds: three store
     * timeouts, and no more than the setting takes (a value past it would fail every connection's start).
     */
    static long idleInTransactionMillis(Duration storeTimeout) {
        return Math.min(storeTimeout.toMillis() * 3, Integer.MAX_VALUE);
    }

    /**
     * The pools the store's statements go through, for the event loops of {@code ceiling} and of its size each; each
     * connects when first used.
     */
    static TimedPool pool(Vertx vertx, PgSettings settings, ConnectionCeiling ceiling, PgConnectOptions connect) {
        int timeoutMillis = (int) settings.timeout().toMillis();
        int size = ceiling.pooled();
        // the Vert.x pool's own wait timeout is turned off, and its wait queue bounded (see TimedPool)
        Function<String, Pool> newPool = suffix -> PgBuilder.pool()
                .with(TimedPool.poolOptions(size, "hostclone-" + settings.database() + suffix))
                .with(new NetClientOptions().setConnectTimeout(timeoutMillis).setTcpKeepAlive(true))
                .connectingTo(connect)
                .using(vertx)
                .build();
        // one connection, statements pipelined on it up to the limit (see TimedPool#keyedRead); its options made
        // once, as the pools' are: making them reads, and may decrypt, the client key
        PgConnectOptions shared = TimedPool.sharedSessions(connectOptions(settings));
        Function<String, SqlClient> newShared = suffix -> PgBuilder.client()
                .with(TimedPool.poolOptions(1, PostgresStore.SHARED_CONNECTION_POOL_PREFIX + settings.database() + suffix))
                .with(new NetClientOptions().setConnectTimeout(timeoutMillis).setTcpKeepAlive(true))
                .connectingTo(shared)
                .using(vertx)
                .build();
        return ceiling.eventLoops() == 1 ? TimedPool.forAllCallers(vertx, newPool, newShared, timeoutMillis)
                : TimedPool.perEventLoop(vertx, newPool, newShared, timeoutMillis);
    }
}
