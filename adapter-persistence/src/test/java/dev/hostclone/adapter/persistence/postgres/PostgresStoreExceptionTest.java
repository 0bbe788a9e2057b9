package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.StoreUnavailableException;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PostgresStoreExceptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "57P02", "57P03", "57014", "55P03", "25006", "25P03", "40001", "40P01"})
    void givenConnectionLevelSqlState_whenWrapped_thenStoreUnavailableWithoutServerText(String state) {
        Throwable wrapped = PostgresStoreException.wrap("update a host",
                new PgException("secret detail", "FATAL", state, "UPDATE host SET doc = 'x'"));

        assertThat(wrapped).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to update a host (SQLSTATE " + state + ")");
    }

    /** The statement failed whole for want of room; once the operator makes some, the same request succeeds. */
    @ParameterizedTest
    @CsvSource({"53000, insufficient resources", "53100, disk full", "53200, out of memory", "53300, too many connections"})
    void givenTheServerShortOfAResource_whenWrapped_thenStoreUnavailableNamingWhatItLacks(String state, String name) {
        Throwable wrapped = PostgresStoreException.wrap("update a host",
                new PgException("could not extend file \"base/5/16419\": No space left on device", "ERROR", state, "d"));

        assertThat(wrapped).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to update a host (SQLSTATE " + state + ", " + name + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "42P01", "22P02", "23502", "42501"})
    void givenStatementLevelSqlState_whenWrapped_thenPlainStoreFailure(String state) {
        Throwable wrapped = PostgresStoreException.wrap("update a host", new PgException("m", "ERROR", state, "d"));

        assertThat(wrapped).isInstanceOf(PostgresStoreException.class);
    }

    @Test
    void givenConnectionFailuresOfTheClient_whenWrapped_thenStoreUnavailable() {
        assertThat(PostgresStoreException.wrap("x", new ConnectException("Connection refused")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(PostgresStoreException.wrap("x", new SocketException("Connection reset")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(PostgresStoreException.wrap("x", ClosedConnectionException.INSTANCE))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(PostgresStoreException.wrap("x", new TimeoutException("no PostgreSQL connection free within 5000 ms")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(PostgresStoreException.wrap("x", new IllegalStateException("bug")))
                .isInstanceOf(PostgresStoreException.class);
    }

    @Test
    void givenTheReactiveClientsHandshakeFailure_whenWrapped_thenStoreUnavailable_andNoOtherOfItsFailures() {
        assertThat(PostgresStoreException.wrap("x", new VertxException(PostgresStoreException.REACTIVE_HANDSHAKE_FAILED, true)))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(PostgresStoreException.wrap("x", new VertxException("Pool closed", true)))
                .isInstanceOf(PostgresStoreException.class);
    }

    /** Only the store's own pool says it closed: Vert.x's "Pool closed" alone, above, stays a fault. */
    @Test
    void givenTheStoresPoolClosed_whenWrapped_thenStoreUnavailableSayingTheStoreIsClosed() {
        assertThat(PostgresStoreException.wrap("update a host", new PoolClosedException(new VertxException("Pool closed", true))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to update a host (the store is closed)");
    }

    @Test
    void givenTheJdbcDriversFailuresWrappedByFlyway_whenWrapped_thenTheirSqlStateDecides() {
        RuntimeException timedOut = new IllegalStateException("Unable to obtain connection from database",
                new SQLException("The connection attempt failed.", "08001"));
        RuntimeException refused = new IllegalStateException("Unable to obtain connection from database",
                new SQLException("password authentication failed for user \"postgres\"", "28P01"));

        assertThat(PostgresStoreException.wrap("start the store", timedOut))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to start the store (SQLSTATE 08001)");
        assertThat(PostgresStoreException.wrap("start the store", refused))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("PostgreSQL could not start the store: IllegalStateException");
    }

    @Test
    void givenAConnectionRefusedBelowTheDriver_whenWrapped_thenTheMessageNamesTheStateAndTheRefusal() {
        RuntimeException refused = new IllegalStateException("Unable to obtain connection from database",
                new SQLException("Connection to 10.0.0.7:5432 refused.", "08001",
                        new ConnectException("Connection refused")));

        assertThat(PostgresStoreException.wrap("start the store", refused))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to start the store (SQLSTATE 08001; ConnectException: Connection refused)");
    }

    @Test
    void givenAFailedTlsHandshake_whenWrapped_thenTheMessageNamesTheCertificateCheckOnItsFirstLine() {
        Throwable handshake = new VertxException("SSL handshake failed", new SSLHandshakeException(
                "No subject alternative names matching IP address 10.0.0.7 found\nsecond line"));

        assertThat(PostgresStoreException.wrap("load hosts", handshake))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to load hosts"
                        + " (SSLHandshakeException: No subject alternative names matching IP address 10.0.0.7 found)");
    }

    @Test
    void givenPostgresqlsOwnTextInTheChain_whenWrapped_thenOnlyItsStateIsShown() {
        Throwable closed = new IOException("stream closed", new PgException("value 'x' leaked", "FATAL", "57P01", "d"));

        assertThat(PostgresStoreException.wrap("update a host", closed))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to update a host (SQLSTATE 57P01)");
    }

    @Test
    void givenACauseWithoutAMessage_whenWrapped_thenItsClassIsShown() {
        assertThat(PostgresStoreException.wrap("load hosts", new TimeoutException()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to load hosts (TimeoutException)");
    }
}
