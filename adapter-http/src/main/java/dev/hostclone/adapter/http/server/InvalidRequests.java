package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers, in the envelope, the requests the HTTP codec could not read or {@link StrictRequestDecoder}
 * refused, which never reach the router: a request line over the limit (414, a long query string), headers
 * over the limit (431), an HTTP version other than 1.x (505), a transfer coding it does not decode (501), a
 * body whose length is ambiguous and anything else unreadable (400). Vert.x's own answer would be an empty body.
 * The message of each but the 400 says what was refused: the limit, the version, the coding.
 */
public final class InvalidRequests {

    private InvalidRequests() {
    }

    /**
     * Answers and records each such request: its access-log line, and its count in {@code metrics} as any other's.
     * {@code options} are the server's, whose limits a request line or headers over them are told.
     */
    public static Handler<HttpServerRequest> handler(Language defaultLanguage, HttpMetrics metrics, HttpServerOptions options) {
        // these answers close their connection anyway
        Envelopes envelopes = new Envelopes(defaultLanguage, new Draining(), metrics);
        int maxLine = options.getMaxInitialLineLength();
        int maxHeaders = options.getMaxHeaderSize();
        return request -> envelopes.invalid(request, problemOf(request.decoderResult().cause(), maxLine, maxHeaders));
    }

    private static HttpProblem problemOf(Throwable cause, int maxLine, int maxHeaders) {
        if (cause instanceof RefusedRequestHead refused) {
            return refused.problem();
        }
        if (cause instanceof TooLongHttpLineException) {
            return new HttpProblem.RequestLineTooLong(maxLine);
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new HttpProblem.HeadersTooLarge(maxHeaders);
        }
        return new HttpProblem.BadRequest(400);
    }
}
