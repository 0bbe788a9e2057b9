package dev.hostclone.adapter.http.server;

/**
 * A request head {@link StrictRequestDecoder} refuses, and the status it is answered with. It stands as the
 * request's decoder failure, so it carries no stack trace: a client's mistake, not a fault to trace.
 */
final class RefusedRequestHead extends IllegalArgumentException {

    private final int status;

    RefusedRequestHead(int status, String reason) {
        super(reason);
        this.status = status;
    }

    int status() {
        return status;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
