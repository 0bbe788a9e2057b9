package dev.hostclone.domain.failure;

/**
 * Carries a {@link Failure} through a {@code CompletionStage} or a call stack. Business rejections
 * only; technical faults are the adapters' own exceptions. No stack trace: it is not a bug.
 */
public final class RejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    public RejectedException(Failure failure) {
        super(failure.toString(), null, false, false);
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }

    /** Shorthand for {@code throw new RejectedException(failure)} at a rule's call site. */
    public static RejectedException because(Failure failure) {
        return new RejectedException(failure);
    }
}
