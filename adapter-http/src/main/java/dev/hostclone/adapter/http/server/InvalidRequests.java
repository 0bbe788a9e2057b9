package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers, in the envelope, the requests the HTTP codec could not read or {@link StrictRequestDecoder}
 * refused, which never reach the router: a request line over the limit (414, a long query string), headers
 * over the limit (431), an HTTP version other than 1.x (505), a transfer coding it does not decode (501), a
 * body whose length is ambiguous and anything else unreadable (400). Vert.x's own answer would be an empty body.
 */
public final class InvalidRequests {

    private InvalidRequests() {
    }

    /** Answers and records each such request: its access-log line, and its count in {@code metrics} as any other's. */
    public static Handler<HttpServerRequest> handler(Language defaultLanguage, HttpMetrics metrics) {
        // these answers close their connection anyway
        Envelopes envelopes = new Envelopes(defaultLanguage, new Draining(), metrics);
        return request -> envelopes.invalid(request, new HttpProblem.BadRequest(statusOf(request.decoderResult().cause())));
    }

    private static int statusOf(Throwable cause) {
        if (cause instanceof RefusedRequestHead refused) {
            return refused.status();
        }
        if (cause instanceof TooLongHttpLineException) {
            return 414;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return 431;
        }
        return 400;
    }
}
