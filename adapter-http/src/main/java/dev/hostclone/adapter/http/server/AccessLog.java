package dev.hostclone.adapter.http.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line per request; names the caller, never the secret. */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.hostclone.adapter.http.access");

    private AccessLog() {
    }

    static void write(RequestContext context, int httpStatus, long elapsedNanos) {
        LOG.info("rid={} api={} door={} app={} user={} code={} status={} ms={}",
                context.requestId(), context.api(), context.door(), context.app(), context.user(),
                context.code(), httpStatus, elapsedNanos / 1_000_000);
    }
}
