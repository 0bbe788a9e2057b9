package dev.hostclone.bootstrap.logging;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.Duration;
import java.util.Map;

/**
 * The server's logging, set up in code: Logback finds this through {@code ServiceLoader} before it
 * looks for a {@code logback.xml}, and so skips parsing one (XML parser, Joran's model and its
 * handlers), which was a tenth of a start. An operator's own file still wins: given
 * {@code -Dlogback.configurationFile=…}, this steps aside.
 *
 * <p>It is the server's alone: an application embedding HostClone has this class on its class path too,
 * and Logback would otherwise run it there as well, in place of the application's {@code logback.xml}.
 * So it configures only a JVM that {@link #SERVER} marks as the server's (its entry points, before any
 * logger exists; the bootstrap module's tests), and elsewhere lets Logback's own lookup run.
 *
 * <p>One line per event; request lines carry request id, API, app, user, code and duration. Event
 * loops never wait for the console: lines go through a ring buffer to one writer thread, which takes
 * what has arrived every 10 ms rather than being woken for every line. With Logback's own
 * {@code AsyncAppender}, waking it cost a sixth of the server's CPU at 25,000 requests/s. Polling every
 * millisecond instead cost an idle server 1.6 % of a core and a loaded one a write of standard output
 * per millisecond. A line reaches the console within about 10 ms. A full buffer (8,192 lines, 0.1 s at
 * 80,000 requests/s) holds a caller up to {@link #APPEND_TIMEOUT_MILLIS}, five of the writer's turns, so a
 * console that is slow but moving slows callers and loses nothing; past that the line is dropped and counted
 * ({@link DroppedLines}), so that a console that takes nothing (until 2026-12-06 waited for without bound) never
 * stops the event loops. The writer flushes standard output after each batch ({@link BufferedConsoleAppender}).
 * Logback's status messages, the ring's own word of what it dropped among them, are not printed: the
 * appender's default would print them on standard output from the caller's thread, the very stream that is
 * not taking lines.
 *
 * <p>When the log stops, once the server has, the writer has {@link #SHUTDOWN_GRACE_MILLIS} to write out what the
 * ring holds, and the console a second more for its last flush ({@link #STOP_WITHIN_MILLIS}, which
 * {@code Main} waits at most): a standard output that takes nothing then can no longer keep the process alive
 * after a SIGTERM. Logback's grace, a minute, followed by a console stop that waited for the stalled writer, kept
 * it alive until killed (until 2026-12-06). The lines still in the ring then are lost, and standard error is
 * told how many ({@link DroppedLines}), with what the console held unwritten.
 */
public final class LoggingConfigurator extends ContextAwareBase implements Configurator {

    /** The system property, set to {@code server} by the server's entry points, under which this configures. */
    public static final String SERVER = "hostclone.logging";

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";
    static final long APPEND_TIMEOUT_MILLIS = 50;
    /** How long the ring's writer has, once the log stops, to write out what it holds: a console moving at all does. */
    static final long SHUTDOWN_GRACE_MILLIS = 2_000;
    /** The longest the log's stop takes: the writer's grace, then a second for the console's last flush. */
    public static final long STOP_WITHIN_MILLIS = SHUTDOWN_GRACE_MILLIS + 1_000;
    private static final int RING_BUFFER_SIZE = 8192;
    private static final String POLL_EVERY_TEN_MILLISECONDS = "sleeping{0,10000000}";
    private static final Map<String, Level> LEVELS = Map.of(
            "io.netty", Level.WARN,
            "io.vertx", Level.INFO,
            "org.flywaydb", Level.INFO,
            "io.zonky", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (!"server".equals(System.getProperty(SERVER))
                || System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();

        BufferedConsoleAppender console = new BufferedConsoleAppender();
        console.setContext(context);
        console.setName("STDOUT");
        console.setEncoder(encoder);
        console.start();

        LogRing ring = new LogRing();
        ring.setContext(context);
        ring.setName("ASYNC");
        ring.setRingBufferSize(RING_BUFFER_SIZE);
        ring.setWaitStrategyType(POLL_EVERY_TEN_MILLISECONDS);
        ring.setAppendTimeout(Duration.buildByMilliseconds(APPEND_TIMEOUT_MILLIS));
        ring.setShutdownGracePeriod(Duration.buildByMilliseconds(SHUTDOWN_GRACE_MILLIS));
        ring.setAddDefaultStatusListener(false);
        ring.addAppender(console);
        DroppedLines drops = new DroppedLines(ring);
        ring.addListener(drops);
        context.putObject(DroppedLines.CONTEXT_KEY, drops);
        ring.start();

        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(ring);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
