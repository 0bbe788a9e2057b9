package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The LISTEN connection's heartbeat, on a real PostgreSQL reached through a link that can fall silent. */
class ListenHeartbeatTest {

    private static final Duration OFTEN = Duration.ofMillis(100);
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /** Long enough for many beats to pass: what must not happen does not within it. */
    private static final Duration MANY_BEATS = Duration.ofSeconds(2);

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stopVertx() {
        vertx.close().await();
    }

    /**
     * A peer that falls silent without a word leaves the connection looking connected: nothing was sent on
     * it, and nothing closed it. A beat unanswered past the timeout says so; the answer held by the silence
     * says it answers again, on the same connection.
     */
    @Test
    void givenTheLinkFallsSilent_whenABeatGetsNoAnswer_thenItIsNotAnsweringUntilHeardAgain() throws Exception {
        PgSettings database = TestPostgres.database();
        try (SilenceableLink link = SilenceableLink.to(database.port())) {
            PgSubscriber subscriber = subscriberThrough(link, database);
            subscriber.connect().await();
            PgConnection first = subscriber.actualConnection();

            try (ListenHeartbeat heartbeat = ListenHeartbeat.start(vertx, subscriber, OFTEN, TIMEOUT)) {
                assertThat(heartbeat.answering()).isTrue();
                link.silence();
                await().atMost(Duration.ofSeconds(30)).until(() -> !heartbeat.answering());
                assertThat(link.holdsBytes()).as("a beat waits to cross").isTrue();
                link.heal();

                await().atMost(Duration.ofSeconds(30)).until(heartbeat::answering);
                assertThat(subscriber.actualConnection()).isSameAs(first);
            } finally {
                subscriber.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A connection that answers is left alone, however many beats pass. */
    @Test
    void givenALinkThatAnswers_whenBeatsPass_thenItStaysAnswering() throws Exception {
        PgSettings database = TestPostgres.database();
        try (SilenceableLink link = SilenceableLink.to(database.port())) {
            PgSubscriber subscriber = subscriberThrough(link, database);
            subscriber.channel("heartbeat_test").handler(payload -> { });
            subscriber.connect().await();
            PgConnection first = subscriber.actualConnection();

            try (ListenHeartbeat heartbeat = ListenHeartbeat.start(vertx, subscriber, OFTEN, TIMEOUT)) {
                await().during(MANY_BEATS).atMost(Duration.ofSeconds(10))
                        .until(() -> heartbeat.answering() && subscriber.actualConnection() == first);
            } finally {
                subscriber.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    private PgSubscriber subscriberThrough(SilenceableLink link, PgSettings database) {
        PgSettings linked = new PgSettings("127.0.0.1", link.port(), database.database(), database.user(),
                database.password(), 1, TIMEOUT, true, database.tls());
        return PgSubscriber.subscriber(vertx, PostgresConnections.connectOptions(linked)).reconnectPolicy(attempts -> 100L);
    }
}
