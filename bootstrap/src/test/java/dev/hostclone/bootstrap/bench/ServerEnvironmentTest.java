package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server under test starts as deployed, whatever allocator settings the run gave its PostgreSQL. */
class ServerEnvironmentTest {

    @Test
    void givenTheRunsGlibcTunables_whenTheServerIsLaunched_thenItGetsNoneAndKeepsTheLaunchersVariables() {
        ProcessBuilder launch = ServerProcess.throughLauncher(Path.of("bootstrap/target/hostclone"), "-Xmx256m", List.of());
        // as the load profile's JVM passes them on to every process it starts
        launch.environment().put(BenchPostgres.GLIBC_TUNABLES, "glibc.malloc.trim_threshold=67108864");

        ServerProcess.asDeployed(launch);

        assertThat(launch.environment()).doesNotContainKey(BenchPostgres.GLIBC_TUNABLES)
                .containsEntry("HOSTCLONE_JAVA_OPTS", "-Xmx256m");
    }
}
