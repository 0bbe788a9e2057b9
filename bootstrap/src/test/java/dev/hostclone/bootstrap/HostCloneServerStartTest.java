package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.ConfigurationReader;
import dev.hostclone.bootstrap.config.Storage;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Starts that fail: the store opens on a thread of its own, and its failure is the start's; a taken
 * port is named.
 */
class HostCloneServerStartTest {

    @Test
    void givenNoDatabaseListening_whenStarting_thenTheStartFailsWithTheStoresError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Configuration configuration = Configuration.inMemory(Map.of("app", "secret"), Set.of("admin"))
                .withStorage(Storage.POSTGRES, Path.of("unused"), "postgresql://postgres@127.0.0.1:" + closedPort + "/postgres")
                .withStoreTimeout(Duration.ofSeconds(2));

        assertThatThrownBy(() -> HostCloneServer.start(configuration).close())
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to start the store (SQLSTATE 08001; ConnectException: Connection refused)");
    }

    @Test
    void givenTheHttpPortTaken_whenStarting_thenTheStartFailsNamingTheAddress() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Configuration configuration = ConfigurationReader.read(Map.of(), new String[] {"--storage=memory",
                    "--apps=app:secret", "--http-host=127.0.0.1", "--http-port=" + taken.getLocalPort()});

            assertThatThrownBy(() -> HostCloneServer.start(configuration).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("could not listen on http://127.0.0.1:" + taken.getLocalPort())
                    .hasRootCauseInstanceOf(BindException.class);
        }
    }
}
