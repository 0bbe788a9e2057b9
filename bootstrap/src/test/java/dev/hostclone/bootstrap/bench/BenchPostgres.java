package dev.hostclone.bootstrap.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL the load and soak runs start for the server under test: enough connections for
 * pgbench too. Its log (checkpoints, autovacuum runs, slow statements) goes to
 * {@code bootstrap/target/bench/postgres-*.log}, to explain what a run's figures show.
 */
final class BenchPostgres {

    private BenchPostgres() {
    }

    static EmbeddedPostgres start() throws IOException {
        Path logs = Files.createDirectories(Path.of("bootstrap/target/bench"));
        return EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("hostclone-bench-pg"))
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                .setServerConfig("log_checkpoints", "on")
                .setServerConfig("log_autovacuum_min_duration", "0")
                .setServerConfig("log_min_duration_statement", "1000")
                .setServerConfig("logging_collector", "on")
                .setServerConfig("log_directory", logs.toAbsolutePath().toString())
                .setServerConfig("log_filename", "postgres-%Y%m%d-%H%M%S.log")
                .start();
    }

    static String url(EmbeddedPostgres postgres) {
        return "postgresql://postgres:@localhost:" + postgres.getPort() + "/postgres";
    }
}
