package dev.hostclone.adapter.http.server;

import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line per request; names the caller, never the secret. */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.hostclone.adapter.http.access");

    private AccessLog() {
    }

    /**
     * The line is put together here rather than from a pattern of placeholders: Logback would format
     * that pattern on the event loop all the same, to hand the line to its writer thread, and
     * scanning it for eight placeholders cost more than joining the parts.
     */
    static void write(RequestContext context, String status, long elapsedNanos) {
        if (LOG.isInfoEnabled()) {
            LOG.info("rid=" + context.loggedRequestId() + " api=" + context.api() + " door=" + context.door()
                    + " app=" + context.app() + " user=" + context.user() + " code=" + context.code()
                    + " status=" + status + " ms=" + millis(elapsedNanos));
        }
    }

    /**
     * The duration in milliseconds to the microsecond ({@code 0.092}, {@code 7.015}): until 2026-12-07 in whole
     * milliseconds, when nearly every line on memory said {@code ms=0} and one of 1.99 ms said {@code ms=1}.
     */
    static String millis(long elapsedNanos) {
        long micros = Math.max(0, elapsedNanos) / 1_000;
        long fraction = micros % 1_000;
        return micros / 1_000 + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }

    /**
     * The status sent, or "-" when none was (the connection closed before it was written): Vert.x says 200 until
     * one is set, and calls a head written that it could not write to a connection gone.
     */
    static String status(RequestContext context, HttpServerResponse response) {
        return response.headWritten() && context.answered() ? Integer.toString(response.getStatusCode()) : "-";
    }
}
