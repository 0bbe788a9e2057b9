package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.Stages.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pool per event loop, each of one connection, against a real PostgreSQL. */
class TimedPoolPerEventLoopTest {

    private static final long TIMEOUT_MILLIS = 300;

    private Vertx vertx;
    private TimedPool pool;

    @BeforeEach
    void openPoolsOfOne() {
        PgSettings settings = TestPostgres.database();
        vertx = Vertx.vertx();
        pool = TimedPool.perEventLoop(vertx, () -> PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(1))
                .connectingTo(new PgConnectOptions().setHost(settings.host()).setPort(settings.port())
                        .setDatabase(settings.database()).setUser(settings.user()).setPassword(settings.password()))
                .using(vertx)
                .build(), TIMEOUT_MILLIS);
    }

    @AfterEach
    void close() {
        await(pool.close().toCompletionStage());
        await(vertx.close().toCompletionStage());
    }

    @Test
    void givenOneEventLoopHoldingItsOnlyConnection_whenAnotherLoopAsks_thenItGetsOneOfItsOwn() {
        Context first = newEventLoopContext();
        Context second = contextOnAnotherThreadThan(first);
        SqlConnection held = await(on(first, pool::getConnection));

        Throwable firstWaits = outcome(on(first, () -> pool.execute("SELECT 1", Tuple.tuple())));
        int answer = await(on(second, () -> pool.execute("SELECT 2 AS answer", Tuple.tuple())))
                .iterator().next().getInteger("answer");

        assertThat(firstWaits).isInstanceOf(TimeoutException.class);
        assertThat(answer).isEqualTo(2);
        await(on(first, held::close));
    }

    @Test
    void givenCallersOutsideEventLoops_whenTheyAsk_thenTheyShareAPoolOfTheirOwn() {
        Context loop = newEventLoopContext();
        SqlConnection held = await(on(loop, pool::getConnection));

        SqlConnection outside = await(pool.getConnection().toCompletionStage());
        Throwable secondOutside = outcome(pool.execute("SELECT 1", Tuple.tuple()).toCompletionStage());

        assertThat(secondOutside).isInstanceOf(TimeoutException.class);
        await(outside.close().toCompletionStage());
        await(on(loop, held::close));
    }

    @Test
    void givenAClosedPool_whenAnEventLoopAsksForTheFirstTime_thenItIsRefused() {
        await(pool.close().toCompletionStage());

        Throwable failure = outcome(on(newEventLoopContext(), pool::getConnection));

        assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("the PostgreSQL pool is closed");
    }

    /** The context of a new verticle, as an HTTP server instance has one: on the next event loop in turn. */
    private Context newEventLoopContext() {
        Promise<Context> started = Promise.promise();
        await(vertx.deployVerticle(new VerticleBase() {
            @Override
            public Future<?> start() {
                started.complete(context);
                return Future.succeededFuture();
            }
        }).toCompletionStage());
        return await(started.future().toCompletionStage());
    }

    /** Runs {@code work} on {@code context}, as a request handled there would. */
    private static <T> CompletionStage<T> on(Context context, Supplier<Future<T>> work) {
        Promise<T> done = Promise.promise();
        context.runOnContext(ignored -> work.get().onComplete(done));
        return done.future().toCompletionStage();
    }

    private Context contextOnAnotherThreadThan(Context first) {
        Thread firstThread = await(on(first, () -> Future.succeededFuture(Thread.currentThread())));
        for (int attempt = 0; attempt < 16; attempt++) {
            Context candidate = newEventLoopContext();
            if (await(on(candidate, () -> Future.succeededFuture(Thread.currentThread()))) != firstThread) {
                return candidate;
            }
        }
        throw new IllegalStateException("every new context ran on " + firstThread);
    }
}
