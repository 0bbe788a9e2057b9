package dev.hostclone.bootstrap.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;

/**
 * The PostgreSQL the load and soak runs start for the server under test: enough connections for
 * pgbench too, and {@code pg_stat_statements} loaded ({@link DatabaseWork}). Its log (checkpoints, autovacuum runs, slow statements) goes to
 * {@code bootstrap/target/bench/postgres-*.log}, to explain what a run's figures show.
 *
 * <p>With TLS it offers it with the tests' certificate for {@code localhost} ({@code tls/} of the
 * persistence adapter's test resources), and the server's URL and pgbench both verify it
 * ({@code sslmode=verify-full}), so that both sides of a ratio pay for the same encryption.
 */
final class BenchPostgres implements AutoCloseable {

    private static final String[] TLS_FILES = {"ca.pem", "server.pem", "server-key.pem"};

    private final EmbeddedPostgres server;
    /** Where the certificates are, when the server offers TLS; else null. */
    private final Path tls;

    private BenchPostgres(EmbeddedPostgres server, Path tls) {
        this.server = server;
        this.tls = tls;
    }

    static BenchPostgres start(boolean offerTls) throws IOException, SQLException {
        Path logs = BenchOutput.directory();
        Path tls = offerTls ? certificates() : null;
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("hostclone-bench-pg"))
                .setServerConfig("max_connections", "300")
                // what each statement costs the database, for DatabaseWork
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track_planning", "on")
                .setServerConfig("shared_buffers", "256MB")
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
        return new BenchPostgres(postgres, tls);
    }

    EmbeddedPostgres server() {
        return server;
    }

    boolean offersTls() {
        return tls != null;
    }

    /** Creates an empty database {@code name} beside the server's and returns its URL. */
    String freshDatabase(String name) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return url(name);
    }

    /** The URL the server under test is given. */
    String url() {
        return url("postgres");
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
        return "postgresql://postgres:@localhost:" + server.getPort() + "/" + database
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
