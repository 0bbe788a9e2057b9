package dev.hostclone.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationTest {

    private static final String SECRET = "topsecret";

    /**
     * A set or map of the caller's own making may hold a null, which the copies the configuration keeps refuse: until
     * 2026-12-06 as a NullPointerException with no message, naming neither the argument nor what was null.
     */
    @Test
    void givenAdministratorsOrAppsHoldingANull_whenAConfigurationIsMade_thenRefusedNamingWhichAndWhatIsNull() {
        Set<String> administrators = new HashSet<>(Arrays.asList("alice", null));
        Map<String, String> withoutSecret = new HashMap<>(Map.of("ci", SECRET));
        withoutSecret.put("ops", null);
        Map<String, String> withoutCode = new HashMap<>(Map.of("ci", SECRET));
        withoutCode.put(null, SECRET);

        assertThatNullPointerException().isThrownBy(() -> Configuration.inMemory(Map.of(), administrators))
                .withMessage("administrators holds a null where a user's name belongs");
        assertThatNullPointerException().isThrownBy(() -> Configuration.inMemory(withoutSecret, Set.of("alice")))
                .withMessage("apps holds app 'ops' with a null secret");
        assertThatNullPointerException().isThrownBy(() -> Configuration.inMemory(withoutCode, Set.of("alice")))
                .withMessage("apps holds a null where an app's code belongs")
                .withMessageNotContaining(SECRET);
    }

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

    /** The printout is written by hand, so that no secret shows: a component added later must be added to it. */
    @Test
    void givenEveryComponentOfTheRecord_whenPrinted_thenEachIsNamed() {
        String printed = Configuration.inMemory(Map.of("ops", SECRET), Set.of("alice")).toString();

        assertThat(Arrays.stream(Configuration.class.getRecordComponents()).map(component -> component.getName() + "="))
                .allSatisfy(named -> assertThat(printed).contains(named));
    }
}
