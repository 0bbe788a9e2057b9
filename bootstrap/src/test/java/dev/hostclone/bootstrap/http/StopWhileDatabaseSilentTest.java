package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.SilenceableLink;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.HostCloneServer;
import dev.hostclone.bootstrap.store.ClosingStep;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** What the stop may take: the grace and the store timeout three times (11 s). */
    private static final Duration STOP_BUDGET = Duration.ofSeconds(GRACE_SECONDS).plus(STORE_TIMEOUT.multipliedBy(3));
    /**
     * Against a stop that does not give up at all: the budget three times and ten seconds more (43 s), still short of
     * the minute and a half it took before. How the stop kept its budget is read in its log, not timed.
     */
    private static final Duration HANG = STOP_BUDGET.multipliedBy(3).plusSeconds(10);
    private static final Pattern GAVE_UP = Pattern.compile(
            "(.+) did not close within (\\d+) ms, waiting on connections the database has not closed \\(unreachable\\?\\):"
                    + " left to the operating system");
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
    void givenTheDatabaseSilentAndARequestWaitingOnIt_whenTheServerStops_thenTheRequestIsAnsweredAndEachStepGivesUpWithinItsBound()
            throws Exception {
        long host = hosts(aBusiness(), host(anIp(), "bk_comment", "x")).get(0);
        assertThat(admin.v3("get_host_base_info", json(Map.of("bk_host_id", host))).code()).isZero();

        link.silence();
        CompletableFuture<ApiResponse> waiting = CompletableFuture.supplyAsync(
                () -> admin.v3("get_host_base_info", json(Map.of("bk_host_id", host))));
        await("the request's statement held by the silent link").atMost(HANG).until(link::holdsBytes);
        HostCloneServer stopping = server;
        server = null;
        long start = System.nanoTime();
        List<String> closing;
        List<String> phases;
        try (CapturedLog log = CapturedLog.root()) {
            assertTimeoutPreemptively(HANG, stopping::close, "a hang guard only");
            closing = log.from(ClosingStep.class);
            phases = log.from(HostCloneServer.class);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // each step waited on the silent database, gave up at its own bound, in turn, and the next went on: the HTTP
        // side the grace and the store timeout, the store's pools and Vert.x the store timeout at most each (before,
        // a minute for the store and half a minute for Vert.x)
        assertThat(closing).as("the steps that gave up").hasSize(3).allMatch(line -> GAVE_UP.matcher(line).matches());
        assertThat(closing).extracting(line -> group(line, 1))
                .containsExactly("the HTTP server", "the PostgreSQL store", "Vert.x");
        assertThat(closing).extracting(line -> Long.parseLong(group(line, 2))).satisfiesExactly(
                http -> assertThat(http).isEqualTo(Duration.ofSeconds(GRACE_SECONDS).plus(STORE_TIMEOUT).toMillis()),
                store -> assertThat(store).isBetween(0L, STORE_TIMEOUT.toMillis()),
                vertx -> assertThat(vertx).isBetween(0L, STORE_TIMEOUT.toMillis()));
        assertThat(phases).last().isEqualTo("HostClone stopped");
        assertThat(took).as("a hang guard only").isLessThan(HANG);
        ApiResponse answer = waiting.get(HANG.toSeconds(), TimeUnit.SECONDS);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.code()).isEqualTo(UNAVAILABLE);
        // its close begun, though the HTTP close still waits on the silent database: a Vert.x never closed is left
        // running in a JVM that embeds the server; a closing one refuses a deployment at once
        assertThat(vertxOf(stopping).deployVerticle(new AbstractVerticle() { }).toCompletionStage().toCompletableFuture())
                .as("a deployment on the stopped server's Vert.x").failsWithin(HANG)
                .withThrowableOfType(ExecutionException.class).withMessageContaining("Vert.x closed");
    }

    private static String group(String line, int group) {
        Matcher matched = GAVE_UP.matcher(line);
        assertThat(matched.matches()).as(line).isTrue();
        return matched.group(group);
    }

    /** The server's Vert.x, which it does not show: only this test asks whether a stop has closed it. */
    private static Vertx vertxOf(HostCloneServer server) throws ReflectiveOperationException {
        Field vertx = HostCloneServer.class.getDeclaredField("vertx");
        vertx.setAccessible(true);
        return (Vertx) vertx.get(server);
    }
}
