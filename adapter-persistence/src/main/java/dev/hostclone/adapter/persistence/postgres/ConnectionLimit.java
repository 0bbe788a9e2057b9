package dev.hostclone.adapter.persistence.postgres;

import io.vertx.sqlclient.Row;

/**
 * How many connections PostgreSQL accepts from the store's role into its database: {@code max_connections} less
 * the slots it keeps for superusers ({@code superuser_reserved_connections}) and, from PostgreSQL 16, for roles
 * granted {@code pg_use_reserved_connections} ({@code reserved_connections}); and no more than the role's and the
 * database's {@code CONNECTION LIMIT}, which PostgreSQL applies to a role that is no superuser. A superuser's store
 * is held to the same, though PostgreSQL would let it take the reserved slots too: those are what lets an
 * administrator in when every other is taken, by this server first of all.
 */
public record ConnectionLimit(int maxConnections, int reserved, String role, boolean superuser, int roleLimit,
                              String database, int databaseLimit) {

    /** The figures above, as the store's role sees them in its database; {@code reserved_connections} null before 16. */
    static final String SQL = "SELECT current_setting('max_connections')::int AS max_connections,"
            + " current_setting('superuser_reserved_connections')::int"
            + " + COALESCE(current_setting('reserved_connections', true)::int, 0) AS reserved,"
            + " r.rolname::text AS role, r.rolsuper AS superuser, r.rolconnlimit AS role_limit,"
            + " d.datname::text AS database, d.datconnlimit AS database_limit"
            + " FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()";

    static ConnectionLimit of(Row row) {
        return new ConnectionLimit(row.getInteger("max_connections"), row.getInteger("reserved"), row.getString("role"),
                row.getBoolean("superuser"), row.getInteger("role_limit"), row.getString("database"),
                row.getInteger("database_limit"));
    }

    /** The fewest of the three limits: the connections the store may hold. */
    public int accepted() {
        return Math.min(serverAccepts(), Math.min(limitOf(roleLimit), limitOf(databaseLimit)));
    }

    /** Whose limit binds and how it is made up ({@code it accepts 97 (max_connections 100 - 3 reserved)}), and what to raise. */
    record Binding(String reason, String remedy) {
    }

    /** The limit {@link #accepted} is: the server's, the role's or the database's. */
    Binding binding() {
        int accepted = accepted();
        if (accepted == serverAccepts()) {
            return new Binding("it accepts " + accepted + " (max_connections " + maxConnections + " - " + reserved
                    + " reserved)", "raise max_connections");
        }
        if (accepted == limitOf(roleLimit)) {
            return new Binding("the role " + role + " may open " + accepted + " (its CONNECTION LIMIT)",
                    "raise the role's CONNECTION LIMIT");
        }
        return new Binding("the database " + database + " accepts " + accepted + " (its CONNECTION LIMIT)",
                "raise the database's CONNECTION LIMIT");
    }

    private int serverAccepts() {
        return Math.max(0, maxConnections - reserved);
    }

    /** A role's or database's limit: -1 is none, and none binds a superuser. */
    private int limitOf(int limit) {
        return limit < 0 || superuser ? Integer.MAX_VALUE : limit;
    }
}
