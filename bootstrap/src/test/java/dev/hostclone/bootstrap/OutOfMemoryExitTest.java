package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * When a start warns that its JVM would run on after an {@code OutOfMemoryError}. {@code LauncherIT}
 * runs the launcher's JVM out of memory.
 */
class OutOfMemoryExitTest {

    private static final String WARNING = "this JVM runs on after an OutOfMemoryError, failing requests while /readyz"
            + " says UP: give it -XX:+ExitOnOutOfMemoryError (the launcher, hostclone, does), so that it exits and"
            + " whatever supervises it starts it again";

    @Test
    void givenNeitherOption_whenAsked_thenItWarns() {
        assertThat(OutOfMemoryExit.warning(Map.of("ExitOnOutOfMemoryError", "false", "CrashOnOutOfMemoryError", "false")::get))
                .contains(WARNING);
    }

    @Test
    void givenTheJvmExitsOrCrashesOnTheError_whenAsked_thenItDoesNotWarn() {
        assertThat(OutOfMemoryExit.warning(Map.of("ExitOnOutOfMemoryError", "true", "CrashOnOutOfMemoryError", "false")::get))
                .isEmpty();
        assertThat(OutOfMemoryExit.warning(Map.of("ExitOnOutOfMemoryError", "false", "CrashOnOutOfMemoryError", "true")::get))
                .isEmpty();
    }

    @Test
    void givenThisTestJvm_whenAskedThroughItsDiagnosticBean_thenItAnswersAsItsOptionsSay() {
        boolean exits = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(argument -> argument.equals("-XX:+ExitOnOutOfMemoryError")
                        || argument.equals("-XX:+CrashOnOutOfMemoryError"));

        assertThat(OutOfMemoryExit.warning().isEmpty()).isEqualTo(exits);
    }
}
