package dev.hostclone.adapter.http.error;

/** Carries an {@link HttpProblem} out of decoding or authentication. A refusal, not a bug: no stack trace. */
public final class HttpProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient HttpProblem problem;

    public HttpProblemException(HttpProblem problem) {
        super(problem.toString(), null, false, false);
        this.problem = problem;
    }

    public HttpProblem problem() {
        return problem;
    }
}
