package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the tests of a server in a process of its own ask of it: a port to give it, and when it serves; and of any
 * JVM of its own a test starts, the command and the wait for its exit.
 */
public final class ServerProbe {

    /** How long a test waits for a server process to serve or to exit. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private ServerProbe() {
    }

    /** The status of the first {@code /readyz} answer of 200, or the last one while {@code server} lives; -1 if none. */
    public static int awaitReady(int port, Process server) throws Exception {
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

    /** A port no one listens on now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The command that runs {@code mainClass} with {@code arguments} in a JVM of its own on {@code classPath}, given {@code jvmOptions}. */
    public static List<String> java(List<String> jvmOptions, String classPath, String mainClass, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(arguments);
        return command;
    }

    /** Waits for {@code process} to exit by itself, {@link #PATIENCE} at most, and kills it however the wait ended. */
    public static void awaitExit(Process process) throws InterruptedException {
        try {
            assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("it exited").isTrue();
        } finally {
            process.destroyForcibly();
        }
    }
}
