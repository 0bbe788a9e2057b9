package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hostclone.application.testing.CapturedLog;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LISTEN connection's heartbeat, on a real PostgreSQL reached through a link that can fall silent. */
class ListenHeartbeatTest {

    private static final Duration OFTEN = Duration.ofMillis(100);
    /** Short, so that a silence is noticed soon; it only has to be missed eventually. */
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    /**
     * Where a link answers, thousands of times what an answer takes: a beat answered late by a slow or loaded
     * machine (a GC pause, a PostgreSQL checkpoint) is no false alarm, while a beat's timer that its answer never
     * called off still fires within the beats below, and is logged.
     */
    private static final Duration NEVER_MISSED = Duration.ofSeconds(2);
    /** Beats for twice {@link #NEVER_MISSED} at least: what must not happen does not while they pass. */
    private static final int MANY_BEATS = 40;

    private final Vertx vertx = Vertx.vertx();
    private CapturedLog logged;

    @BeforeEach
    void captureTheLog() {
        logged = CapturedLog.of(ListenHeartbeat.class);
    }

    @AfterEach
    void stopVertx() {
        logged.close();
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

    /**
     * A connection that answers is left alone, however many beats pass. The beats are counted where they
     * cross the link (the subscriber sends nothing else once it listens), not timed; every fall to "not
     * answering" is logged, so none in between goes unseen.
     */
    @Test
    void givenALinkThatAnswers_whenBeatsPass_thenItStaysAnswering() throws Exception {
        PgSettings database = TestPostgres.database();
        try (SilenceableLink link = SilenceableLink.to(database.port())) {
            PgSubscriber subscriber = subscriberThrough(link, database);
            subscriber.channel("heartbeat_test").handler(payload -> { });
            subscriber.connect().await();
            PgConnection first = subscriber.actualConnection();
            int sentBefore = link.writesToServer();

            try (ListenHeartbeat heartbeat = ListenHeartbeat.start(vertx, subscriber, OFTEN, NEVER_MISSED)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> link.writesToServer() >= sentBefore + MANY_BEATS);

                assertThat(logged.events()).as("no beat was ever missed").isEmpty();
                assertThat(heartbeat.answering()).isTrue();
                assertThat(subscriber.actualConnection()).isSameAs(first);
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
