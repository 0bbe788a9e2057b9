package dev.hostclone.bootstrap.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What every logger logs while it is open, in order: the phases a stop went through, which say what it did where its
 * duration would only say how fast the machine was.
 */
final class CapturedLog implements AutoCloseable {

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

    CapturedLog() {
        events.start();
        root.addAppender(events);
    }

    /** Everything logged so far. */
    List<ILoggingEvent> events() {
        synchronized (events) {
            return List.copyOf(events.list);
        }
    }

    /** What {@code source} logged so far, as formatted, in order. */
    List<String> from(Class<?> source) {
        return from(source.getName());
    }

    /** What the logger named {@code loggerName} (a class another package keeps to itself) logged so far, in order. */
    List<String> from(String loggerName) {
        return events().stream().filter(event -> event.getLoggerName().equals(loggerName))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Override
    public void close() {
        root.detachAppender(events);
    }
}
