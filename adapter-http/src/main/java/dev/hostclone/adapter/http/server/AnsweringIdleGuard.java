package dev.hostclone.adapter.http.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Keeps the idle timeout from closing a connection while the server owes it an answer, and tells
 * {@link ConnectionCap} since when a connection has been idle, so that at the cap the one idle longest can be
 * closed for a new one.
 *
 * <p>Vert.x's idle timer counts bytes read and written, not requests in flight, so it closed a connection whose
 * request had fully arrived and whose use case was still at work (a database wait, a slow authentication): the
 * caller got no answer, though its write might commit. Here the timer's event is held back from Vert.x while more
 * requests have fully arrived than have been answered; silence that is the client's (a head or a body that stalls,
 * no next request) is still closed. Once the answer is written the timer counts from it again.
 *
 * <p>A connection is idle from its opening, and again once the answer that leaves it owing nothing and owed
 * nothing has been sent (written to the socket, not only queued: one whose client reads a large answer slowly is
 * not idle, and closing it would wait for the answer to drain), until the head of its next request has been read:
 * a head still arriving leaves it idle, as the cap sees it. Its idleness is then dated from that answer's writing
 * (or its request's end, if that came later), a time before its client can have read the answer: dated from the
 * sending, which its event loop learns of a moment after the client may, two connections served one after the
 * other could read as idle in the other order, and the one idle longest not be the one closed (a test's held
 * connections were, once in CI and once in sixty runs of the cap's tests, until 2026-12-07). The cap may claim an idle connection
 * ({@link #claimIfIdleSince}); from then on the connection is closing, and a request read on it is dropped, its head
 * and all that follows, never handed to Vert.x, so that none is cut off once begun: its client sees the connection
 * closed before any answer, as after an idle timeout, with nothing of the request done.
 *
 * <p>Sits between Vert.x's idle timer and its connection handler; its counts are the connection's event loop's,
 * its idleness is read and claimed from any thread. An answer may go out before its request has fully arrived
 * (413, a request timeout): the body still to come is then the client's to send, and the connection is idle once
 * it has.
 */
final class AnsweringIdleGuard extends ChannelDuplexHandler {

    /** What {@link #idleSince()} says of a connection that is not idle: owed an answer, or claimed. */
    static final long NOT_IDLE = Long.MIN_VALUE;
    private static final long CLAIMED = Long.MIN_VALUE + 1;

    /** The time on {@link #clock} in nanoseconds. */
    private final LongSupplier clock;
    /**
     * When the connection was last left idle, {@link #NOT_IDLE} or {@link #CLAIMED}. Each time it is left idle is
     * dated after the one before, if only by a nanosecond, so that a claim taken against a time read earlier never
     * takes a connection that has been busy since, whatever the clock's resolution.
     */
    private final AtomicLong idleSince;
    /** The last time the connection was left idle. */
    private long lastIdleSince;
    /** The connection's channel, once in its pipeline: what a claim closes. */
    private volatile Channel channel;
    private long headsRead;
    private long requestsArrived;
    /** The clock's time as the last request's end arrived. */
    private long lastArrivedAt;
    /** Answers written, for the idle timer: from then on the silence is the client's. */
    private long requestsAnswered;
    /** Answers sent whole, for the cap: a connection still sending one is not idle. */
    private long answersSent;

    AnsweringIdleGuard() {
        this(System::nanoTime);
    }

    /** Dated by {@code clock}, {@link System#nanoTime()} but in tests. */
    AnsweringIdleGuard(LongSupplier clock) {
        this.clock = clock;
        lastIdleSince = asIdleTime(clock.getAsLong());
        idleSince = new AtomicLong(lastIdleSince);
    }

    /** The clock's time ({@link System#nanoTime()}'s) since which the connection has been idle, or {@link #NOT_IDLE}. */
    long idleSince() {
        long since = idleSince.get();
        return since == CLAIMED ? NOT_IDLE : since;
    }

    /**
     * Claims the connection and closes it if it is still idle since {@code since}, as read from {@link #idleSince()}:
     * from then on no request read on it reaches the router. False if it has been busy since, or claimed already.
     * The channel itself is closed, on its event loop, rather than Vert.x's connection, whose close is a shutdown
     * that waits for what it takes to be in flight: an idle connection has nothing to wait for.
     */
    boolean claimIfIdleSince(long since) {
        if (since == NOT_IDLE || !idleSince.compareAndSet(since, CLAIMED)) {
            return false;
        }
        Channel claimed = channel;
        if (claimed != null) {
            claimed.close();
        }
        return true;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest) {
            headsRead++;
            busy();
        }
        if (idleSince.get() == CLAIMED) {
            // a claim is taken only between requests: whatever is read once it holds is of a request never begun
            ReferenceCountUtil.release(message);
            ctx.close();
            return;
        }
        if (message instanceof LastHttpContent) {
            requestsArrived++;
            lastArrivedAt = clock.getAsLong();
            idleIfOwingNothing(lastArrivedAt);
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof LastHttpContent && !isInterim(message)) {
            requestsAnswered++;
            long writtenAt = clock.getAsLong();
            ChannelPromise sent = promise.unvoid();
            sent.addListener(written -> {
                answersSent++;
                idleIfOwingNothing(writtenAt - lastArrivedAt < 0 ? lastArrivedAt : writtenAt);
            });
            ctx.write(message, sent);
            return;
        }
        ctx.write(message, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && requestsAnswered < requestsArrived) {
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** Marks the connection owed an answer, unless it has been claimed, which stays. */
    private void busy() {
        for (long since = idleSince.get(); since != NOT_IDLE && since != CLAIMED; since = idleSince.get()) {
            if (idleSince.compareAndSet(since, NOT_IDLE)) {
                return;
            }
        }
    }

    /**
     * Idle from {@code since}, or just after the last time it was left idle, if every head read has arrived whole and
     * its answer been sent; a claim stays.
     */
    private void idleIfOwingNothing(long since) {
        if (requestsArrived == headsRead && answersSent >= headsRead) {
            long dated = asIdleTime(since - lastIdleSince > 0 ? since : lastIdleSince + 1);
            if (idleSince.compareAndSet(NOT_IDLE, dated)) {
                lastIdleSince = dated;
            }
        }
    }

    /**
     * {@code time}, or the time just past the two values that mean not idle, which a clock may read too (its origin
     * is any), and the time after its largest value wraps to.
     */
    private static long asIdleTime(long time) {
        return time == NOT_IDLE || time == CLAIMED ? CLAIMED + 1 : time;
    }

    /** A 100 Continue or 103 Early Hints: an answer comes after it. */
    private static boolean isInterim(Object message) {
        return message instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }
}
