package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.persistence.SecretHashing;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An app configured with the hash of its secret: callers send the secret, the server never had it,
 * and the hash itself is no secret that opens the door.
 */
class ConfiguredAppsTest {

    private static final String SECRET = "s3cret-for-ops";
    private static final String SEARCH = "{\"page\":{\"limit\":10}}";

    @Test
    void givenAnAppConfiguredWithItsHash_whenCalledWithTheSecret_thenServedOnBothDoors() {
        Configuration configuration = Configuration.inMemory(Map.of("ops", SecretHashing.hash(SECRET)), Set.of("admin"));

        try (HostCloneServer server = HostCloneServer.start(configuration)) {
            ApiClient ops = ApiClient.of(server.http()).as("ops", SECRET, "admin");

            for (Door door : Door.values()) {
                ApiResponse response = ops.call(door, "search_business", SEARCH);
                assertThat(response.status()).as(door.name()).isEqualTo(200);
                assertThat(response.code()).as(door.name()).isZero();
            }
        }
    }

    @Test
    void givenAnAppConfiguredWithItsHash_whenCalledWithTheHash_thenUnauthorized() {
        String hash = SecretHashing.hash(SECRET);
        Configuration configuration = Configuration.inMemory(Map.of("ops", hash), Set.of("admin"));

        try (HostCloneServer server = HostCloneServer.start(configuration)) {
            ApiResponse response = ApiClient.of(server.http()).as("ops", hash, "admin").v3("search_business", SEARCH);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.code()).isEqualTo(1199047);
            assertThat(response.message()).isEqualTo("无访问权限: bk_app_code 或 bk_app_secret 错误");
        }
    }
}
