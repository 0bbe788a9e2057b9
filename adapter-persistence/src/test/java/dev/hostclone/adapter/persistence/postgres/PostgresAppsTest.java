package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.domain.access.AppAuthentication;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL store keeps of apps between requests: the hashes of registered apps, for a
 * second; never the codes callers make up, which would fill the heap.
 */
class PostgresAppsTest {

    private static final String HASH = SecretHashing.hashRandom("s3cret");

    private Vertx vertx;
    private PgSettings settings;
    private TimedPool pool;
    private PostgresApps apps;

    @BeforeEach
    void openApps() {
        vertx = Vertx.vertx();
        settings = TestPostgres.database();
        pool = TestPostgres.pool(vertx, settings, 2, 5_000);
        apps = new PostgresApps(vertx, pool, System::nanoTime, new SecretChecks());
    }

    @AfterEach
    void close() {
        await(pool.close().toCompletionStage());
        await(vertx.close().toCompletionStage());
    }

    @Test
    void givenManyMadeUpAppCodes_whenVerified_thenEachIsUnknownAndNoneIsKept() {
        await(apps.registerApp("ops", HASH));
        assertThat(await(apps.verifyAppSecret("ops", "s3cret"))).isEqualTo(AppAuthentication.ACCEPTED);

        for (int i = 0; i < 500; i++) {
            assertThat(await(apps.verifyAppSecret("made-up-" + "x".repeat(1_000) + i, "s3cret")))
                    .isEqualTo(AppAuthentication.UNKNOWN_APP);
        }

        assertThat(apps.storedHashesKept()).as("the registered app's hash alone").isEqualTo(1);
    }

    @Test
    void givenAnUnknownApp_whenAnotherServerRegistersIt_thenItIsAcceptedAtOnce() throws SQLException {
        assertThat(await(apps.verifyAppSecret("late", "s3cret"))).isEqualTo(AppAuthentication.UNKNOWN_APP);

        try (Connection connection = TestPostgres.jdbc(settings);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO app (app_code, secret_hash) VALUES (?, ?)")) {
            insert.setString(1, "late");
            insert.setString(2, HASH);
            insert.executeUpdate();
        }

        assertThat(await(apps.verifyAppSecret("late", "s3cret"))).isEqualTo(AppAuthentication.ACCEPTED);
    }
}
