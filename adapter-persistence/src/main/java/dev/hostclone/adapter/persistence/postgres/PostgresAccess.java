package dev.hostclone.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Who may connect to a PostgreSQL server, changed as an operator would change it: a role's password
 * set, and the server's access rules ({@code pg_hba.conf}) read again. For the server HostClone embeds,
 * whose access bootstrap sets up; the SQL stays in this adapter.
 */
public final class PostgresAccess {

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
     * Has {@code server} read its configuration files again ({@code pg_reload_conf()}): the connections
     * made once its postmaster has taken the signal, a moment later, follow the new access rules.
     */
    public static void reloadConfiguration(DataSource server) throws SQLException {
        try (Connection connection = server.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
    }
}
