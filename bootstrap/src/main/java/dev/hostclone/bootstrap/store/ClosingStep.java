package dev.hostclone.bootstrap.store;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One step of a stop that closes connections to PostgreSQL, waited for at most a bound. Each such
 * connection closes once the database has closed its end after the Terminate message, which a
 * database that has fallen silent never does (until the kernel gives up on it, about 15 minutes). A
 * stop must not wait for that: past the bound the step is logged and left, and the operating system
 * drops the connections as the process exits.
 */
public final class ClosingStep {

    private static final Logger LOG = LoggerFactory.getLogger(ClosingStep.class);

    private ClosingStep() {
    }

    /** Waits for {@code closing}, named {@code what} in the warning, at most {@code millis}. */
    public static void awaitWithin(CompletionStage<?> closing, long millis, String what) {
        try {
            closing.toCompletableFuture().get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("{} did not close within {} ms, waiting on connections the database has not closed (unreachable?):"
                    + " left to the operating system", what, millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing " + what, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }
}
