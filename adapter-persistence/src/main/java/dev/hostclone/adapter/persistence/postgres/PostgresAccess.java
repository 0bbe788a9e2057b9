package dev.hostclone.adapter.persistence.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
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
    /** A role's name that needs no quoting in SQL, nor in a {@code DO} block's text. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

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
     * Makes {@code role} the owner of every table and sequence in the {@code public} schema of the
     * database {@code server} reaches, and lets it create there; the role is created first if need be,
     * able to log in and nothing more (no superuser, no new databases or roles), its password set as
     * {@link #setPassword} sets it. What a server connecting as {@code role} then does (the migrations
     * included) needs no privilege beyond what the role owns. One transaction: a start cut short leaves
     * the database as it was, and a start that repeats it changes nothing but the password.
     */
    public static void handOver(DataSource server, String role, String password) throws SQLException {
        if (!PLAIN_NAME.matcher(role).matches()) {
            throw new IllegalArgumentException("a role to hand the schema over to is a plain lower-case name: " + role);
        }
        try (Connection connection = server.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + role + "')"
                    + " THEN CREATE ROLE " + role + "; END IF; END $$");
            statement.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
            connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
            statement.execute("GRANT USAGE, CREATE ON SCHEMA public TO " + role);
            // tables first: each takes its own sequences (a serial's, an identity's) along, which refuse to be
            // given away alone; then the sequences no table owns
            statement.execute("DO $$ DECLARE relation record; BEGIN"
                    + " FOR relation IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relowner <> '" + role + "'::regrole"
                    + " LOOP EXECUTE format('ALTER TABLE public.%I OWNER TO " + role + "', relation.relname); END LOOP;"
                    + " FOR relation IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'public' AND c.relkind = 'S' AND c.relowner <> '" + role + "'::regrole"
                    + " LOOP EXECUTE format('ALTER SEQUENCE public.%I OWNER TO " + role + "', relation.relname); END LOOP;"
                    + " END $$");
            connection.commit();
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
