package dev.hostclone.bootstrap;

import static dev.hostclone.bootstrap.ServerProbe.awaitExit;
import static dev.hostclone.bootstrap.ServerProbe.java;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Main} in a JVM of its own, given a configuration it refuses: exit code 2 and one line naming the setting,
 * as for every other refused configuration, where some of these were a failed start (exit 1, a stack trace in the
 * log, a PostgreSQL password in clear) or a start that went on without a word.
 */
class RefusedConfigurationTest {

    private static final String SECRET = "topsecret";

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "HOSTCLONE_STORAGE=postgres | --pg-url=postgresql:/hc:topsecret@db:5432/hc"
                    + " | HOSTCLONE_PG_URL: PostgreSQL URL names no host: postgresql:***@db:5432/hc",
            "HOSTCLONE_STORAGE=postgres | --pg-url=postgresql://db/hc?user=hc&password=topsecret"
                    + " | HOSTCLONE_PG_URL: PostgreSQL URL parameter 'user' is not supported: give the user and password"
                    + " before the host, postgresql://user:password@host:port/database",
            "HOSTCLONE_STORAGE=postgres | --pg-url= | option --pg-url needs a value: unset, it takes its default",
            "HOSTCLONE_STORAGE=memory | --http-port=18152 --http-host= | option --http-host needs a value: unset, it takes its default",
            "HOSTCLONE_STORAGE=memory | --http-port=18150 --http-port=18151 | option --http-port is given twice: give it once",
            "HOSTCLONE_HTTP_HOST=0.0.0.0:9000 | --storage=memory --http-port=18157 | HOSTCLONE_HTTP_HOST must be an IP address"
                    + " (IPv6 without brackets) or a host name, with no port or scheme (the port is HOSTCLONE_HTTP_PORT), not '0.0.0.0:9000'",
            "HOSTCLONE_STORAGE=memory | --apps --http-port=18158 | option --apps needs a value, and the next argument is"
                    + " another option: give --apps=value (an unset shell variable leaves nothing between them)",
            "HOSTCLONE_APPS=ops:topsecret,ops:other | --storage=memory --http-port=18153 | HOSTCLONE_APPS names app 'ops' twice: give each app once",
            "HOSTCLONE_ADMINS=, | --storage=memory --http-port=18154 | HOSTCLONE_ADMINS is set but names no administrator: give it user names,"
                    + " or unset it for its default",
            "HOSTCLONE_STORAG=postgres | --storage=memory --http-port=18155 | unknown environment variable HOSTCLONE_STORAG (did you mean"
                    + " HOSTCLONE_STORAGE?): HostClone has no such setting, and would leave the one meant at its default;"
                    + " unset it",
            "HOSTCLONE_STORAGE=memory | --http-port=18156 postgresql://hc:topsecret@db/hc | argument 2 is no option: give each as"
                    + " --name=value or --name value (the argument is not shown, as it may hold a secret)"})
    void givenAMalformedOrSilentlyTakenSetting_whenStarting_thenExitCode2AndOneLineNamingItAndNoSecret(String variable,
            String arguments, String refusal, @TempDir Path directory) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(List.of(), System.getProperty("java.class.path"), Main.class.getName(),
                Arrays.asList(arguments.split(" ")))).directory(directory.toFile())
                .redirectOutput(directory.resolve("out").toFile()).redirectError(directory.resolve("err").toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("HOSTCLONE_"));
        builder.environment().put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));

        Process server = builder.start();
        awaitExit(server);
        String errors = Files.readString(directory.resolve("err"));
        assertThat(server.exitValue()).as("exit code, standard error:%n%s", errors).isEqualTo(2);
        // and no usage under it, which left the refusal above a journal's tail
        assertThat(errors.lines()).containsExactly("hostclone: " + refusal, "hostclone: --help lists every setting");
        assertThat(errors).as("no trace").doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(SECRET);
        assertThat(Files.readString(directory.resolve("out"))).as("nothing logged").isEmpty();
        try (var left = Files.list(directory)) {
            assertThat(left.map(path -> path.getFileName().toString())).as("nothing written")
                    .containsExactlyInAnyOrder("out", "err");
        }
    }
}
