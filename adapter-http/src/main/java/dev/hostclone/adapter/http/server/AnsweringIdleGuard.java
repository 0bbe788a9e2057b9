package dev.hostclone.adapter.http.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Keeps the idle timeout from closing a connection while the server owes it an answer. Vert.x's idle timer
 * counts bytes read and written, not requests in flight, so it closed a connection whose request had fully
 * arrived and whose use case was still at work (a database wait, a slow authentication): the caller got no
 * answer, though its write might commit. Here the timer's event is held back from Vert.x while more requests
 * have fully arrived than have been answered; silence that is the client's (a head or a body that stalls,
 * no next request) is still closed. Once the answer is written the timer counts from it again.
 *
 * <p>Sits between Vert.x's idle timer and its connection handler, on the connection's event loop only. An
 * answer may go out before its request has fully arrived (413, a request timeout): the body still to come
 * is then the client's to send, and the counts meet again when it has.
 */
final class AnsweringIdleGuard extends ChannelDuplexHandler {

    private long requestsArrived;
    private long requestsAnswered;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof LastHttpContent) {
            requestsArrived++;
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof LastHttpContent && !isInterim(message)) {
            requestsAnswered++;
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

    /** A 100 Continue or 103 Early Hints: an answer comes after it. */
    private static boolean isInterim(Object message) {
        return message instanceof HttpResponse response && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }
}
