package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Main} in a JVM of its own on the embedded default, stopped by SIGTERM while it starts: the
 * stop must take the embedded PostgreSQL down with it, or that keeps running on the data directory
 * after the server has gone, and the next start must serve.
 */
class MainShutdownTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void givenTheEmbeddedPostgresqlUp_whenSigtermArrivesBeforeTheServerIsReady_thenItStopsTooAndTheNextStartServes(
            @TempDir Path data) throws Exception {
        Process first = start(data, data.resolve("first.log"));
        Optional<ProcessHandle> postmaster = Optional.empty();
        try {
            // the PostgreSQL server is up once its pid file names it; the server is not ready for a while yet
            postmaster = awaitPostmaster(data.resolve("hostclone-data"), first);
            first.destroy();
            assertThat(first.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the server exited").isTrue();

            // PostgreSQL removes its pid file when it shuts down; one left running keeps it (its process,
            // once gone, can linger as a zombie no one reaps, which Java still counts as alive)
            assertThat(data.resolve("hostclone-data").resolve("postmaster.pid"))
                    .as("the embedded PostgreSQL stopped with the server, log:%n%s", Files.readString(data.resolve("first.log")))
                    .doesNotExist();
        } finally {
            first.destroyForcibly();
            postmaster.ifPresent(ProcessHandle::destroyForcibly);
        }

        int port = freePort();
        Process second = start(data, data.resolve("second.log"), "--http-port=" + port);
        try {
            assertThat(awaitReady(port, second)).as("the next start serves, log:%n%s",
                    Files.readString(data.resolve("second.log"))).isEqualTo(200);
        } finally {
            second.destroy();
            second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    private static Process start(Path data, Path log, String... more) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--data-dir=" + data.resolve("hostclone-data"), "--http-host=127.0.0.1", "--apps=app:secret"));
        command.addAll(List.of(more));
        if (more.length == 0) {
            command.add("--http-port=" + freePort());
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * The embedded PostgreSQL server once it accepts connections: its pid file's first line names it,
     * its eighth says "ready" (initdb's bootstrap backend writes the file too, but never "ready").
     */
    private static Optional<ProcessHandle> awaitPostmaster(Path dataDirectory, Process server) throws Exception {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.size() >= 8 && lines.get(7).trim().equals("ready")) {
                Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
                if (postmaster.isPresent()) {
                    return postmaster;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no embedded PostgreSQL became ready in " + dataDirectory);
    }

    private static int awaitReady(int port, Process server) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int status = -1;
        while (System.nanoTime() < deadline && server.isAlive() && status != 200) {
            try {
                status = client.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException notListeningYet) {
                Thread.sleep(50);
            }
        }
        return status;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
