package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.adapter.persistence.BuiltInHostModel;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueRule;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per test JVM, started on first use and stopped by a shutdown hook, and
 * fresh databases on it. Shared through the test-jar: bootstrap tests call {@link #database()} (or
 * {@link #databaseUrl()}) and start a real store on it.
 *
 * <p>Each database belongs to {@link #OWNER}, a role with no privilege beyond logging in, and stores
 * connect as it: as a DBA sets up an external PostgreSQL ({@code CREATE DATABASE hostclone OWNER
 * hostclone}), so that nothing the server does needs a superuser. The server's own superuser only
 * creates the role and the databases.
 */
public final class TestPostgres {

    /**
     * The schema version this build's last migration brings; versions run from 1 to it without a gap,
     * so it is also the number of migrations a fresh database gets.
     */
    static final int SCHEMA_VERSION = 10;
    /** {@link #SCHEMA_VERSION} as Flyway's history writes it. */
    public static final String CURRENT_VERSION = Integer.toString(SCHEMA_VERSION);
    /** Whether V10 is applied: 1 or 0. */
    public static final String V10_APPLIED = "SELECT count(*) FROM flyway_schema_history WHERE version = '10'";
    /**
     * Held in a transaction, keeps V10 waiting once {@link #undoV10} has taken it back: it alters {@code host_unique_rule},
     * which waits for every reader of the table to end.
     */
    public static final String HOLD_V10 = "LOCK TABLE host_unique_rule IN ACCESS SHARE MODE";
    /** The version a newer build's next migration would bring, as Flyway's history writes it. */
    static final String NEWER_VERSION = Integer.toString(SCHEMA_VERSION + 1);
    /** The role every test database belongs to and every store connects as: not a superuser. */
    private static final String OWNER = "hostclone_owner";
    private static final String SUPERUSER = "postgres";
    private static final String TEMPLATE = "hostclone_migrated";
    /** How long a session of a {@link #databaseForDeadlocks()} waits for a lock before it looks for a deadlock. */
    private static final Duration DEADLOCK_CHECK = Duration.ofSeconds(3);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static boolean templateReady;

    private TestPostgres() {
    }

    /**
     * How every test and benchmark starts an embedded PostgreSQL of its own: on its loopback port alone,
     * with no Unix-domain socket, as the embedded storage runs. A socket and its lock file go in
     * {@code /tmp}, and a test JVM killed before its PostgreSQL stops would leave them behind. Its default
     * collation is the builtin {@code C.UTF-8}, as the embedded storage's is, so that {@code lower()} folds
     * every letter as {@code TextFolding} does: taken from a plain {@code C} environment, it folded ASCII alone.
     */
    public static EmbeddedPostgres.Builder builder() {
        return EmbeddedPostgres.builder()
                .setServerConfig("unix_socket_directories", "")
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8");
    }

    /** A fresh database, already migrated to the current schema (copied from a template: fast). */
    public static synchronized PgSettings database() {
        if (!templateReady) {
            PgSettings template = create(TEMPLATE, null);
            Migrations.apply(template);
            templateReady = true;
        }
        return create(nextName(), TEMPLATE);
    }

    /** A fresh, empty database: the store's start migrates it, as in production. */
    public static synchronized PgSettings emptyDatabase() {
        return create(nextName(), null);
    }

    /** {@link #database()} as a {@code postgresql://} URL, for configuration-driven tests. */
    public static String databaseUrl() {
        return database().url();
    }

    /** A JDBC connection to a database of the embedded server; the caller closes it. */
    public static Connection jdbc(PgSettings settings) throws SQLException {
        return jdbc(settings, settings.user(), settings.password());
    }

    /**
     * A fresh database, as {@link #database()}, whose sessions look for a deadlock once they have waited
     * {@link #DEADLOCK_CHECK}, not PostgreSQL's second, for a test that makes a store's write deadlock with a
     * transaction of its own ({@link #outwaitingDeadlocks}). A backend looks once per wait: a cycle closed after the
     * store's look is found by the other session alone. The test then has that long, not a second, to close it
     * after the store began waiting, which a busy machine took (2026-12-06), and the store's look still comes
     * within its statement timeout ({@link PgSettings#DEFAULT_TIMEOUT}).
     */
    public static PgSettings databaseForDeadlocks() {
        PgSettings settings = database();
        try (Connection superuser = superuserJdbc(settings); Statement statement = superuser.createStatement()) {
            statement.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET deadlock_timeout = ''"
                    + DEADLOCK_CHECK.toMillis() + "ms''', current_database()); END $$");
        } catch (SQLException e) {
            throw new IllegalStateException("could not set deadlock_timeout on " + settings.database(), e);
        }
        return settings;
    }

    /**
     * A JDBC connection to the database of {@code settings} that PostgreSQL does not roll back when it deadlocks
     * with a store's on a {@link #databaseForDeadlocks()}: its session looks for a deadlock after a minute, so the
     * store's, looking first, is always the one rolled back, where whichever look came first was (a busy machine
     * once picked the test's own transaction). The superuser's, since only it may set that; its locks are any
     * session's. The caller closes it.
     */
    public static Connection outwaitingDeadlocks(PgSettings settings) throws SQLException {
        Connection connection = superuserJdbc(settings);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET deadlock_timeout = '1min'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** The number in the first column of the first row {@code sql} returns on {@code connection}: a count, a size. */
    public static long number(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** As {@link #number(Connection, String)}, on a connection of its own to the database of {@code settings}. */
    public static long number(PgSettings settings, String sql) throws SQLException {
        try (Connection connection = jdbc(settings)) {
            return number(connection, sql);
        }
    }

    /**
     * The plan the store's sessions run {@code sql} with: prepared, planned generically
     * ({@link PostgresStore#PLAN_CACHE_MODE}), then executed with {@code arguments} (SQL literals).
     */
    static String genericPlan(Connection connection, String sql, String... arguments) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = " + PostgresConnections.PLAN_CACHE_MODE);
            statement.execute("PREPARE explained AS " + sql);
            StringBuilder plan = new StringBuilder();
            try (ResultSet lines = statement.executeQuery("EXPLAIN EXECUTE explained(" + String.join(", ", arguments) + ")")) {
                while (lines.next()) {
                    plan.append(lines.getString(1)).append('\n');
                }
            }
            statement.execute("DEALLOCATE explained");
            return plan.toString();
        }
    }

    /** The first column of each row {@code sql} returns on {@code connection}, as text. */
    public static List<String> column(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    /**
     * A JDBC connection to a database of the embedded server as its superuser, for what a test does
     * beside the store that its owner may not (an event trigger, a catalog row); the caller closes it.
     */
    static Connection superuserJdbc(PgSettings settings) throws SQLException {
        return jdbc(settings, SUPERUSER, "");
    }

    /** The embedded server's superuser on the database of {@code settings}, as a data source. */
    static DataSource superuserDataSource(PgSettings settings) {
        return server().getDatabase(SUPERUSER, settings.database());
    }

    private static Connection jdbc(PgSettings settings, String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.putAll(settings.tls().jdbcSecretProperties());
        return DriverManager.getConnection(settings.jdbcUrl(), properties);
    }

    /**
     * Takes V10 back, as if the database were of the version before, for a start to apply it again: its column dropped
     * and its history row deleted. A later migration's row, if any, stays: Flyway then refuses the start.
     */
    public static void undoV10(PgSettings settings) throws SQLException {
        try (Connection connection = jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE host_unique_rule DROP COLUMN last_time");
            statement.execute("DELETE FROM flyway_schema_history WHERE version = '10'");
        }
    }

    /**
     * Empties every table a test writes, keeping cloud area 0, and puts the seeded host model back at
     * its first revision, announcing it so that stores drop their cached copies; ids restart.
     */
    public static void truncate(PgSettings settings) {
        HostModel seeded = BuiltInHostModel.load(Instant.EPOCH);
        try (Connection connection = jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE business, host, host_inner_ip, host_unique_key, audit_record, app RESTART IDENTITY");
            statement.execute("DELETE FROM cloud_area WHERE bk_cloud_id <> 0");
            statement.execute("ALTER SEQUENCE cloud_area_id_seq RESTART");
            statement.execute("DELETE FROM host_attribute WHERE id > " + seeded.attributes().size());
            statement.execute("SELECT setval('host_attribute_id_seq', " + seeded.attributes().size() + ")");
            statement.execute("DELETE FROM host_unique_rule");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO host_unique_rule"
                    + " (id, key_attribute_ids, builtin, static_addressing_only, last_time)"
                    + " VALUES (?, ?, ?, ?, (SELECT create_time FROM host_attribute WHERE id = 1))")) {
                for (UniqueRule rule : seeded.uniqueRules()) {
                    insert.setLong(1, rule.id());
                    insert.setArray(2, connection.createArrayOf("bigint", rule.keyAttributeIds().toArray()));
                    insert.setBoolean(3, rule.builtIn());
                    insert.setBoolean(4, rule.staticAddressingOnly());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            statement.execute("SELECT setval('host_unique_rule_id_seq', " + seeded.uniqueRules().size() + ")");
            statement.execute("UPDATE host_model_state SET revision = " + seeded.revision());
            statement.execute("NOTIFY " + PostgresHostModel.CHANNEL);
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty " + settings.database(), e);
        }
    }

    /** A pool of {@code size} connections to a database of the embedded server, waits bounded by {@code timeoutMillis}. */
    static TimedPool pool(Vertx vertx, PgSettings settings, int size, long timeoutMillis) {
        Pool pool = vertxPool(vertx, settings, size);
        return TimedPool.forAllCallers(vertx, suffix -> pool, suffix -> sharedConnection(vertx, settings), timeoutMillis);
    }

    /**
     * As {@link #pool}, its connections opened with the store's own options ({@link PostgresConnections#connectOptions}):
     * its statement cache, its session settings.
     */
    static TimedPool storesPool(Vertx vertx, PgSettings settings, int size, long timeoutMillis) {
        Pool pool = PgBuilder.pool()
                .with(TimedPool.poolOptions(size, "hostclone-test-" + settings.database()))
                .connectingTo(PostgresConnections.connectOptions(settings))
                .using(vertx)
                .build();
        return TimedPool.forAllCallers(vertx, suffix -> pool, suffix -> sharedConnection(vertx, settings), timeoutMillis);
    }

    /** A client of one connection to a database of the embedded server, pipelined, with the shared connections' settings. */
    static SqlClient sharedConnection(Vertx vertx, PgSettings settings) {
        return PgBuilder.client()
                .with(TimedPool.poolOptions(1, "hostclone-test-" + settings.database() + "-shared"))
                .connectingTo(TimedPool.sharedSessions(connectOptions(settings)))
                .using(vertx)
                .build();
    }

    /** A Vert.x pool of {@code size} connections to a database of the embedded server, with the store's pool options. */
    static Pool vertxPool(Vertx vertx, PgSettings settings, int size) {
        return PgBuilder.pool()
                .with(TimedPool.poolOptions(size, "hostclone-test-" + settings.database()))
                .connectingTo(connectOptions(settings))
                .using(vertx)
                .build();
    }

    private static PgConnectOptions connectOptions(PgSettings settings) {
        return new PgConnectOptions().setHost(settings.host()).setPort(settings.port())
                .setDatabase(settings.database()).setUser(settings.user()).setPassword(settings.password());
    }

    private static String nextName() {
        return "hostclone_test_" + DATABASES.incrementAndGet();
    }

    private static PgSettings create(String name, String template) {
        EmbeddedPostgres postgres = server();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + OWNER + (template == null ? "" : " TEMPLATE " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return new PgSettings("localhost", postgres.getPort(), name, OWNER, "");
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                // durability buys nothing in tests and costs seconds
                server = builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .setRegisterShutdownHook(false)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
            }
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE " + OWNER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            } catch (SQLException e) {
                throw new IllegalStateException("could not create the role " + OWNER, e);
            }
            EmbeddedPostgres started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    // the JVM is exiting; the data directory is temporary anyway
                }
            }, "embedded-postgres-stop"));
        }
        return server;
    }
}
