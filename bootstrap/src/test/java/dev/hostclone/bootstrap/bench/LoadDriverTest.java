package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.bootstrap.bench.LoadDriver.Call;
import dev.hostclone.bootstrap.bench.LoadDriver.Result;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The load generator's closed loop against a server that takes connections and never answers: each lost answer
 * fails as an error once its wait is over, the run ends, and no failed request's time is counted as a latency.
 * Until 2026-12-07 a lost answer held its connection, and the run, for good.
 */
class LoadDriverTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void givenAServerThatNeverAnswers_whenRunningAClosedLoop_thenEachLostAnswerIsAnErrorAndTheRunEnds() throws Exception {
        try (Silent server = new Silent(); LoadDriver driver = new LoadDriver(server.port(), false)) {
            RequestOptions unanswered = new RequestOptions().setMethod(HttpMethod.GET).setURI("/healthz")
                    .setIdleTimeout(200);

            Result result = driver.closedLoop(2, () -> new Call(unanswered, Buffer.buffer()), 0, 300, () -> Duration.ZERO);

            assertThat(result.errors()).isPositive();
            assertThat(result.successes()).isZero();
            assertThat(result.latencyNanos().getTotalCount()).isZero();
            assertThat(driver.errorKinds()).contains("Timeout");
        }
    }

    @Test
    void givenACallWithoutAnIdleTimeout_whenMade_thenRefused() {
        RequestOptions unbounded = new RequestOptions().setMethod(HttpMethod.GET).setURI("/healthz");

        assertThatThrownBy(() -> new Call(unbounded, Buffer.buffer()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a call to /healthz without an idle timeout would wait for a lost answer for good");
    }

    /** Takes every connection, reads nothing, answers nothing. */
    private static final class Silent implements AutoCloseable {

        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> held = new ArrayList<>();
        private final Thread acceptor = new Thread(this::accept, "silent-server");

        Silent() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            try {
                while (!socket.isClosed()) {
                    Socket connection = socket.accept();
                    synchronized (held) {
                        held.add(connection);
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            synchronized (held) {
                for (Socket connection : held) {
                    connection.close();
                }
            }
        }
    }
}
