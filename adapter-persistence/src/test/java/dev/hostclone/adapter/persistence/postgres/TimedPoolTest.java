package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.Stages.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store timeout on waits for a connection, against a real PostgreSQL and a pool of one connection. */
class TimedPoolTest {

    private static final long TIMEOUT_MILLIS = 300;

    private Vertx vertx;
    private TimedPool pool;

    @BeforeEach
    void openPoolOfOne() {
        PgSettings settings = TestPostgres.database();
        vertx = Vertx.vertx();
        pool = TestPostgres.pool(vertx, settings, 1, TIMEOUT_MILLIS);
    }

    @AfterEach
    void close() {
        await(pool.close().toCompletionStage());
        await(vertx.close().toCompletionStage());
    }

    @Test
    void givenAFreeConnection_whenAStatementRuns_thenItAnswersAndGivesTheConnectionBack() {
        assertThat(await(pool.execute("SELECT $1::int AS answer", Tuple.of(42)).toCompletionStage())
                .iterator().next().getInteger("answer")).isEqualTo(42);
        assertThat(await(pool.execute("SELECT 1", Tuple.tuple()).toCompletionStage()).size()).isEqualTo(1);
    }

    @Test
    void givenTheOnlyConnectionHeld_whenAnotherWaitsPastTheTimeout_thenItFailsAsATimeout() {
        SqlConnection held = await(pool.getConnection().toCompletionStage());

        Throwable failure = outcome(pool.execute("SELECT 1", Tuple.tuple()).toCompletionStage());

        assertThat(failure).isInstanceOf(TimeoutException.class)
                .hasMessage("no PostgreSQL connection free within 300 ms");
        assertThat(PostgresStoreException.unavailable(failure)).isTrue();
        await(held.close().toCompletionStage());
    }

    @Test
    void givenAWaitThatTimedOut_whenTheConnectionFreesLater_thenItGoesBackToThePoolUnused() {
        SqlConnection held = await(pool.getConnection().toCompletionStage());
        var late = pool.withConnection(connection -> connection.query("CREATE TABLE late_work (id int)").execute());
        assertThat(outcome(late.toCompletionStage())).isInstanceOf(TimeoutException.class);

        await(held.close().toCompletionStage());

        // the one connection is free again (the timed-out wait did not keep it) and the late work never ran
        assertThat(await(pool.execute("SELECT to_regclass('late_work') IS NULL AS absent", Tuple.tuple())
                .toCompletionStage()).iterator().next().getBoolean("absent")).isTrue();
    }
}
