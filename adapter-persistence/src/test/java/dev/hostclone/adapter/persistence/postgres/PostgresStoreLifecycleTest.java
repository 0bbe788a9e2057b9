package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.postgres.TestPostgres.CURRENT_VERSION;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.adapter.persistence.Stages;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.SchemaStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The PostgreSQL store from its start to its close, and its server out of reach meanwhile: starts that cannot connect
 * or subscribe, connections kept alive, a terminated backend, a database that takes no writes, a closed store's ports.
 */
class PostgresStoreLifecycleTest extends PostgresStoreFixture {

    @Test
    void givenNoSubscriptionWithinTheTimeout_whenTheStoreStarts_thenItFailsSayingWhatItWaitedFor() {
        // the subscription is made while Flyway migrates; given a millisecond, it cannot be listening in time
        PgSettings settings = TestPostgres.database().withTimeout(Duration.ofMillis(1));

        assertThat(Stages.outcome(PostgresStore.start(vertx, settings))).isInstanceOf(PostgresStoreException.class)
                .hasMessage("no LISTEN hostclone_model within 1 ms, the store timeout: the connection for the host"
                        + " model's changes got no answer");
    }

    @Test
    void givenStartedStore_whenCheckedForReadiness_thenReadyUntilClosed() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));

        assertThat(await(store.checkStoreReadiness()))
                .isEqualTo(SchemaStatus.applied("schema at version " + CURRENT_VERSION));
        await(store.close());

        Throwable failure = failureOf(store.checkStoreReadiness());
        assertThat(failure).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to answer a readiness check (the store is closed)");
    }

    /**
     * Every pooled connection busy (here the one, its write waiting for a lock another transaction holds) is a store
     * serving: a readiness check is answered on the shared connection meanwhile. Until 2026-12-07 it queued behind the
     * write and failed with the store timeout, and {@code /readyz} then said DOWN for a server merely busy.
     */
    @Test
    void givenEveryPooledConnectionWaitingForALock_whenCheckedForReadiness_thenTheStoreAnswersReady() throws Exception {
        PgSettings settings = TestPostgres.database().withPoolSize(1).withTimeout(Duration.ofSeconds(5));
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        Host source = aHost().withInnerIp("10.64.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.64.0.2").with("operator", "bob").build();
        await(store.createHosts(HostBuilder.MODEL.revision(),
                List.of(HostBuilder.creationOf(source), HostBuilder.creationOf(destination))));
        try (Connection other = TestPostgres.jdbc(settings); Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("SELECT 1 FROM host WHERE bk_host_id = " + destination.id().value() + " FOR UPDATE");
            CompletableFuture<HostWriteResult> writing =
                    store.updateHost(HostBuilder.copyOf(source, destination)).toCompletableFuture();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.number(settings,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'") == 1);

            assertThat(await(store.checkStoreReadiness()))
                    .isEqualTo(SchemaStatus.applied("schema at version " + CURRENT_VERSION));
            assertThat(writing).as("the write still waits").isNotDone();
            other.rollback();
            writing.join();
        }
        await(store.close());
    }

    /**
     * An application may keep a port (through a use case) past the store's close(): each kind of call, a keyed read,
     * a statement on a connection of its own and a transaction, is then unavailable saying the store is closed.
     * Until 2026-12-06 each failed as a fault of the store (PostgresStoreException: "PostgreSQL could not load hosts:
     * IllegalStateException"), which a server logs at ERROR with its trace and answers 1199998.
     */
    @Test
    void givenAClosedStore_whenItsPortsAreCalled_thenEachIsUnavailableSayingTheStoreIsClosedAndNothingIsWritten()
            throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        Host source = aHost().withInnerIp("10.66.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.66.0.2").with("operator", "bob").build();
        createBoth(store, source, destination);
        await(store.loadHosts(List.of(source.id())));
        await(store.close());

        assertThat(failureOf(store.loadHosts(List.of(source.id())))).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to load hosts (the store is closed)");
        assertThat(failureOf(store.loadAuditTrail("host", source.id().value())))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to load an audit trail (the store is closed)");
        assertThat(failureOf(store.updateHost(HostBuilder.copyOf(source, destination))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to update a host (the store is closed)");
        assertThat(TestPostgres.number(settings, "SELECT count(*) FROM audit_record")).isEqualTo(2);
    }

    @Test
    void givenNoServerListening_whenStarting_thenFailsAsStoreUnavailable() {
        PgSettings nowhere = new PgSettings("localhost", 1, "hostclone", "postgres", "")
                .withTimeout(Duration.ofSeconds(1));

        Throwable failure = failureOf(PostgresStore.start(vertx, nowhere));

        assertThat(failure).isInstanceOf(StoreUnavailableException.class);
        assertThat(failure.getMessage()).doesNotContain("password");
    }

    /**
     * A transaction's connection closed between its round trips (the backend terminated, PostgreSQL
     * restarted, a DBA's {@code idle_in_transaction_session_timeout}) fails the next statement with a bare
     * Vert.x exception; that is the database unavailable, answered "retry later", not an unexpected fault.
     */
    @Test
    void givenATransactionWhoseBackendIsTerminatedBetweenItsStatements_whenItGoesOn_thenTheStoreIsUnavailable() {
        PgSettings settings = TestPostgres.database();
        TimedPool pool = TestPostgres.pool(vertx, settings, 1, 5_000);
        try {
            Future<RowSet<Row>> run = Transactions.run(pool, connection -> {
                Promise<Void> closed = Promise.promise();
                connection.closeHandler(closed::tryComplete);
                return connection.query("SELECT pg_backend_pid()").execute()
                        .compose(rows -> vertx.executeBlocking(() -> TestPostgres.number(settings,
                                "SELECT count(*) FROM pg_terminate_backend(" + rows.iterator().next().getInteger(0) + ")")))
                        .compose(terminated -> closed.future())
                        .compose(gone -> connection.query("SELECT 1").execute());
            }, rows -> true);

            Throwable failure = Stages.outcome(run.toCompletionStage());

            assertThat(PostgresStoreException.wrap("update hosts", failure)).as(failure.toString())
                    .isInstanceOf(StoreUnavailableException.class);
        } finally {
            await(pool.close().toCompletionStage());
        }
    }

    /**
     * A transaction that its server left open and sends nothing more on (the process frozen, its host gone, the network
     * cut: the connection stays open until the kernel's keepalives give up, two hours on Linux's defaults) holds its
     * locks until PostgreSQL ends it: once idle for three store timeouts it does, and the host it held can be written
     * again. Until 2026-12-06 nothing ended it, and each write of that host failed 503 for those hours. The left
     * session is opened with the store's own options, and left once it holds the host.
     */
    @Test
    void givenATransactionItsServerLeftHoldingAHost_whenIdleForThreeStoreTimeouts_thenItIsEndedAndTheHostWritable() {
        PgSettings settings = TestPostgres.database().withTimeout(Duration.ofSeconds(1));
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        Host source = aHost().withInnerIp("10.67.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.67.0.2").with("operator", "bob").build();
        createBoth(store, source, destination);
        PgConnection left = await(PgConnection.connect(vertx, PostgresConnections.connectOptions(settings))
                .toCompletionStage());
        try {
            int backend = await(left.query("BEGIN").execute()
                    .compose(begun -> left.query("SELECT pg_backend_pid() FROM host WHERE bk_host_id = "
                            + destination.id().value() + " FOR NO KEY UPDATE").execute())
                    .map(rows -> rows.iterator().next().getInteger(0)).toCompletionStage());

            Awaitility.await("PostgreSQL ends the left transaction").atMost(Duration.ofSeconds(20)).until(() ->
                    TestPostgres.number(settings, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + backend) == 0);

            assertThat(await(store.updateHost(HostBuilder.copyOf(source, destination))))
                    .isInstanceOf(HostWriteResult.Written.class);
        } finally {
            left.close();
            await(store.close());
        }
    }

    /**
     * The longest store timeout the settings take: three of it would pass what PostgreSQL's idle-in-transaction setting
     * takes, which would fail every connection's start; the bound is capped at PostgreSQL's most instead.
     */
    @Test
    void givenTheLongestStoreTimeout_whenTheStoreStarts_thenItsConnectionsServe() {
        PgSettings settings = TestPostgres.database().withTimeout(Duration.ofMillis(Integer.MAX_VALUE));
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try {
            assertThat(await(store.checkStoreReadiness()))
                    .isEqualTo(SchemaStatus.applied("schema at version " + CURRENT_VERSION));
        } finally {
            await(store.close());
        }
    }

    /**
     * A database that takes no writes now (a primary demoted by a failover that the address still names,
     * maintenance) refuses each write whole: the store is unavailable for it, and a retry may succeed.
     */
    @Test
    void givenADatabaseThatTakesNoWrites_whenAHostIsWritten_thenTheStoreIsUnavailableAndNothingWritten() throws SQLException {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostCreation host = HostBuilder.creationOf(aHost().withInnerIp("10.63.0.1").build());
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE \"" + settings.database() + "\" SET default_transaction_read_only = on");
            await(store.close());
            store = await(PostgresStore.start(vertx, settings));

            Throwable refused = Stages.outcome(store.createHosts(HostBuilder.MODEL.revision(), List.of(host)));

            assertThat(refused).isInstanceOf(StoreUnavailableException.class).hasMessageContaining("SQLSTATE 25006");
            statement.execute("ALTER DATABASE \"" + settings.database() + "\" RESET default_transaction_read_only");
        } finally {
            await(store.close());
        }
        assertThat(TestPostgres.number(settings, "SELECT count(*) FROM host")).as("hosts written").isZero();
    }

    /**
     * The pools' connections carry TCP keepalive, so a connection whose peer vanished is found dead by the
     * kernel's probes. Until Vert.x 5.0.10 the PostgreSQL client dropped the transport options it was given,
     * and no connection had it. Read off the sockets with {@code ss}, which prints a keepalive timer for each
     * socket that has one.
     */
    @Test
    void givenAStoreThatRead_whenItsConnectionsAreInspected_thenEachHasTcpKeepalive() throws Exception {
        PgSettings settings = TestPostgres.database().withListenForModelChanges(false);
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        try {
            await(store.loadHosts(List.of(HostId.of(1))));
            List<String> clientPorts;
            try (Connection connection = TestPostgres.jdbc(settings)) {
                clientPorts = TestPostgres.column(connection, "SELECT client_port::text FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND pid <> pg_backend_pid() AND client_port > 0");
            }

            assertThat(clientPorts).isNotEmpty();
            for (String port : clientPorts) {
                Process ss = new ProcessBuilder("ss", "-tno", "state", "established", "( sport = :" + port + " )")
                        .redirectErrorStream(true).start();
                String sockets = new String(ss.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(ss.waitFor()).isZero();
                assertThat(sockets).as("the socket from port " + port).contains(":" + port).contains("timer:(keepalive");
            }
        } finally {
            await(store.close());
        }
    }

    @Test
    void givenAServerThatAcceptsButNeverAnswers_whenStarting_thenTheStartFailsAfterItsTimeouts() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            PgSettings settings = silent.settings().withTimeout(Duration.ofSeconds(1));

            // the read of the connections it accepts and Flyway's login each give up after the store timeout, not the
            // start's own bound
            Throwable failure = failureWithin(PostgresStore.start(vertx, settings), Duration.ofSeconds(30));

            assertThat(failure).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("PostgreSQL is unavailable to start the store");
            assertThat(silent.accepted).as("connections were made, then never answered").isNotEmpty();
        }
    }

    /**
     * Once the first statement got no answer, the start goes to Flyway's login: the history read between them waited
     * out the store timeout again. Without LISTEN's connection of its own, that is one pooled connection and Flyway's.
     */
    @Test
    void givenAServerThatAcceptsButNeverAnswers_whenStarting_thenOnlyFlywayTriesAfterTheFirstStatement() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            PgSettings settings = silent.settings().withTimeout(Duration.ofSeconds(1)).withListenForModelChanges(false);

            failureWithin(PostgresStore.start(vertx, settings), Duration.ofSeconds(30));

            assertThat(silent.accepted).as("the pool's first connection, then Flyway's: not a second pooled one").hasSize(2);
        }
    }

    /** A server on the loopback that accepts every connection and never answers on any. */
    private static final class SilentServer implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(socket.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });

        SilentServer() throws IOException {
            acceptor.start();
        }

        PgSettings settings() {
            return new PgSettings("127.0.0.1", socket.getLocalPort(), "hostclone", "postgres", "");
        }

        /**
         * Every connection ever accepted is closed, so that no client still waits for an answer when Vert.x closes: a
         * connection accepted after the last look at the list once held vertx.close() past 60 s.
         */
        @Override
        public void close() throws Exception {
            socket.close();
            acceptor.join();
            for (Socket connection : accepted) {
                connection.close();
            }
        }
    }
}
