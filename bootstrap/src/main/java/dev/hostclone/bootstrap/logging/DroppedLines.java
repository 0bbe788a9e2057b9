package dev.hostclone.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.util.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import net.logstash.logback.appender.listener.AppenderListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens to the ring buffer of {@link LoggingConfigurator} for the lines it drops, full for longer than its
 * append timeout: standard output taking nothing (a hung journald, a container's log driver, a paused
 * {@code | less}). Counts them by level for {@code /metrics}; while they are dropped, the ring drops the next
 * at once rather than have each caller wait the timeout out again, until one gets in. When dropping starts a
 * notice goes to standard error, and once lines flow again a WARN line in the log says how many were lost;
 * each at most once a minute, so a console that keeps falling behind does not add a line per turn. Both are
 * written by a thread of their own: an event loop, which drops lines here, never writes to a stream, since
 * standard error is often the same stalled pipe (systemd's default). When the log stops with lines still in the
 * ring, its writer's grace over, standard error is told how many were lost; they are not counted, since
 * {@code /metrics} has stopped answering by then.
 */
public final class DroppedLines implements AppenderListener<ILoggingEvent> {

    /** Where {@link LoggingConfigurator} leaves this in Logback's context, for the server's meters to find. */
    static final String CONTEXT_KEY = DroppedLines.class.getName();

    private static final Logger LOG = LoggerFactory.getLogger(DroppedLines.class);
    private static final Duration NO_WAIT = Duration.buildByMilliseconds(0);
    private static final long NOTICE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final LogRing ring;
    private final Duration appendTimeout;
    private final LongAdder errors = new LongAdder();
    private final LongAdder warnings = new LongAdder();
    private final LongAdder finer = new LongAdder();
    private final AtomicBoolean dropping = new AtomicBoolean();
    private final AtomicLong lastNotice = new AtomicLong(System.nanoTime() - NOTICE_EVERY_NANOS);
    private final AtomicLong lastReport = new AtomicLong(System.nanoTime() - NOTICE_EVERY_NANOS);
    private final AtomicLong reported = new AtomicLong();
    private final ExecutorService notices;

    DroppedLines(LogRing ring) {
        this.ring = ring;
        this.appendTimeout = ring.getAppendTimeout();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "hostclone-log-notices");
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
        this.notices = executor;
    }

    /** This JVM's, when Logback was set up by {@link LoggingConfigurator} (not by an operator's own file). */
    public static Optional<DroppedLines> ofThisJvm() {
        return LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getObject(CONTEXT_KEY) instanceof DroppedLines drops ? Optional.of(drops) : Optional.empty();
    }

    /** Lines dropped so far at {@code level}: {@code ERROR}, {@code WARN}, or {@code INFO} counting the finer too. */
    public long dropped(Level level) {
        return countOf(level).sum();
    }

    private LongAdder countOf(Level level) {
        return level == Level.ERROR ? errors : level == Level.WARN ? warnings : finer;
    }

    @Override
    public void eventAppendFailed(Appender<ILoggingEvent> appender, ILoggingEvent event, Throwable reason) {
        countOf(event.getLevel()).increment();
        if (!dropping.get() && dropping.compareAndSet(false, true)) {
            ring.setAppendTimeout(NO_WAIT);
            if (due(lastNotice)) {
                notices.execute(this::noticeOnStandardError);
            }
        }
    }

    /**
     * A line got in: the console took some. A failure racing this success at the switch costs at most a notice
     * more or fewer, or a full ring met without waiting; never a wait without bound.
     */
    @Override
    public void eventAppended(Appender<ILoggingEvent> appender, ILoggingEvent event, long durationInNanos) {
        if (dropping.get() && dropping.compareAndSet(true, false)) {
            ring.setAppendTimeout(appendTimeout);
            if (due(lastReport)) {
                notices.execute(this::reportInTheLog);
            }
        }
    }

    /**
     * The ring has stopped, its writer's grace over ({@link LoggingConfigurator#SHUTDOWN_GRACE_MILLIS}): what it
     * still holds will never be written. Told on the stopping thread itself, whose wait {@code Main} bounds, so that
     * the notice comes before the process ends, or not at all when standard error is as stalled as standard output.
     */
    @Override
    public void appenderStopped(Appender<ILoggingEvent> appender) {
        long lost = ring.linesWaiting();
        if (lost > 0) {
            System.err.println(noticeLine(lost + " log lines were still waiting for standard output when the log stopped,"
                    + " " + LoggingConfigurator.SHUTDOWN_GRACE_MILLIS + " ms after the server had: they are lost, with"
                    + " any the console held unwritten"));
        }
    }

    private static boolean due(AtomicLong last) {
        long now = System.nanoTime();
        long then = last.get();
        return now - then >= NOTICE_EVERY_NANOS && last.compareAndSet(then, now);
    }

    private long total() {
        return errors.sum() + warnings.sum() + finer.sum();
    }

    /** In the log's own format, to the stream read beside it (read when written: a test may have replaced it). */
    private void noticeOnStandardError() {
        System.err.println(noticeLine("standard output takes no log lines: dropping them (counted in"
                + " hostclone_log_events_dropped_total) rather than hold up requests, until it takes them again; at most"
                + " one such notice a minute"));
    }

    private static String noticeLine(String message) {
        return ZonedDateTime.now().format(TIMESTAMP) + " WARN  [" + Thread.currentThread().getName() + "] "
                + DroppedLines.class.getName() + " - " + message;
    }

    private void reportInTheLog() {
        long total = total();
        LOG.warn("log lines flow again: {} were dropped while standard output took none (since this was last logged,"
                + " at most once a minute; hostclone_log_events_dropped_total counts them by level)",
                total - reported.getAndSet(total));
    }
}
