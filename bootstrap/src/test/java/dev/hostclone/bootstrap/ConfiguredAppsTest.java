package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.ConfigurationReader;
import dev.hostclone.bootstrap.config.Storage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The apps a server is configured with. One given by the hash of its secret: callers send the secret,
 * the server never had it, and the hash itself opens no door. One taken out of the configuration: on
 * the next start it can call no more.
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

    @Test
    void givenAnAppTakenOutOfTheConfiguration_whenRestarted_thenItCanCallNoMoreAndTheOthersStill() {
        Configuration both = onPostgres(TestPostgres.databaseUrl(), Map.of("ops", SECRET, "retired", "retired-secret"));
        try (HostCloneServer server = HostCloneServer.start(both)) {
            assertThat(client(server, "retired", "retired-secret").v3("search_business", SEARCH).code()).isZero();
        }

        Configuration opsOnly = onPostgres(both.postgresUrl(), Map.of("ops", SECRET));
        try (HostCloneServer server = HostCloneServer.start(opsOnly)) {
            ApiResponse retired = client(server, "retired", "retired-secret").v3("search_business", SEARCH);

            assertThat(retired.status()).isEqualTo(401);
            assertThat(retired.code()).isEqualTo(1199047);
            assertThat(client(server, "ops", SECRET).v3("search_business", SEARCH).code()).isZero();
        }
    }

    @Test
    void givenConfiguredApps_whenRestartedWithoutAny_thenTheyCanCallNoMore() {
        Configuration configured = onPostgres(TestPostgres.databaseUrl(), Map.of("ops", SECRET));
        try (HostCloneServer server = HostCloneServer.start(configured)) {
            assertThat(client(server, "ops", SECRET).v3("search_business", SEARCH).code()).isZero();
        }

        try (HostCloneServer server = HostCloneServer.start(onPostgres(configured.postgresUrl(), Map.of()))) {
            assertThat(client(server, "ops", SECRET).v3("search_business", SEARCH).status()).isEqualTo(401);
        }
    }

    /**
     * A first start without apps makes the default app and shows its secret once it listens. One that
     * fails before then must not keep the app: no later start would show its secret.
     */
    @Test
    void givenNoAppsAndTheHttpPortTaken_whenTheStartFails_thenNoAppIsKeptAndTheNextStartMakesOne() throws Exception {
        PgSettings database = TestPostgres.database();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Configuration portTaken = ConfigurationReader.read(Map.of("HOSTCLONE_PG_URL", database.url()), new String[] {
                    "--storage=postgres", "--http-host=127.0.0.1", "--http-port=" + taken.getLocalPort()});

            assertThatThrownBy(() -> HostCloneServer.start(portTaken).close()).hasMessageStartingWith("could not listen");
        }
        assertThat(TestPostgres.number(database, "SELECT count(*) FROM app")).as("apps kept").isZero();

        try (HostCloneServer server = HostCloneServer.start(onPostgres(database.url(), Map.of()));
             Connection connection = TestPostgres.jdbc(database)) {
            assertThat(TestPostgres.column(connection, "SELECT app_code FROM app")).containsExactly("hostclone");
        }
    }

    /**
     * The default app made, then the removal of the apps HOSTCLONE_APPS no longer names refused (once, by a trigger):
     * the start fails, and must not keep the app it made and never showed, nor take the others with it. Until
     * 2026-12-08 only a failure after the registration had ended removed it, and every later start kept it, saying
     * its secret had been printed.
     */
    @Test
    void givenNoAppsAndTheRemovalOfAnOldAppRefused_whenTheStartFails_thenTheAppItMadeIsNotKept() throws Exception {
        PgSettings database = TestPostgres.database();
        try (HostCloneServer configured = HostCloneServer.start(onPostgres(database.url(), Map.of("ops", "s3cret")))) {
            assertThat(client(configured, "ops", "s3cret").v3("search_business", "{}").code()).isZero();
        }
        try (Connection connection = TestPostgres.jdbc(database); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SEQUENCE deletes_refused");
            statement.execute("CREATE FUNCTION refuse_first_delete() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                    + " IF nextval('deletes_refused') = 1 THEN RAISE EXCEPTION 'app deletes refused once'; END IF;"
                    + " RETURN OLD; END $$");
            statement.execute("CREATE TRIGGER refuse_first_delete BEFORE DELETE ON app FOR EACH STATEMENT"
                    + " EXECUTE FUNCTION refuse_first_delete()");
        }

        assertThatThrownBy(() -> HostCloneServer.start(onPostgres(database.url(), Map.of())).close())
                .hasMessage("PostgreSQL refused to remove apps (SQLSTATE P0001)");

        try (Connection connection = TestPostgres.jdbc(database)) {
            assertThat(TestPostgres.column(connection, "SELECT app_code FROM app")).as("apps kept")
                    .containsExactly("ops");
        }
    }

    private static Configuration onPostgres(String url, Map<String, String> apps) {
        return Configuration.inMemory(apps, Set.of("admin")).withStorage(Storage.POSTGRES, Path.of("unused"), url);
    }

    private static ApiClient client(HostCloneServer server, String app, String secret) {
        return ApiClient.of(server.http()).as(app, secret, "admin");
    }
}
