package dev.hostclone.adapter.http.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts HostClone's handlers into each HTTP/1 connection's Netty pipeline as Vert.x opens it, before it reads
 * a byte: {@link StrictRequestDecoder} in place of Vert.x's decoder, and {@link AnsweringIdleGuard} behind its
 * idle timer; then counts the connection under the {@link ConnectionCap}. Vert.x offers no public way to put
 * either handler there, so this reaches into its internals (the connection's class and channel context, its
 * decoder's class, the handlers' names); should an upgrade change them, each connection is closed with an error
 * logged, and every HTTP test fails, rather than served without these rules.
 */
public final class Http1Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Http1Pipeline.class);
    private static final String DECODER = "httpDecoder";
    private static final String IDLE_TIMER = "idle";

    private Http1Pipeline() {
    }

    /** The connection handler of a server with these options, which must set an idle timeout, under {@code cap}. */
    public static Handler<HttpConnection> installer(HttpServerOptions options, ConnectionCap cap) {
        return connection -> {
            try {
                if (!(connection instanceof Http1xServerConnection http1)) {
                    throw new IllegalStateException("not a Vert.x HTTP/1 connection: " + connection.getClass().getName());
                }
                ChannelPipeline pipeline = http1.channelHandlerContext().pipeline();
                ChannelHandler decoder = pipeline.get(DECODER);
                if (!(decoder instanceof VertxHttpRequestDecoder)) {
                    throw new IllegalStateException("no Vert.x request decoder named " + DECODER + ": " + pipeline.names());
                }
                // a body that cannot be read fails its request, whose route answers it, as Vert.x fails it itself
                pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(options, http1::handleException));
                AnsweringIdleGuard guard = new AnsweringIdleGuard();
                pipeline.addAfter(IDLE_TIMER, "hostclone-answering", guard);
                cap.opened(connection, guard);
            } catch (RuntimeException unexpected) {
                LOG.error("cannot set up an HTTP connection's pipeline, closing it", unexpected);
                connection.close();
            }
        };
    }
}
