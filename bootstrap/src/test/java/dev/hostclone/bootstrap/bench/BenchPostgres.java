package dev.hostclone.bootstrap.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;

/** The PostgreSQL the load and soak runs start for the server under test: enough connections for pgbench too. */
final class BenchPostgres {

    private BenchPostgres() {
    }

    static EmbeddedPostgres start() throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(Files.createTempDirectory("hostclone-bench-pg"))
                .setServerConfig("max_connections", "300")
                .setServerConfig("shared_buffers", "256MB")
                .start();
    }

    static String url(EmbeddedPostgres postgres) {
        return "postgresql://postgres:@localhost:" + postgres.getPort() + "/postgres";
    }
}
