package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LISTEN connection that keeps the cached host model honest: subscribed to its channel
 * ({@link PostgresHostModel#CHANNEL}), it drops the cached model on every notification and every
 * (re)subscription, and says when a change could go unannounced (down, or silent: {@link ListenHeartbeat}).
 */
final class ModelChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(ModelChangeListener.class);
    private static final long RESUBSCRIBE_DELAY_MILLIS = 1_000;

    private final PgSubscriber subscriber;
    private final ListenHeartbeat heartbeat;
    private volatile boolean closed;

    private ModelChangeListener(PgSubscriber subscriber, ListenHeartbeat heartbeat) {
        this.subscriber = subscriber;
        this.heartbeat = heartbeat;
    }

    /** A subscriber, not yet connected ({@link #listen}), with its heartbeat beating. */
    static ModelChangeListener start(Vertx vertx, PgSettings settings, PgConnectOptions connect) {
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, connect).reconnectPolicy(attempts -> RESUBSCRIBE_DELAY_MILLIS);
        ListenHeartbeat heartbeat = ListenHeartbeat.start(vertx, subscriber, ListenHeartbeat.EVERY, settings.timeout());
        return new ModelChangeListener(subscriber, heartbeat);
    }

    /** Whether a change made now would be announced: the connection is up and answers its heartbeat. */
    boolean listening() {
        return subscriber.actualConnection() != null && heartbeat.answering();
    }

    /**
     * Subscribes to the host model's channel; completes once listening. On every (re)subscription
     * the cached model is dropped too: notifications sent while disconnected are lost.
     */
    Future<Void> listen(Vertx vertx, PgSettings settings, PostgresHostModel model) {
        Promise<Void> listening = Promise.promise();
        subscriber.channel(PostgresHostModel.CHANNEL)
                .subscribeHandler(subscribed -> {
                    PgConnection connection = subscriber.actualConnection();
                    if (closed) {
                        // a reconnection timed before the close: the subscriber connects anyway, and would keep it
                        LOG.debug("the LISTEN connection for host-model changes connected after the store closed; closing it");
                        if (connection != null) {
                            connection.close();
                        }
                        return;
                    }
                    logFailuresOf(connection);
                    model.invalidate();
                    listening.tryComplete();
                })
                .handler(payload -> model.invalidate());
        // its own message: the start's failure names what it waited for, not a Vert.x class
        long timer = vertx.setTimer(settings.timeout().toMillis(), expired -> listening.tryFail(new PostgresStoreException(
                "no LISTEN " + PostgresHostModel.CHANNEL + " within " + settings.timeout().toMillis() + " ms, the store"
                        + " timeout: the connection for the host model's changes got no answer", null)));
        // ready once listening: a model read before that could be dropped by the first subscription;
        // the timer bounds a connect that never completes too (a server that accepts and never answers)
        subscriber.connect().onFailure(listening::tryFail);
        return listening.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    /**
     * Logs what ends the LISTEN connection (PostgreSQL stopped or restarted, the backend terminated), once
     * per connection: the subscriber reconnects by itself but sets no exception handler, and Vert.x prints
     * the exception of a connection without one to standard error, a bare line outside the log. Once closed,
     * a failure is the stop's own (its PostgreSQL gone, killed silent, as the close waits on it), and nothing
     * connects again: a DEBUG line, not a WARN that reads as a fault.
     */
    private void logFailuresOf(PgConnection connection) {
        if (connection != null) {
            connection.exceptionHandler(failure -> {
                if (closed) {
                    LOG.debug("the LISTEN connection for host-model changes failed as the store closed ({})", failure.getMessage());
                } else {
                    LOG.warn("the LISTEN connection for host-model changes failed ({}); it connects again", failure.getMessage());
                }
            });
        }
    }

    /** Stops the heartbeat and closes the subscription; completes once its connection is closed. */
    Future<Void> close() {
        closed = true;
        heartbeat.close();
        return subscriber.close();
    }
}
