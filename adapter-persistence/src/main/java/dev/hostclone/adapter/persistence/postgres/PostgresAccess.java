package dev.hostclone.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Who may connect to a PostgreSQL server, changed as an operator would change it: a role's password
 * set, and the server's access rules ({@code pg_hba.conf}) read again. For the server HostClone embeds,
 * whose access bootstrap sets up; the SQL stays in this adapter.
 */
public final class PostgresAccess {

    /** SQLSTATE class 28: invalid authorization specification (a password refused, no rule for the connection). */
    private static final String INVALID_AUTHORIZATION = "28";

    private PostgresAccess() {
    }

    /**
     * Sets {@code role}'s password on {@code server}, sent as its SCRAM-SHA-256 verifier, never in clear:
     * no log of the server's can show it.
     */
    public static void setPassword(DataSource server, String role, String password) throws SQLException {
        try (Connection connection = server.getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
        }
    }

    /**
     * Why the server on {@code port} of this host refuses {@code role} with {@code password}, when its
     * access rules or the password are what refuse it (SQLSTATE class 28); empty when the connection is
     * made, or fails for any other reason (the server not yet listening, or still starting).
     */
    public static Optional<String> refusal(int port, String role, String password) {
        Properties properties = new Properties();
        properties.setProperty("user", role);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("socketTimeout", "1");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres",
                properties)) {
            return Optional.empty();
        } catch (SQLException e) {
            return e.getSQLState() != null && e.getSQLState().startsWith(INVALID_AUTHORIZATION)
                    ? Optional.of(e.getMessage()) : Optional.empty();
        }
    }

    /**
     * Has {@code server} read its configuration files again ({@code pg_reload_conf()}): the connections
     * made once its postmaster has taken the signal, a moment later, follow the new access rules.
     */
    public static void reloadConfiguration(DataSource server) throws SQLException {
        try (Connection connection = server.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
    }
}
