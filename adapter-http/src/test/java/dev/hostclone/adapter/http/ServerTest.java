package dev.hostclone.adapter.http;

import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** One real server (fake use cases) per test class; fakes reset before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerTest {

    protected FakeBackedServer server;

    @BeforeAll
    void startServer() {
        server = FakeBackedServer.start();
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void resetFakes() {
        server.reset();
    }

    /** Calls as the known app and user. */
    protected ApiClient client() {
        return server.client();
    }

    protected ApiClient inEnglish() {
        return client().withHeader("X-Bkcmdb-Language", "en");
    }
}
