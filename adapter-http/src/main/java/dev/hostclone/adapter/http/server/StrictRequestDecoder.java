package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Vert.x's HTTP/1 request decoder, with the rules of RFC 9112 on a request's version and its body's length
 * that it does not keep. Each refusal is the request's decoder failure ({@link RefusedRequestHead}): Vert.x hands the request
 * to the invalid-request handler, which answers it in the envelope ({@link InvalidRequests}), reads nothing
 * more from the connection and closes it once the answer is out.
 *
 * <ul>
 *   <li>Transfer-Encoding beside Content-Length: 400. Netty dropped the Content-Length and read the body as
 *       chunked, where a proxy in front may have read the Content-Length: what follows the body on the
 *       connection, another request to one of them, is part of the body to the other (request smuggling,
 *       RFC 9112 §6.3). nginx and BlueKing's API gateway refuse it alike.</li>
 *   <li>Transfer-Encoding whose final coding is not {@code chunked}, that applies {@code chunked} twice, or in
 *       an HTTP/1.0 request: 400, the body's length cannot be told (§6.1, §6.3). Netty read a body whose last
 *       coding was not {@code chunked} as no body at all, and what was sent as that body as the next request.
 *       Any other coding before the final {@code chunked} ({@code gzip, chunked}): 501, as §6.1 asks and nginx
 *       answers; Netty read such a body as if plain chunked, and the use case got it still encoded.</li>
 *   <li>A version of another major than 1 ({@code HTTP/2.0} in HTTP/1 text, {@code HTTP/3.1}, {@code HTTP/0.9}):
 *       505 (RFC 9110 §15.6.6); one that is not {@code HTTP/digit.digit} at all ({@code http/1.1}): 400. A
 *       later minor of 1 ({@code HTTP/1.2}) is read as HTTP/1.1 (RFC 9110 §2.5), as nginx reads it. Vert.x
 *       answered each of these 501 with no body, in a status line of the request's version.</li>
 *   <li>More than one Content-Length field in HTTP/1.0: 400, as §6.3 asks and as Netty refuses them in HTTP/1.1
 *       itself (and the connection closed). In HTTP/1.0 Netty read the body by the first, and what the second
 *       counted on as the next request, on the connection a keep-alive request had kept open.</li>
 *   <li>More than one Host field: 400, as §3.2 says a server must answer. Vert.x read the first, where a proxy in
 *       front may have gone by another. (A Host whose value is invalid, or none in HTTP/1.1, the router refuses.)</li>
 * </ul>
 *
 * A refused version is noted when the request line is read and thrown once the headers are, so that the answer has
 * the request's language and id, and a status line in HTTP/1.1, which the client can read.
 *
 * <p>A chunked body that cannot be read past its head (a chunk size that is no hex number or overflows, a chunk
 * not ended by CRLF) is the request's failure, told to the connection as Vert.x tells it, so that the route
 * reading the body answers it 400 in the envelope; then the connection is closed once that answer is out.
 * Vert.x closed it at once, before its answer was flushed: the client got none.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    private static final String CHUNKED = "chunked";
    private static final Pattern LATER_MINOR_OF_1 = Pattern.compile("HTTP/1\\.[2-9]");
    private static final Pattern OTHER_MAJOR = Pattern.compile("HTTP/[02-9]\\.[0-9]");

    /** The current request's version refusal, from its request line; null when its version is served. */
    private RefusedRequestHead versionRefused;
    /** The current request's Content-Length fields so far: Netty keeps only the first by the time the head is read. */
    private int contentLengthFields;
    /** The current request's Host fields so far. */
    private int hostFields;
    /** Told why a request's body could not be read, for its route to answer. */
    private final Consumer<Throwable> unreadableBody;
    /** Whether bytes read from the connection are being decoded, as opposed to the rest decoded as it closes. */
    private boolean reading;
    /** Why the body being read could not be, until the messages decoded before it are passed on. */
    private Throwable unreadable;

    /** {@code unreadableBody} is told why a request's body could not be read, before the connection is closed. */
    StrictRequestDecoder(HttpServerOptions options, Consumer<Throwable> unreadableBody) {
        super(options);
        this.unreadableBody = unreadableBody;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        try {
            super.channelRead(ctx, msg);
        } finally {
            reading = false;
        }
        Throwable cause = unreadable;
        if (cause != null) {
            unreadable = null;
            // the request's head and the chunks before have been passed on: the request is the one failed, by a
            // DecoderException whatever Netty threw (a trailer it cannot read, an IllegalArgumentException), which
            // RouterFailures knows for the client's
            unreadableBody.accept(cause instanceof DecoderException ? cause : new DecoderException(cause));
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out) throws Exception {
        int from = out.size();
        super.decode(ctx, buffer, out);
        if (reading) {
            takeUnreadableChunk(out, from);
        }
    }

    /**
     * Takes from {@code out} the chunk Netty could not read, which Vert.x would answer by closing the connection
     * at once; Netty reads nothing more of the connection after it.
     */
    private void takeUnreadableChunk(List<Object> out, int from) {
        for (int i = from; i < out.size(); i++) {
            if (out.get(i) instanceof HttpContent chunk && !(chunk instanceof HttpMessage) && chunk.decoderResult().isFailure()) {
                unreadable = chunk.decoderResult().cause();
                out.remove(i);
                chunk.release();
                return;
            }
        }
    }

    @Override
    protected HttpMessage createMessage(String[] initialLine) {
        String version = initialLine[2];
        versionRefused = null;
        contentLengthFields = 0;
        hostFields = 0;
        if (version.equals("HTTP/1.1") || version.equals("HTTP/1.0")) {
            return super.createMessage(initialLine);
        }
        if (!LATER_MINOR_OF_1.matcher(version).matches()) {
            versionRefused = OTHER_MAJOR.matcher(version).matches()
                    ? new RefusedRequestHead(new HttpProblem.VersionNotSupported(version), "HTTP version not supported")
                    : RefusedRequestHead.badRequest("not an HTTP version");
        }
        return super.createMessage(new String[] {initialLine[0], initialLine[1], HttpVersion.HTTP_1_1.text()});
    }

    /**
     * The request Netty answers 400 (or 414) when it could not read a request line (one ending in a bare LF, or too
     * long): Netty's is in HTTP/1.0, whose status line the answer then had, for a request whose version was never
     * read. HTTP/1.1, which the server speaks, as its other refusals say (RFC 9110 §2.5); the connection closes all the same.
     */
    @Override
    protected HttpMessage createInvalidMessage() {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/bad-request", Unpooled.buffer(0),
                headersFactory, trailersFactory);
    }

    /** Called for each header field's name as the head is read. */
    @Override
    protected AsciiString splitHeaderName(byte[] sb, int start, int length) {
        AsciiString name = super.splitHeaderName(sb, start, length);
        if (name.contentEqualsIgnoreCase(HttpHeaderNames.CONTENT_LENGTH)) {
            contentLengthFields++;
        } else if (name.contentEqualsIgnoreCase(HttpHeaderNames.HOST)) {
            hostFields++;
        }
        return name;
    }

    /** Called once the head is read, before Netty settles how to read the body: Transfer-Encoding is still there. */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        if (versionRefused != null) {
            throw versionRefused;
        }
        // in HTTP/1.1 Netty refused a second one itself, before this is called
        if (contentLengthFields > 1) {
            throw RefusedRequestHead.badRequest("more than one Content-Length");
        }
        if (hostFields > 1) {
            throw RefusedRequestHead.badRequest("more than one Host");
        }
        RefusedRequestHead framing = framingRefusal(message);
        if (framing != null) {
            throw framing;
        }
        return super.isContentAlwaysEmpty(message);
    }

    private static RefusedRequestHead framingRefusal(HttpMessage message) {
        HttpHeaders headers = message.headers();
        // nearly every request has no Transfer-Encoding: asked so, it costs no list
        if (!headers.contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return null;
        }
        List<String> fields = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            return RefusedRequestHead.badRequest("both Content-Length and Transfer-Encoding");
        }
        if (message.protocolVersion() == HttpVersion.HTTP_1_0) {
            return RefusedRequestHead.badRequest("Transfer-Encoding in HTTP/1.0");
        }
        List<String> codings = codings(fields);
        if (codings.isEmpty() || !codings.get(codings.size() - 1).equalsIgnoreCase(CHUNKED)) {
            return RefusedRequestHead.badRequest("chunked is not the final transfer coding");
        }
        List<String> before = codings.subList(0, codings.size() - 1);
        if (before.stream().anyMatch(CHUNKED::equalsIgnoreCase)) {
            return RefusedRequestHead.badRequest("chunked applied more than once");
        }
        if (!before.isEmpty()) {
            return new RefusedRequestHead(new HttpProblem.TransferCodingNotSupported(before.get(0)),
                    "a transfer coding before chunked, which HostClone does not decode");
        }
        return null;
    }

    /** The codings of every Transfer-Encoding field, in order; empty list elements skipped (RFC 9110 §5.6.1). */
    private static List<String> codings(List<String> fields) {
        List<String> codings = new ArrayList<>();
        for (String field : fields) {
            for (String coding : field.split(",")) {
                if (!coding.isBlank()) {
                    codings.add(coding.trim());
                }
            }
        }
        return codings;
    }
}
