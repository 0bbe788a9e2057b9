package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.application.port.in.StoreUnavailableException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.net.SocketException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PostgresStoreExceptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "57P02", "57P03", "53300", "57014"})
    void givenConnectionLevelSqlState_whenWrapped_thenStoreUnavailableWithoutServerText(String state) {
        Throwable wrapped = PostgresStoreException.wrap("update a host",
                new PgException("secret detail", "FATAL", state, "UPDATE host SET doc = 'x'"));

        assertThat(wrapped).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to update a host (SQLSTATE " + state + ")");
    }

    @ParameterizedTest
    @ValueSource(strings = {"23505", "40001", "42P01", "22P02"})
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
    void givenTheJdbcDriversFailuresWrappedByFlyway_whenWrapped_thenTheirSqlStateDecides() {
        RuntimeException timedOut = new IllegalStateException("Unable to obtain connection from database",
                new SQLException("The connection attempt failed.", "08001"));
        RuntimeException refused = new IllegalStateException("Unable to obtain connection from database",
                new SQLException("password authentication failed for user \"postgres\"", "28P01"));

        assertThat(PostgresStoreException.wrap("start the store", timedOut))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to start the store (IllegalStateException)");
        assertThat(PostgresStoreException.wrap("start the store", refused))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("PostgreSQL could not start the store: IllegalStateException");
    }
}
