package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.SilenceableLink;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.HostCloneServer;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The server stopped (as by SIGTERM) while PostgreSQL has fallen silent ({@link SilenceableLink}):
 * each of its connections closes only once the database closes its end after the Terminate message,
 * which a silent database never does. The stop bounds that wait by the store timeout, for the store
 * and again for Vert.x, instead of the minute and a half it took before (a minute for the store and
 * half a minute for Vert.x, each then failing the stop); and it closes Vert.x all the same, where for a
 * while it waited for the HTTP close, which a silent database holds up for a quarter of an hour.
 */
class StopWhileDatabaseSilentTest extends EndToEndScenarios {

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);
    private static final int GRACE_SECONDS = 5;
    /** The grace, the store timeout three times, and scheduling slack on a busy two-core machine. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(GRACE_SECONDS).plus(STORE_TIMEOUT.multipliedBy(3))
            .plusSeconds(3);
    private static final long UNAVAILABLE = 1199017;

    private final PgSettings database = TestPostgres.database();
    private final SilenceableLink link;

    StopWhileDatabaseSilentTest() throws IOException {
        link = SilenceableLink.to(database.port());
    }

    @Override
    Configuration configuration() {
        return onPostgresThrough(link, database, STORE_TIMEOUT).withShutdownGraceSeconds(GRACE_SECONDS);
    }

    @AfterAll
    void closeLink() {
        link.close();
    }

    @Test
    void givenTheDatabaseSilentAndARequestWaitingOnIt_whenTheServerStops_thenTheRequestIsAnsweredAndTheStopEndsWithinItsBound()
            throws Exception {
        long host = hosts(aBusiness(), host(anIp(), "bk_comment", "x")).get(0);
        assertThat(admin.v3("get_host_base_info", json(Map.of("bk_host_id", host))).code()).isZero();

        link.silence();
        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> admin.v3("get_host_base_info", json(Map.of("bk_host_id", host))));
        await("the request's statement held by the silent link").atMost(STOP_BOUND).until(link::holdsBytes);
        HostCloneServer stopping = server;
        server = null;
        long start = System.nanoTime();
        stopping.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).isLessThan(STOP_BOUND);
        ApiResponse answer = waiting.get(1, TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo(UNAVAILABLE);
        // its close begun, though the HTTP close still waits on the silent database: a Vert.x never closed is left
        // running in a JVM that embeds the server; a closing one refuses a deployment at once
        assertThat(vertxOf(stopping).deployVerticle(new AbstractVerticle() { }).toCompletionStage().toCompletableFuture())
                .as("a deployment on the stopped server's Vert.x").failsWithin(Duration.ofSeconds(10))
                .withThrowableOfType(ExecutionException.class).withMessageContaining("Vert.x closed");
    }

    /** The server's Vert.x, which it does not show: only this test asks whether a stop has closed it. */
    private static Vertx vertxOf(HostCloneServer server) throws ReflectiveOperationException {
        Field vertx = HostCloneServer.class.getDeclaredField("vertx");
        vertx.setAccessible(true);
        return (Vertx) vertx.get(server);
    }
}
