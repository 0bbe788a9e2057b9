package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the LISTEN connection for an answer now and then, and says whether the last one came in time.
 * PostgreSQL sends that connection nothing but notifications, the subscriber sends nothing at all, and it
 * gets no TCP keepalive (the subscriber takes no transport options): a connection whose peer vanished
 * without a word (the database's host gone, a NAT or firewall that dropped the idle flow) looked
 * connected for good, and the host model stayed cached with no notification ever to drop it.
 *
 * <p>Every period a {@code SELECT 1} goes out on it. The traffic keeps a NAT's or firewall's idle timer
 * from dropping the flow, and a statement sent, unlike an idle connection, is retransmitted until the
 * kernel gives up on the connection ({@code net.ipv4.tcp_retries2}), which closes it, and the subscriber
 * connects again. Meanwhile, while an answer is later than the store's timeout, {@link #answering()} is
 * false and the store caches no host model; a late answer makes it true again, since TCP delivered what
 * was held, notifications included. A beat still waiting is not overtaken by the next.
 *
 * <p>A beat's answer and its timer may run on different event loops (the connection's, the periodic's); each
 * moves the beat on by one compare-and-set, so whichever comes second sees what the first did, and a timer its
 * answer could not call off in time finds a later beat, not its own, and does nothing. Until 2026-12-07 the
 * timer read a flag and then wrote another, and an answer between the two was followed by "not answering" until
 * the next beat's answer, 30 s later.
 */
final class ListenHeartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ListenHeartbeat.class);
    static final Duration EVERY = Duration.ofSeconds(30);
    /** The last beat was answered (or none was sent yet). */
    private static final Object ANSWERED = new Object();
    /** The last beat awaits its answer past the timeout. */
    private static final Object OVERDUE = new Object();

    private final Vertx vertx;
    private final PgSubscriber subscriber;
    private final long timeoutMillis;
    /** {@link #ANSWERED}, {@link #OVERDUE}, or a beat of its own while it awaits its answer within the timeout. */
    private final AtomicReference<Object> lastBeat = new AtomicReference<>(ANSWERED);
    private final long timer;

    private ListenHeartbeat(Vertx vertx, PgSubscriber subscriber, Duration every, Duration timeout) {
        this.vertx = vertx;
        this.subscriber = subscriber;
        this.timeoutMillis = timeout.toMillis();
        this.timer = vertx.setPeriodic(every.toMillis(), tick -> beat());
    }

    /** Beats every {@code every} until closed; an answer later than {@code timeout} is not answering. */
    static ListenHeartbeat start(Vertx vertx, PgSubscriber subscriber, Duration every, Duration timeout) {
        return new ListenHeartbeat(vertx, subscriber, every, timeout);
    }

    /** False while the connection's last beat has gone unanswered for longer than the timeout. */
    boolean answering() {
        return lastBeat.get() != OVERDUE;
    }

    private void beat() {
        PgConnection connection = subscriber.actualConnection();
        Object sent = new Object();
        if (connection == null || subscriber.closed() || !lastBeat.compareAndSet(ANSWERED, sent)) {
            return;
        }
        long overdue = vertx.setTimer(timeoutMillis, fired -> {
            if (lastBeat.compareAndSet(sent, OVERDUE)) {
                LOG.warn("the LISTEN connection for host-model changes gave no answer within {} ms; no host model is"
                        + " cached until it answers", timeoutMillis);
            }
        });
        // any end will do: an answer, or a failure of a connection that closed, which the subscriber replaces
        connection.query("SELECT 1").execute().onComplete(done -> {
            vertx.cancelTimer(overdue);
            if (lastBeat.getAndSet(ANSWERED) == OVERDUE) {
                LOG.info("the LISTEN connection for host-model changes answers again");
            }
        });
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
