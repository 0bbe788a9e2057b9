package dev.hostclone.bootstrap.logging;

import static dev.hostclone.bootstrap.ServerProbe.PATIENCE;
import static dev.hostclone.bootstrap.ServerProbe.awaitExit;
import static dev.hostclone.bootstrap.ServerProbe.awaitReady;
import static dev.hostclone.bootstrap.ServerProbe.freePort;
import static dev.hostclone.bootstrap.ServerProbe.java;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.bootstrap.Main;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose logging a fresh JVM gets: the server its own, an application embedding HostClone the one it
 * would have without HostClone on its class path (its {@code logback.xml}, else Logback's default).
 * Each JVM starts on this test's class path without the mark this test's JVM runs under.
 */
class LoggingProcessTest {

    /** HostClone's pattern ({@link LoggingConfigurator#PATTERN}) at INFO and above. */
    private static final String SERVER_LINE =
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (INFO |WARN |ERROR) \\[[^\\]]+\\] [\\w.]+ - .*";

    private static final String TEST_CONFIGURATION = "logback-test.xml";

    @Test
    void givenAnApplicationsLogbackXml_whenItEmbedsHostClone_thenItsConfigurationAppliesFromItsFirstLine(
            @TempDir Path directory) throws Exception {
        Path applicationLog = directory.resolve("application.log");
        Path resources = Files.createDirectory(directory.resolve("resources"));
        Files.writeString(resources.resolve("logback.xml"), """
                <configuration>
                  <appender name="FILE" class="ch.qos.logback.core.FileAppender">
                    <file>%s</file>
                    <encoder><pattern>APPLICATION-FORMAT %%level %%logger - %%msg%%n</pattern></encoder>
                  </appender>
                  <root level="DEBUG"><appender-ref ref="FILE"/></root>
                </configuration>
                """.formatted(applicationLog));

        String output = run(directory, resources + File.pathSeparator + applicationClassPath(),
                EmbeddingApplication.class.getName());

        assertThat(Files.readAllLines(applicationLog)).as("the application's file, output:%n%s", output).contains(
                "APPLICATION-FORMAT INFO my.app - " + EmbeddingApplication.BEFORE,
                "APPLICATION-FORMAT DEBUG my.app - " + EmbeddingApplication.DEBUG,
                "APPLICATION-FORMAT INFO my.app - " + EmbeddingApplication.WITH_HOST_CLONE);
        assertThat(output).doesNotContain("application line");
    }

    @Test
    void givenAnApplicationWithoutLogbackXml_whenItEmbedsHostClone_thenLogbacksDefaultApplies(
            @TempDir Path directory) throws Exception {
        String output = run(directory, applicationClassPath(), EmbeddingApplication.class.getName());

        // Logback's default: DEBUG and above to standard output, "time [thread] level logger -- message"
        assertThat(output).contains("[main] INFO my.app -- " + EmbeddingApplication.BEFORE,
                "[main] DEBUG my.app -- " + EmbeddingApplication.DEBUG,
                "[main] INFO my.app -- " + EmbeddingApplication.WITH_HOST_CLONE);
    }

    @Test
    void givenTheServer_whenItStartsAndStops_thenEveryLineIsInItsOwnFormatAtInfoAndAbove(@TempDir Path directory)
            throws Exception {
        Path log = directory.resolve("server.log");
        int port = freePort();
        Process server = new ProcessBuilder(java(List.of(), System.getProperty("java.class.path"), Main.class.getName(),
                List.of("--storage=memory", "--http-host=127.0.0.1", "--http-port=" + port, "--apps=app:secret")))
                .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(awaitReady(port, server)).as("it serves, log:%n%s", Files.readString(log)).isEqualTo(200);
            server.destroy();
            assertThat(server.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("it stopped").isTrue();
        } finally {
            server.destroyForcibly();
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).as("its lines").isNotEmpty().allMatch(line -> line.matches(SERVER_LINE));
        assertThat(lines.get(lines.size() - 1)).contains("HostClone stopped");
    }

    /**
     * This test's class path less the other modules' test classes, as an application's would be: their
     * {@code logback-test.xml} would win over its {@code logback.xml}, and over Logback's default.
     */
    private static String applicationClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            boolean testLogging;
            if (Files.isDirectory(path)) {
                testLogging = Files.exists(path.resolve(TEST_CONFIGURATION));
            } else {
                try (JarFile jar = new JarFile(path.toFile())) {
                    testLogging = jar.getEntry(TEST_CONFIGURATION) != null;
                }
            }
            if (!testLogging) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The JVM's standard output and error once it exited by itself. */
    private static String run(Path directory, String classPath, String mainClass) throws IOException, InterruptedException {
        Path output = directory.resolve("output.txt");
        Process process = new ProcessBuilder(java(List.of(), classPath, mainClass, List.of())).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        awaitExit(process);
        assertThat(process.exitValue()).as("its exit code, output:%n%s", Files.readString(output)).isZero();
        return Files.readString(output);
    }
}
