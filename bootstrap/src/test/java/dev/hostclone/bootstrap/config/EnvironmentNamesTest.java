package dev.hostclone.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EnvironmentNamesTest {

    /** The packaged launcher, beside the jar once built; the module's directory is the tests' working one. */
    private static final Path LAUNCHER = Path.of("src/main/dist/hostclone");

    /** A variable the launcher came to read and the server did not know would refuse every start it makes. */
    @Test
    void givenTheLauncherScript_whenItsVariablesAreListed_thenTheServerKnowsThemAsTheLaunchers() throws IOException {
        String script = Files.readString(LAUNCHER);

        assertThat(Pattern.compile("HOSTCLONE_[A-Z][A-Z0-9_]*").matcher(script).results().map(MatchResult::group)
                .collect(Collectors.toSet())).isEqualTo(EnvironmentNames.LAUNCHER_VARIABLES);
    }
}
