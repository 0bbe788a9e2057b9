package dev.hostclone.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.persistence.postgres.PostgresStore;
import dev.hostclone.application.testing.CapturedLog;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server's registry and the pool meters of the store's shared connections. No PostgreSQL is needed: a
 * Vert.x SQL client registers its pool meters when made, before it connects.
 */
class SharedConnectionMetersTest {

    private final PrometheusMeterRegistry registry = Metrics.registry();
    private final Vertx vertx = Metrics.vertxReportingTo(registry, 1);
    private CapturedLog logged;

    @BeforeEach
    void captureMicrometersLog() {
        // Micrometer says it at WARN once in a JVM, at DEBUG afterwards
        logged = CapturedLog.of("io.micrometer", Level.DEBUG);
    }

    @AfterEach
    void stop() {
        logged.close();
        vertx.close().await();
    }

    /**
     * A stalled shared connection is replaced by one under the same name (TimedPool.replace): Micrometer logged
     * {@code This Gauge has been already registered} for its gauges. They are left out, the pools' kept.
     */
    @Test
    void givenASharedConnectionReplacedUnderItsName_whenItsMetersRegister_thenMicrometerWarnsOfNothing() {
        List<SqlClient> clients = List.of(client("hostclone-db"), client(PostgresStore.SHARED_CONNECTION_POOL_PREFIX + "db"),
                client(PostgresStore.SHARED_CONNECTION_POOL_PREFIX + "db"));

        assertThat(logged.events()).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains("already registered"));
        assertThat(registry.scrape()).contains("vertx_pool_in_use{pool_name=\"hostclone-db\"")
                .doesNotContain(PostgresStore.SHARED_CONNECTION_POOL_PREFIX);
        clients.forEach(SqlClient::close);
    }

    private SqlClient client(String poolName) {
        return PgBuilder.client()
                .with(new PoolOptions().setMaxSize(1).setName(poolName))
                .connectingTo(new PgConnectOptions().setPort(1))
                .using(vertx)
                .build();
    }
}
