package dev.hostclone.adapter.http.server;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * What a request's head says of the body behind it: its length, or {@link #UNKNOWN_LENGTH} for a chunked one
 * (known only at its end), or none. Asked before any of the body is read; the codec has refused a head whose
 * {@code Content-Length} does not read as one number, or that says both.
 */
record DeclaredBody(long length) {

    static final long UNKNOWN_LENGTH = -1;
    private static final DeclaredBody NONE = new DeclaredBody(0);
    private static final DeclaredBody CHUNKED = new DeclaredBody(UNKNOWN_LENGTH);

    static DeclaredBody of(HttpServerRequest request) {
        if (request.headers().contains(HttpHeaders.TRANSFER_ENCODING)) {
            return CHUNKED;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return NONE;
        }
        try {
            long bytes = Long.parseLong(length.strip());
            return bytes == 0 ? NONE : new DeclaredBody(bytes < 0 ? UNKNOWN_LENGTH : bytes);
        } catch (NumberFormatException unreadable) {
            return CHUNKED;
        }
    }

    /** Whether a body follows the head. */
    boolean follows() {
        return length != 0;
    }

    boolean lengthKnown() {
        return length >= 0;
    }
}
