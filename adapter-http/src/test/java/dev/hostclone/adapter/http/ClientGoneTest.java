package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import dev.hostclone.adapter.http.testkit.RawConnection;
import dev.hostclone.adapter.http.testkit.Scrape;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A request whose client left before its use case was called is not run: no answer could tell the client how it
 * ended, and a write it never learns of is worse than none. Until 2026-12-07 its use case was called once its caller
 * was proven, a delete among them. One event loop here, so that a request on a new connection is taken on after what
 * was queued before it.
 */
class ClientGoneTest extends ServerTest {

    /** Against a hang only. */
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final int RATE = 3;
    private static final String RATE_LIMITED = "hostclone_http_rate_limited_total{api=\"delete_object_unique\"}";
    private static final String GONE = "hostclone_http_requests_seconds_count{api=\"delete_object_unique\",code=\"-\","
            + "door=\"v3\",status=\"-\"}";

    @Override
    @BeforeAll
    protected void startServer() {
        server = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withInstances(1));
    }

    @Test
    void givenADeleteWithoutABodyWhoseClientLeavesWhileItsCallerIsProven_whenTheProofComes_thenNothingIsDeleted()
            throws Exception {
        leaveWhileItsCallerIsProven(server);

        assertThat(client().v3("delete_object_unique", "{\"bk_obj_id\":\"host\",\"id\":8}").code()).isZero();

        assertThat(server.deleteObjectUnique.calls()).as("the second delete's alone").hasSize(1);
    }

    /**
     * Its app's rate is not spent on it either: until 2026-12-07 the rate was taken before the check, and a client
     * whose request timed out while a slow secret check proved it found its retry refused 429.
     */
    @Test
    void givenARequestWhoseClientLeavesWhileItsCallerIsProven_whenTheProofComes_thenNoneOfItsAppsRateIsSpent()
            throws Exception {
        try (FakeBackedServer limited = FakeBackedServer.start(HttpSettings.of("127.0.0.1", 0).withInstances(1)
                .withRateLimitPerSecond(RATE), RateLimitTest.STANDING_STILL)) {
            leaveWhileItsCallerIsProven(limited);

            for (int i = 0; i < RATE; i++) {
                assertThat(limited.client().v3("delete_object_unique", "{\"bk_obj_id\":\"host\",\"id\":8}").code())
                        .as("delete %d of the %d its app may make", i + 1, RATE).isZero();
            }
            assertThat(Scrape.of(limited.client()).value(RATE_LIMITED)).isZero();
        }
    }

    /**
     * Sends a bodiless delete and leaves while its caller is proven; returns once the server has seen it go (its line
     * written, as no answer) and has been handed the proof, on its one event loop, before anything sent after.
     */
    private static void leaveWhileItsCallerIsProven(FakeBackedServer target) throws Exception {
        target.apps.holdAnswers();
        try (RawConnection leaving = RawConnection.open(target)) {
            leaving.send("POST /api/v3/delete/objectunique/object/host/unique/7 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "X-Bkapi-Authorization: " + V3_AUTHORIZATION.get("X-Bkapi-Authorization") + "\r\n"
                    + "Content-Length: 0\r\n\r\n");
            await().atMost(HANG).until(() -> target.apps.askedAbout().size() == 1);
            leaving.reset();
        }
        await().atMost(HANG).until(() -> Scrape.of(target.client()).value(GONE) == 1);
        target.apps.releaseAnswers();
        target.apps.awaitSlowAnswers(HANG);
    }
}
