package dev.hostclone.application.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What is logged while it is open, in order: for a test that checks a log line (a warning said once, an error never
 * logged, the phases a stop went through). Shared by the tests of every module through this module's test-jar; each
 * module brings logback-classic (test scope) and its own logging configuration.
 *
 * <p>It attaches a logback {@link ListAppender} to one logger (the root, or one named) and so sees what that logger and
 * those below it log; {@link #close()} detaches it and gives the logger back the level it had. Loggers are called from
 * any thread (event loops, pools): every read copies the list under the appender's lock, the one logback holds while it
 * appends.
 */
public final class CapturedLog implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger;
    private final Level level;
    private final Level levelBefore;

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        this.level = level;
        this.levelBefore = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** What every logger logs. */
    public static CapturedLog root() {
        return of(Logger.ROOT_LOGGER_NAME);
    }

    /** What the logger of {@code source} (and any below it) logs. */
    public static CapturedLog of(Class<?> source) {
        return of(source.getName());
    }

    /** What the logger named {@code loggerName} (and any below it) logs: a class another package keeps to itself. */
    public static CapturedLog of(String loggerName) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(loggerName), null);
    }

    /** What the logger named {@code loggerName} logs at {@code level} or above, its level set so until closed. */
    public static CapturedLog of(String loggerName, Level level) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(loggerName), level);
    }

    /** Everything logged so far, in order. */
    public List<ILoggingEvent> events() {
        synchronized (appender) {
            return List.copyOf(appender.list);
        }
    }

    /** Everything logged so far, as formatted, in order. */
    public List<String> messages() {
        return events().stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** What {@code source}'s own logger logged so far, as formatted, in order. */
    public List<String> from(Class<?> source) {
        return from(source.getName());
    }

    /** What the logger named exactly {@code loggerName} logged so far, as formatted, in order. */
    public List<String> from(String loggerName) {
        return events().stream().filter(event -> event.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Forgets what was logged so far. */
    public void clear() {
        synchronized (appender) {
            appender.list.clear();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        if (level != null) {
            logger.setLevel(levelBefore);
        }
    }
}
