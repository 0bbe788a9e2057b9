package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.application.testing.CapturedLog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LISTEN connection once its store closes, on a real PostgreSQL reached through a link that can fall silent. */
class ModelChangeListenerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Vertx vertx = Vertx.vertx();
    private CapturedLog logged;

    @BeforeEach
    void captureTheLog() {
        logged = CapturedLog.of(ModelChangeListener.class.getName(), Level.DEBUG);
    }

    @AfterEach
    void stop() {
        logged.close();
        vertx.close().await();
    }

    /**
     * A stop whose PostgreSQL is silent, then killed: the close waits on the LISTEN connection, which the kill
     * resets. That failure is the stop's own doing, said at DEBUG; it was a WARN that it "connects again".
     */
    @Test
    void givenAClosingListener_whenItsPostgresqlIsKilled_thenNoWarningIsLogged() throws Exception {
        PgSettings database = TestPostgres.database();
        try (SilenceableLink link = SilenceableLink.to(database.port())) {
            ModelChangeListener listener = listeningThrough(link, database);
            link.silence();

            Future<Void> closing = listener.close();
            await().atMost(Duration.ofSeconds(30)).until(link::holdsBytes); // the close's goodbye, held
            link.resetConnections();

            await().atMost(Duration.ofSeconds(30)).until(closing::isComplete);
            assertThat(logged.events()).extracting(ILoggingEvent::getLevel).doesNotContain(Level.WARN, Level.ERROR);
            assertThat(logged.events()).extracting(ILoggingEvent::getFormattedMessage)
                    .anyMatch(message -> message.startsWith("the LISTEN connection for host-model changes failed as the store closed"));
        }
    }

    /**
     * A close while the subscriber waits to connect again: Vert.x's connects anyway and keeps the connection;
     * the listener closes it, so no LISTEN is left on the database past the store.
     */
    @Test
    void givenAReconnectionUnderWay_whenTheListenerCloses_thenNoListenConnectionIsLeft() throws Exception {
        PgSettings database = TestPostgres.database();
        try (SilenceableLink link = SilenceableLink.to(database.port());
             Connection jdbc = TestPostgres.jdbc(database); Statement statement = jdbc.createStatement()) {
            ModelChangeListener listener = listeningThrough(link, database);
            link.silence(); // the reconnection below waits for its answer until healed
            link.resetConnections();
            await().atMost(Duration.ofSeconds(30)).until(() -> !listener.listening());

            listener.close().await();
            link.heal();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logged.events())
                    .extracting(ILoggingEvent::getFormattedMessage)
                    .contains("the LISTEN connection for host-model changes connected after the store closed; closing it"));
            await().atMost(Duration.ofSeconds(30)).until(() -> listeners(statement) == 0);
        }
    }

    private ModelChangeListener listeningThrough(SilenceableLink link, PgSettings database) {
        PgSettings linked = new PgSettings("127.0.0.1", link.port(), database.database(), database.user(),
                database.password(), 1, TIMEOUT, true, database.tls());
        ModelChangeListener listener = ModelChangeListener.start(vertx, linked, PostgresConnections.connectOptions(linked));
        listener.listen(vertx, linked, new PostgresHostModel(null, null, () -> true, System::nanoTime)).await();
        return listener;
    }

    private static int listeners(Statement statement) throws Exception {
        try (ResultSet listening = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND query LIKE 'LISTEN%'")) {
            listening.next();
            return listening.getInt(1);
        }
    }
}
