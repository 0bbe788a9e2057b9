package dev.hostclone.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BufferedConsoleAppenderTest {

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private BufferedConsoleAppender appender;

    @BeforeEach
    void startAppender() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        appender = new BufferedConsoleAppender(console);
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
    }

    @AfterEach
    void stopAppender() {
        appender.stop();
    }

    @Test
    void givenLinesAppended_whenTheWriterHasNotFlushed_thenTheyWaitInTheBuffer() throws IOException {
        appender.doAppend(event("request 1"));
        appender.doAppend(event("request 2"));

        assertThat(written()).isEmpty();
        appender.getOutputStream().flush();
        assertThat(written()).isEqualTo("request 1\nrequest 2\n");
    }

    @Test
    void givenALineInTheBuffer_whenTheAppenderStops_thenItIsWrittenAndTheConsoleStaysOpen() {
        appender.doAppend(event("last words"));

        appender.stop();

        assertThat(written()).isEqualTo("last words\n");
        assertThat(appender.isImmediateFlush()).as("the ring buffer's writer flushes it").isFalse();
    }

    private String written() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private LoggingEvent event(String message) {
        Logger logger = context.getLogger("access");
        return new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
    }
}
