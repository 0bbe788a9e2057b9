package dev.hostclone.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import net.logstash.logback.appender.LoggingEventAsyncDisruptorAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LoggingConfiguratorTest {

    private final LoggerContext context = new LoggerContext();
    /** The JVM's mark as it was, set by surefire as Main sets it, and by nothing in an IDE: put back after each test. */
    private final String serverMark = System.getProperty(LoggingConfigurator.SERVER);

    @AfterEach
    void stopContext() {
        context.stop();
        System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        if (serverMark == null) {
            System.clearProperty(LoggingConfigurator.SERVER);
        } else {
            System.setProperty(LoggingConfigurator.SERVER, serverMark);
        }
    }

    @Test
    void givenTheServersJvm_whenLogbackStarts_thenItFindsThisConfiguratorAndNoFile() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

        assertThat(root.getAppender("ASYNC")).isInstanceOf(LoggingEventAsyncDisruptorAppender.class);
        assertThat(getClass().getClassLoader().getResource("logback.xml")).isNull();
    }

    @Test
    void givenAFreshContext_whenConfigured_thenInfoLinesGoThroughTheRingToBufferedStandardOutput() {
        ExecutionStatus status = configure();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        LoggingEventAsyncDisruptorAppender ring = (LoggingEventAsyncDisruptorAppender) root.getAppender("ASYNC");
        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(ring.isStarted()).isTrue();
        assertThat(ring.getRingBufferSize()).isEqualTo(8192);
        assertThat(ring.getAppendTimeout().getMilliseconds()).as("bounded").isEqualTo(50);
        assertThat(ring.getShutdownGracePeriod().getMilliseconds()).as("Logback's minute bounded").isEqualTo(2_000);
        assertThat(ring.isAddDefaultStatusListener()).as("no status printed on standard output").isFalse();
        assertThat(context.getObject(DroppedLines.class.getName())).isInstanceOf(DroppedLines.class);
        assertThat(ring.getAppender("STDOUT")).isInstanceOf(BufferedConsoleAppender.class);
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.zonky").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void givenAnOperatorsOwnFile_whenConfigured_thenThisStepsAsideForIt() {
        System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, "/etc/hostclone/logback.xml");

        ExecutionStatus status = configure();

        assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()).isExhausted();
    }

    @Test
    void givenAJvmNotMarkedAsTheServers_whenConfigured_thenThisStepsAsideForTheApplicationsLogging() {
        System.clearProperty(LoggingConfigurator.SERVER);

        ExecutionStatus status = configure();

        assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders()).isExhausted();
    }

    private ExecutionStatus configure() {
        context.setMDCAdapter(new LogbackMDCAdapter());
        LoggingConfigurator configurator = new LoggingConfigurator();
        configurator.setContext(context);
        return configurator.configure(context);
    }
}
