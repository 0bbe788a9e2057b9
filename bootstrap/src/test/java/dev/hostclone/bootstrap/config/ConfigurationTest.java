package dev.hostclone.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    private static final String SECRET = "topsecret";

    /** Nothing logs a configuration today; one printed by a later line or a debugger must not show a secret. */
    @Test
    void givenAppSecretsAndAPasswordInThePostgresUrl_whenPrinted_thenNeitherShowsAndTheRestDoes() {
        Configuration configuration = Configuration.inMemory(Map.of("ops", SECRET + "-app"), Set.of("alice"))
                .withStorage(Storage.POSTGRES, Path.of("/var/lib/hostclone"),
                        "postgresql://hostclone:" + SECRET + "@db.example:5432/hostclone?sslmode=require&sslpassword=" + SECRET);

        String printed = configuration.toString();

        assertThat(printed).doesNotContain(SECRET)
                .contains("apps={ops=***}", "administrators=[alice]", "postgresUrl=postgresql://***@db.example:5432/hostclone",
                        "sslmode=require", "storage=POSTGRES", "httpPort=0", "dataDirectory=/var/lib/hostclone");
    }
}
