package dev.hostclone.adapter.http.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpVersion;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * Vert.x's HTTP/1 request decoder, with the rules of RFC 9112 on a request body's length that it does not
 * keep. Each refusal is the request's decoder failure ({@link RefusedRequestHead}): Vert.x hands the request
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
 * </ul>
 *
 * Two Content-Length values Netty refuses itself (400, and the connection closed), as §6.3 asks.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {

    private static final String CHUNKED = "chunked";

    StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    /** Called once the head is read, before Netty settles how to read the body: Content-Length is still there. */
    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage message) {
        RefusedRequestHead framing = framingRefusal(message);
        if (framing != null) {
            throw refuse(message, framing);
        }
        return super.isContentAlwaysEmpty(message);
    }

    /**
     * The refusal, the request now asking to close its connection: Vert.x closes it anyway, and the answer's
     * {@code Connection} header, which Vert.x derives from the request's, says so (to an HTTP/1.0 request
     * asking to be kept alive it said {@code keep-alive}).
     */
    private static RefusedRequestHead refuse(HttpMessage message, RefusedRequestHead refusal) {
        message.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        return refusal;
    }

    private static RefusedRequestHead framingRefusal(HttpMessage message) {
        HttpHeaders headers = message.headers();
        List<String> fields = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (fields.isEmpty()) {
            return null;
        }
        if (headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
            return new RefusedRequestHead(400, "both Content-Length and Transfer-Encoding");
        }
        if (message.protocolVersion() == HttpVersion.HTTP_1_0) {
            return new RefusedRequestHead(400, "Transfer-Encoding in HTTP/1.0");
        }
        List<String> codings = codings(fields);
        if (codings.isEmpty() || !codings.get(codings.size() - 1).equalsIgnoreCase(CHUNKED)) {
            return new RefusedRequestHead(400, "chunked is not the final transfer coding");
        }
        List<String> before = codings.subList(0, codings.size() - 1);
        if (before.stream().anyMatch(CHUNKED::equalsIgnoreCase)) {
            return new RefusedRequestHead(400, "chunked applied more than once");
        }
        if (!before.isEmpty()) {
            return new RefusedRequestHead(501, "transfer coding not implemented");
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
