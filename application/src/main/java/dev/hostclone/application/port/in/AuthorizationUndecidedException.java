package dev.hostclone.application.port.in;

/**
 * Any use case that checks permissions may complete exceptionally with this: the authorization behind
 * {@code AuthorizePort} could not decide (an IAM unreachable, not answering in time, or answering what
 * cannot be read). Neither a "no" nor our fault: nothing was written, as every use case decides before
 * it writes, and the caller may retry. The message names the cause, never a secret or a token.
 */
public final class AuthorizationUndecidedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AuthorizationUndecidedException(String message, Throwable cause) {
        super(message, cause);
    }

    public AuthorizationUndecidedException(String message) {
        super(message);
    }
}
