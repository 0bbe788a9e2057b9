package dev.hostclone.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;

/**
 * Starts the standalone server; stops it cleanly on SIGTERM or Ctrl-C, during its start too. A start
 * that fails exits with code 1, its last line saying why.
 */
public final class Main {

    private Main() {
    }

    /**
     * Netty's buffer allocator reports its chunks and buffers as JFR events unless told not to, and
     * registering those event classes cost the first connection 0.1–0.2 s of a 2.5 s start. Off
     * unless the operator asks for them ({@code -Dio.netty.jfr.enabled=true}).
     */
    private static final String NETTY_JFR_EVENTS = "io.netty.jfr.enabled";

    public static void main(String[] args) {
        setServerDefaults();
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(ConfigurationReader.usage());
            return;
        }
        Configuration configuration;
        try {
            configuration = ConfigurationReader.read(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            System.err.println("hostclone: " + e.getMessage());
            System.err.print(ConfigurationReader.usage());
            System.exit(2);
            return;
        }
        CompletableFuture<HostCloneServer> started = new CompletableFuture<>();
        // Registered before the start: a SIGTERM or Ctrl-C while it runs (a first start's initdb takes
        // seconds) must still stop the embedded PostgreSQL, or it keeps running on the data directory
        // after the server is gone (MainProcessTest).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "hostclone-shutdown"));
        try {
            started.complete(HostCloneServer.start(configuration));
        } catch (RuntimeException e) {
            started.completeExceptionally(e);
            LoggerFactory.getLogger(Main.class).error("HostClone could not start", e);
            flushLogs();
            // last, and on its own line: what an operator reads first when the start fails
            System.err.println("hostclone: could not start: " + reasons(e));
            System.exit(1);
        } catch (Error e) {
            started.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * The messages of a failure and of its causes, outermost first, skipping a wrapper's message that
     * only repeats its cause.
     */
    static String reasons(Throwable failure) {
        List<String> reasons = new ArrayList<>();
        for (Throwable at = failure; at != null; at = at.getCause()) {
            String message = at.getMessage();
            boolean repeatsCause = at.getCause() != null && at.getCause().toString().equals(message);
            if (message != null && !message.isBlank() && !repeatsCause) {
                reasons.add(message);
            }
        }
        return reasons.isEmpty() ? failure.getClass().getName() : String.join(": ", reasons);
    }

    /** Lets a start under way finish, or fail and close what it opened, then stops the server it started. */
    private static void stop(CompletableFuture<HostCloneServer> started) {
        try {
            started.join().close();
        } catch (CompletionException startFailed) {
            // nothing to stop: a failed start closes what it had opened before it throws
        } finally {
            flushLogs();
        }
    }

    /** System properties a standalone server runs with unless the operator set them otherwise. */
    static void setServerDefaults() {
        if (System.getProperty(NETTY_JFR_EVENTS) == null) {
            System.setProperty(NETTY_JFR_EVENTS, "false");
        }
    }

    /**
     * Log lines go out through an asynchronous appender: stopping Logback writes out its queue. Done
     * here, after the server's last line, rather than by a Logback shutdown hook, which would run
     * alongside this one and drop what the server logs while it stops.
     */
    static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.stop();
        }
    }
}
