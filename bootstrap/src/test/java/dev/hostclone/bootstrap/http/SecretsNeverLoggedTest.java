package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.Appender;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.bootstrap.config.Configuration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A full run on PostgreSQL, from start to stop, with every log event of every logger captured, at every level:
 * writes, reads, refusals, wrong and missing secrets on both doors. No secret used, right or wrong,
 * appears in any message, argument or stack trace.
 */
class SecretsNeverLoggedTest extends EndToEndScenarios {

    private static final String WRONG_SECRET = "wrong-secret-9e2d51";

    private CapturedLog captured;
    private final Map<Logger, Level> levelsBefore = new HashMap<>();
    private final List<Appender<ILoggingEvent>> printing = new ArrayList<>();
    private final java.util.logging.Logger julRoot = java.util.logging.Logger.getLogger("");
    private java.util.logging.Level julLevelBefore;
    private boolean bridged;

    @Override
    Configuration configuration() {
        return onPostgres(TestPostgres.databaseUrl());
    }

    /**
     * Every logger at TRACE for the run: the test JVM logs at INFO, and Netty at WARN, as the server does, so a secret
     * in a line below those (a driver's connection details, a client's protocol trace) was dropped before the capture
     * saw it (until 2026-12-07).
     */
    @Override
    @BeforeAll
    void startServer() {
        // what the root logger prints, let go for the run: at TRACE it printed a megabyte of lines no one reads
        root().iteratorForAppenders().forEachRemaining(printing::add);
        printing.forEach(root()::detachAppender);
        captured = CapturedLog.root();
        LoggerContext context = root().getLoggerContext();
        context.getLoggerList().stream().filter(logger -> logger.getLevel() != null && logger != root())
                .forEach(logger -> levelsBefore.put(logger, logger.getLevel()));
        levelsBefore.keySet().forEach(logger -> logger.setLevel(null));
        levelsBefore.putIfAbsent(root(), root().getLevel());
        root().setLevel(Level.TRACE);
        // the JDBC driver's and Guice's lines come through java.util.logging, which passes on nothing below its level
        julLevelBefore = julRoot.getLevel();
        julRoot.setLevel(java.util.logging.Level.ALL);
        bridged = !SLF4JBridgeHandler.isInstalled();
        if (bridged) {
            SLF4JBridgeHandler.install();
        }
        super.startServer();
    }

    @Override
    @AfterAll
    void stopServer() {
        super.stopServer();
        levelsBefore.forEach(Logger::setLevel);
        julRoot.setLevel(julLevelBefore);
        if (bridged) {
            SLF4JBridgeHandler.uninstall();
        }
        captured.close();
        printing.forEach(root()::addAppender);
    }

    @Test
    void givenAFullRunWithRightWrongAndMissingSecrets_whenItsLogIsRead_thenNoSecretAppearsInIt() {
        long business = aBusiness();
        List<Long> ids = hosts(business, host(anIp(), "bk_comment", "source"), host(anIp(), "bk_comment", "other"));
        cloneById(admin, business, ids.get(0), ids.get(1));
        updateOne(admin, Door.ESB, ids.get(1), Map.of("bk_comment", "updated"));
        cloneVia(Door.V3, admin, Map.of("bk_biz_id", business, "bk_org_id", ids.get(0), "bk_dst_id", 999_999_999L));
        ApiClient wrongSecret = ApiClient.of("http://127.0.0.1:" + server.port(), server.http().routes())
                .as(APP, WRONG_SECRET, ADMIN);
        for (Door door : Door.values()) {
            assertThat(wrongSecret.call(door, "search_business", "{}").status()).isEqualTo(401);
            assertThat(admin.withoutCredentials().call(door, "search_business", "{}").status()).isEqualTo(401);
        }
        server.close();
        server = null;

        String log = everything(captured.events());
        assertThat(log).as("the run was logged").contains("clone_host_property", "search_business");
        assertThat(captured.events()).as("below INFO too").anyMatch(event -> event.getLevel().toInt() < Level.INFO_INT);
        assertThat(log).doesNotContain(SECRET).doesNotContain(WRONG_SECRET);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    /** Each event's formatted message, its raw arguments and its whole stack trace, as text. */
    private static String everything(List<ILoggingEvent> events) {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(events)) {
            text.append(event.getFormattedMessage()).append('\n');
            if (event.getArgumentArray() != null) {
                for (Object argument : event.getArgumentArray()) {
                    text.append(argument).append('\n');
                }
            }
            for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
                text.append(error.getClassName()).append(": ").append(error.getMessage()).append('\n');
                for (StackTraceElementProxy frame : error.getStackTraceElementProxyArray()) {
                    text.append(frame.getSTEAsString()).append('\n');
                }
            }
        }
        return text.toString();
    }
}
