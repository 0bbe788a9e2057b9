package dev.hostclone.bootstrap.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL the load and soak runs start for the server under test: enough connections for
 * pgbench too, and {@code pg_stat_statements} loaded ({@link DatabaseWork}). Its log (checkpoints, autovacuum runs, slow statements) goes to
 * {@code bootstrap/target/bench/postgres-*.log}, to explain what a run's figures show.
 */
final class BenchPostgres {

    private BenchPostgres() {
    }

    static EmbeddedPostgres start() throws IOException, SQLException {
        Path logs = BenchOutput.directory();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
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
                .setServerConfig("log_filename", "postgres-%Y%m%d-%H%M%S.log")
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION pg_stat_statements");
        }
        return postgres;
    }

    /** Creates an empty database {@code name} beside the server's and returns its URL. */
    static String freshDatabase(EmbeddedPostgres postgres, String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return "postgresql://postgres:@localhost:" + postgres.getPort() + "/" + name;
    }

    static String url(EmbeddedPostgres postgres) {
        return "postgresql://postgres:@localhost:" + postgres.getPort() + "/postgres";
    }
}
