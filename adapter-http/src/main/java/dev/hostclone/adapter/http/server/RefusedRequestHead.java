package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;

/**
 * A request head {@link StrictRequestDecoder} refuses, and the problem it is answered with. It stands as the
 * request's decoder failure, so it carries no stack trace: a client's mistake, not a fault to trace.
 */
final class RefusedRequestHead extends IllegalArgumentException {

    private final transient HttpProblem problem;

    RefusedRequestHead(HttpProblem problem, String reason) {
        super(reason);
        this.problem = problem;
    }

    /** A head refused with 400 and the generic message. */
    static RefusedRequestHead badRequest(String reason) {
        return new RefusedRequestHead(new HttpProblem.BadRequest(400), reason);
    }

    HttpProblem problem() {
        return problem;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
