package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.FakeBackedServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** One real server (fake use cases) per test class; fakes reset before each test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServerTest {

    /** The v3 door's credentials of the known app and user, for requests sent with {@code client().send(...)}. */
    protected static final Map<String, String> V3_AUTHORIZATION = Map.of("X-Bkapi-Authorization",
            "{\"bk_app_code\":\"" + FakeBackedServer.APP_CODE + "\",\"bk_app_secret\":\"" + FakeBackedServer.APP_SECRET
                    + "\",\"bk_username\":\"" + FakeBackedServer.USER + "\"}");

    protected FakeBackedServer server;

    @BeforeAll
    protected void startServer() {
        server = FakeBackedServer.start();
    }

    @AfterAll
    protected void stopServer() {
        server.close();
    }

    @BeforeEach
    protected void resetFakes() {
        server.reset();
    }

    /** Calls as the known app and user. */
    protected ApiClient client() {
        return server.client();
    }

    protected ApiClient inEnglish() {
        return client().withHeader("X-Bkcmdb-Language", "en");
    }

    /** A refusal in the envelope: HTTP 200, {@code result:false}, this code and message, no data. */
    protected static void assertRefused(ApiResponse response, long code, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.result()).as(response.body()).isFalse();
        assertThat(response.code()).as(response.body()).isEqualTo(code);
        assertThat(response.message()).isEqualTo(message);
        assertThat(response.data().isNull()).isTrue();
    }

    /** A success whose {@code data} is exactly this JSON text. */
    protected static void assertData(ApiResponse response, String json) {
        assertThat(response.code()).as(response.body()).isZero();
        assertThat(response.result()).isTrue();
        assertThat(response.data().toString()).isEqualTo(json);
    }
}
