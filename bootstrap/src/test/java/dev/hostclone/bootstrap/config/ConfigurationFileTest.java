package dev.hostclone.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigurationFileTest {

    @TempDir
    Path folder;

    @Test
    void givenAFileWithCommentsAndBlankLines_whenReading_thenItsSettingsApplyAndTheRestTakeTheirDefaults() throws IOException {
        Path file = file("""
                # HostClone on the test rack
                HOSTCLONE_HTTP_PORT=9000

                  HOSTCLONE_ADMINS = alice, bob \s
                HOSTCLONE_APPS=ops:s3cr=t#1
                HOSTCLONE_LANGUAGE=
                """);

        Configuration configuration = ConfigurationReader.read(Map.of("HOSTCLONE_CONFIG", file.toString()));

        assertThat(configuration.httpPort()).isEqualTo(9000);
        assertThat(configuration.administrators()).containsExactlyInAnyOrder("alice", "bob");
        assertThat(configuration.apps()).containsExactly(Map.entry("ops", "s3cr=t#1"));
        assertThat(configuration.language()).as("empty: unset").isEqualTo("zh-cn");
        assertThat(configuration.storage()).isEqualTo(Storage.EMBEDDED);
    }

    @Test
    void givenASettingInTheFileTheEnvironmentAndAFlag_whenReading_thenTheFlagWinsThenTheEnvironment() throws IOException {
        Path file = file("HOSTCLONE_HTTP_PORT=9000\nHOSTCLONE_ADMINS=alice\nHOSTCLONE_LANGUAGE=en\n");

        Configuration configuration = ConfigurationReader.read(
                Map.of("HOSTCLONE_HTTP_PORT", "9001", "HOSTCLONE_ADMINS", "bob"), "--config=" + file, "--http-port", "9002");

        assertThat(configuration.httpPort()).isEqualTo(9002);
        assertThat(configuration.administrators()).containsExactly("bob");
        assertThat(configuration.language()).isEqualTo("en");
    }

    @Test
    void givenTheFileNamedByBothTheEnvironmentAndAFlag_whenReading_thenTheFlagsFileIsRead() throws IOException {
        Path environments = file("HOSTCLONE_HTTP_PORT=9000\n");
        Path flags = Files.writeString(folder.resolve("other.conf"), "HOSTCLONE_HTTP_PORT=9100\n");

        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_CONFIG", environments.toString()), "--config", flags.toString())
                .httpPort()).isEqualTo(9100);
    }

    /**
     * systemd's {@code EnvironmentFile=} (or Docker's {@code --env-file}) puts the file's lines in the launcher's
     * environment, the launcher's own among them, and the server then reads the same file: until 2026-12-06 it refused
     * the launcher's names there as unknown, and a file that systemd and the launcher took did not start the server.
     */
    @Test
    void givenTheLaunchersVariablesInTheFileAndTheEnvironment_whenReading_thenTheyAreSkippedAndTheSettingsApply()
            throws IOException {
        Path file = file("HOSTCLONE_JAVA_OPTS=-Xmx256m -XX:+UseZGC\nHOSTCLONE_CLASS_ARCHIVE=off\nHOSTCLONE_HTTP_PORT=9000\n");
        Map<String, String> environment = Map.of("HOSTCLONE_CONFIG", file.toString(),
                "HOSTCLONE_JAVA_OPTS", "-Xmx256m -XX:+UseZGC", "HOSTCLONE_CLASS_ARCHIVE", "off");

        assertThat(ConfigurationReader.read(environment).httpPort()).isEqualTo(9000);
    }

    /**
     * The launcher reads its variables from its environment alone: one in a file that only {@code --config} names has
     * no effect, and is refused as a mistyped setting is, rather than leave the JVM without it and not say so.
     */
    @Test
    void givenALaunchersVariableInTheFileAlone_whenReading_thenRefusedSayingWhereTheLauncherReadsIt() throws IOException {
        Path file = file("HOSTCLONE_HTTP_PORT=9000\nHOSTCLONE_JAVA_OPTS=-Xmx256m\n");

        assertThatThrownBy(() -> read(file)).hasMessage(file + " line 2: HOSTCLONE_JAVA_OPTS is the launcher's, which reads"
                + " it from its environment, not from this file: set it there (systemd's EnvironmentFile=, Docker's"
                + " --env-file), or remove the line");
    }

    @Test
    void givenAMistypedName_whenReading_thenRefusedNamingTheLineAndTheNameNotTheValue() throws IOException {
        Path file = file("HOSTCLONE_HTTP_PORT=9000\nHOSTCLONE_APP=ops:s3cret\n");

        assertThatThrownBy(() -> read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " line 2: unknown setting 'HOSTCLONE_APP' (did you mean HOSTCLONE_APPS?)")
                .hasMessageNotContaining("s3cret");
        Path launchers = file("HOSTCLONE_JAVA_OPT=-Xmx256m\n");
        assertThatThrownBy(() -> read(launchers))
                .hasMessage(launchers + " line 1: unknown setting 'HOSTCLONE_JAVA_OPT' (did you mean HOSTCLONE_JAVA_OPTS?)");
    }

    @Test
    void givenALineWithoutEquals_whenReading_thenRefusedNamingTheLineNotQuotingIt() throws IOException {
        Path file = file("# apps\nops:s3cret\n");

        assertThatThrownBy(() -> read(file)).hasMessage(file + " line 2: expected HOSTCLONE_NAME=value (the line is not"
                + " shown, as it may hold a secret)");
        Path secretOnly = file("Xyz123secret\n");
        assertThatThrownBy(() -> read(secretOnly)).hasMessage(secretOnly + " line 1: expected HOSTCLONE_NAME=value (the"
                + " line is not shown, as it may hold a secret)");
        Path base64 = file("c2VjcmV0LXZhbHVl==\n");
        assertThatThrownBy(() -> read(base64)).message().doesNotContain("c2VjcmV0");
    }

    /**
     * A space or ':' for the '=', and a URL's query or a base64 secret's padding holding one: until 2026-12-07 all
     * before that '=' was quoted as the unknown setting's name, the password or the secret with it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"HOSTCLONE_PG_URL postgresql://hc:S3cret@db:5432/hc?sslmode=require",
            "HOSTCLONE_PG_URL: postgresql://hc:S3cret@db/hc?pool_size=8", "HOSTCLONE_PG_URL postgresql://hc:S3cret@db/hc",
            "HOSTCLONE_PG_URL\tpostgresql://hc:S3cret@db/hc?sslmode=require"})
    void givenANameFollowedByItsValueWithoutTheEquals_whenReading_thenOnlyTheNameIsShown(String line) throws IOException {
        Path file = file("HOSTCLONE_STORAGE=postgres\n" + line + "\n");

        assertThatThrownBy(() -> read(file)).hasMessage(file + " line 2: expected HOSTCLONE_NAME=value, and"
                + " 'HOSTCLONE_PG_URL' is followed by something other than '=' (the rest of the line is not shown, as it"
                + " may hold a secret)");
    }

    /** A name of HostClone's prefix with '-' for '_' is offered its setting, as one with a typo is. */
    @Test
    void givenANameWithDashesForUnderscores_whenReading_thenItsSettingIsOffered() throws IOException {
        Path file = file("HOSTCLONE-PG-URL=postgresql://hc:S3cret@db/hc\n");

        assertThatThrownBy(() -> read(file)).hasMessage(file + " line 1: unknown setting 'HOSTCLONE-PG-URL' (did you mean"
                + " HOSTCLONE_PG_URL?)");
    }

    @Test
    void givenAnAppsLineWithASpaceForTheEquals_whenReading_thenItsBase64SecretIsNotShown() throws IOException {
        Path file = file("HOSTCLONE_APPS ops:c2VjcmV0LXZhbHVlLTEyMw==\n");

        assertThatThrownBy(() -> read(file)).hasMessageContaining("'HOSTCLONE_APPS' is followed by something other than")
                .message().doesNotContain("c2VjcmV0");
    }

    @Test
    void givenASettingTwice_whenReading_thenRefusedNamingBothLines() throws IOException {
        Path file = file("HOSTCLONE_HTTP_PORT=9000\n\nHOSTCLONE_HTTP_PORT=9001\n");

        assertThatThrownBy(() -> read(file)).hasMessage(file + " line 3: HOSTCLONE_HTTP_PORT is set on line 1 already");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HOSTCLONE_APPS", "HOSTCLONE_ADMINS"})
    void givenAnEmptyLineOfASettingThatMustNotBeEmpty_whenReading_thenRefusedAsInTheEnvironment(String variable)
            throws IOException {
        Path file = file(variable + "=\n");

        assertThatThrownBy(() -> read(file)).hasMessage(file + " line 1: " + variable + " is empty: give it a value, or"
                + " remove the line for its default");
    }

    /** As some Windows editors save UTF-8: until 2026-12-06 the mark made the first name unknown, offered as itself. */
    @Test
    void givenAFileStartingWithAByteOrderMark_whenReading_thenItsFirstLineIsRead() throws IOException {
        Path file = file("\ufeffHOSTCLONE_HTTP_PORT=9000\n");

        assertThat(read(file).httpPort()).isEqualTo(9000);
    }

    @Test
    void givenAFileNotInUtf8_whenReading_thenRefusedSayingSo() throws IOException {
        Path file = Files.write(folder.resolve("latin1.conf"), "HOSTCLONE_ADMINS=jos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> read(file)).hasMessage("HOSTCLONE_CONFIG: " + file + " is not UTF-8 text: save it as UTF-8");
    }

    @Test
    void givenAFileNamingAnother_whenReading_thenRefused() throws IOException {
        Path file = file("HOSTCLONE_CONFIG=/etc/hostclone/more.conf\n");

        assertThatThrownBy(() -> read(file)).hasMessage(file + " line 1: a configuration file cannot name another");
    }

    @Test
    void givenAMissingFileOrAnEmptyName_whenReading_thenRefusedSayingWhy() {
        Path missing = folder.resolve("absent.conf");

        assertThatThrownBy(() -> read(missing))
                .hasMessage("HOSTCLONE_CONFIG: cannot read " + missing + " (NoSuchFileException)");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_CONFIG", " ")))
                .hasMessage("HOSTCLONE_CONFIG is set but empty: give it a value, or unset it for its default");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--config="))
                .hasMessage("option --config needs a value: unset, it takes its default");
    }

    @Test
    void givenABadValueFromTheFile_whenReading_thenRefusedAsTheSameValueFromTheEnvironmentIs() throws IOException {
        Path file = file("HOSTCLONE_HTTP_PORT=http\n");

        assertThatThrownBy(() -> read(file)).hasMessage("HOSTCLONE_HTTP_PORT must be a port number 0..65535, not 'http'");
    }

    /**
     * A value is read trimmed of the white space around it, whichever source gives it: until 2026-12-06 a flag's was
     * taken as it came ({@code --http-port " 9000"} refused as no port number, where the variable and the file read
     * 9000), and a variable's lost only the ASCII spaces and controls, so that one ending in an ideographic space, as
     * a Chinese input method types it, was refused where the file's line was read.
     */
    @ParameterizedTest
    @ValueSource(strings = {" 9000 ", "\t9000", "9000\u3000"})
    void givenAValueWithWhiteSpaceAroundIt_whenReadFromAFlagAVariableOrTheFile_thenEachReadsItAlike(String padded)
            throws IOException {
        Path file = file("HOSTCLONE_HTTP_PORT=" + padded + "\n");

        assertThat(ConfigurationReader.read(Map.of(), "--http-port", padded).httpPort()).as("flag").isEqualTo(9000);
        assertThat(ConfigurationReader.read(Map.of(), "--http-port=" + padded).httpPort()).as("flag=").isEqualTo(9000);
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_PORT", padded)).httpPort()).as("variable").isEqualTo(9000);
        assertThat(read(file).httpPort()).as("file").isEqualTo(9000);
    }

    private Path file(String text) throws IOException {
        return Files.writeString(folder.resolve("hostclone.conf"), text);
    }

    private static Configuration read(Path file) {
        return ConfigurationReader.read(Map.of(), "--config=" + file);
    }
}
