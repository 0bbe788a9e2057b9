package dev.hostclone.adapter.http.server;

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
    static void write(RequestContext context, int httpStatus, long elapsedNanos) {
        if (LOG.isInfoEnabled()) {
            LOG.info("rid=" + context.requestId() + " api=" + context.api() + " door=" + context.door()
                    + " app=" + context.app() + " user=" + context.user() + " code=" + context.code()
                    + " status=" + httpStatus + " ms=" + elapsedNanos / 1_000_000);
        }
    }
}
