package dev.hostclone.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hostclone.adapter.http.HttpTls;
import dev.hostclone.adapter.http.RequestLimits;
import dev.hostclone.adapter.persistence.SecretHashing;
import io.vertx.pgclient.SslMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

class ConfigurationReaderTest {

    @Test
    void givenNothingSet_whenReading_thenDefaultsApply() {
        Configuration configuration = ConfigurationReader.read(Map.of());

        assertThat(configuration.httpHost()).isEqualTo("0.0.0.0");
        assertThat(configuration.httpPort()).isEqualTo(8080);
        assertThat(configuration.storage()).isEqualTo(Storage.EMBEDDED);
        assertThat(configuration.apps()).isEmpty();
        assertThat(configuration.administrators()).containsExactly("admin");
        assertThat(configuration.language()).isEqualTo("zh-cn");
        assertThat(configuration.dataDirectory()).isEqualTo(Path.of("./hostclone-data"));
        assertThat(configuration.requestLimits()).isEqualTo(new RequestLimits(1024 * 1024, 32, 65_536));
        assertThat(configuration.storeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(configuration.startTimeoutSeconds()).isEqualTo(60);
        assertThat(configuration.memoryAuditRecords()).isEqualTo(10_000);
        assertThat(configuration.rateLimitPerSecond()).isEqualTo(100);
        assertThat(configuration.httpIdleTimeoutSeconds()).isEqualTo(60);
        assertThat(configuration.httpMaxConnections()).isEqualTo(512);
        assertThat(configuration.requestTimeoutSeconds()).isEqualTo(10);
        assertThat(configuration.shutdownGraceSeconds()).isEqualTo(10);
        assertThat(configuration.auditRetention()).as("every audit record kept").isNull();
        assertThat(configuration.timeZone()).isEqualTo(ZoneOffset.UTC);
    }

    /** BlueKing shows and reads the audit's times in its server's zone: a region or an offset is taken, as given. */
    @Test
    void givenATimeZone_whenReading_thenARegionOrAnOffsetIsTaken() {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_TIME_ZONE", "Asia/Shanghai")).timeZone())
                .isEqualTo(ZoneId.of("Asia/Shanghai"));
        assertThat(ConfigurationReader.read(Map.of(), "--time-zone=+08:00").timeZone()).isEqualTo(ZoneOffset.ofHours(8));
    }

    /**
     * An abbreviation is ambiguous ({@code CST} is China's, America's central or Cuba's), and refused as no zone, even
     * one the time-zone database holds ({@code EST}, a fixed offset with no summer time).
     */
    @ParameterizedTest
    @ValueSource(strings = {"CST", "EST", "est", "IST", "Mars/Base", "+25:00"})
    void givenSomethingThatIsNoTimeZone_whenReading_thenRefusedNamingTheSettingAndTheValue(String zone) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_TIME_ZONE", zone)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTCLONE_TIME_ZONE must be a region such as Asia/Shanghai or an offset such as +08:00, not '"
                        + zone + "'");
    }

    @Test
    void givenShutdownGrace_whenReading_thenSecondsAreTakenAndZeroCutsRequestsOff() {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_SHUTDOWN_GRACE", "25")).shutdownGraceSeconds()).isEqualTo(25);
        assertThat(ConfigurationReader.read(Map.of(), "--shutdown-grace=0").shutdownGraceSeconds()).isZero();
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--shutdown-grace=-1"))
                .hasMessage("HOSTCLONE_SHUTDOWN_GRACE must be a whole number of seconds within 0..2147483647, not '-1'");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_SHUTDOWN_GRACE", "10s")))
                .hasMessage("HOSTCLONE_SHUTDOWN_GRACE must be a whole number of seconds within 0..2147483647, not '10s'");
    }

    @Test
    void givenASecondsSettingWrittenWithAUnit_whenReading_thenTheRefusalSaysItTakesWholeSeconds() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_IDLE_TIMEOUT", "60s")))
                .hasMessage("HOSTCLONE_HTTP_IDLE_TIMEOUT must be a whole number of seconds within 1..2147483647, not '60s'");
    }

    @Test
    void givenStartTimeout_whenReading_thenSecondsUpToADayAreTaken() {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_START_TIMEOUT", "900")).startTimeoutSeconds()).isEqualTo(900);
        assertThat(ConfigurationReader.read(Map.of(), "--start-timeout=86400").startTimeoutSeconds()).isEqualTo(86_400);
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--start-timeout=0"))
                .hasMessage("HOSTCLONE_START_TIMEOUT must be a whole number of seconds within 1..86400, not '0'");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_START_TIMEOUT", "5m")))
                .hasMessage("HOSTCLONE_START_TIMEOUT must be a whole number of seconds within 1..86400, not '5m'");
    }

    @Test
    void givenRequestTimeout_whenReading_thenAPositiveNumberOfSecondsIsTaken() {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_REQUEST_TIMEOUT", "30")).requestTimeoutSeconds()).isEqualTo(30);
        assertThat(ConfigurationReader.read(Map.of(), "--request-timeout=2").requestTimeoutSeconds()).isEqualTo(2);
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_REQUEST_TIMEOUT", "0")))
                .hasMessage("HOSTCLONE_REQUEST_TIMEOUT must be a whole number of seconds within 1..2147483647, not '0'");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--request-timeout=10s"))
                .hasMessage("HOSTCLONE_REQUEST_TIMEOUT must be a whole number of seconds within 1..2147483647, not '10s'");
    }

    @Test
    void givenRateLimit_whenReading_thenANumberIsTakenAndZeroTurnsItOff() {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_RATE_LIMIT", "250")).rateLimitPerSecond()).isEqualTo(250);
        assertThat(ConfigurationReader.read(Map.of(), "--rate-limit=0").rateLimitPerSecond()).isZero();
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--rate-limit=-5"))
                .hasMessage("HOSTCLONE_RATE_LIMIT must be an integer within 0..2147483647, not '-5'");
    }

    @Test
    void givenHttpMaxConnections_whenReading_thenANumberIsTakenAndZeroTurnsTheCapOff() {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_MAX_CONNECTIONS", "2000")).httpMaxConnections())
                .isEqualTo(2_000);
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_MAX_CONNECTIONS", "2000"), "--http-max-connections=3")
                .httpMaxConnections()).as("the flag wins").isEqualTo(3);
        assertThat(ConfigurationReader.read(Map.of(), "--http-max-connections", "0").httpMaxConnections()).isZero();
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--http-max-connections=-1"))
                .hasMessage("HOSTCLONE_HTTP_MAX_CONNECTIONS must be an integer within 0..2147483647, not '-1'");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_MAX_CONNECTIONS", "lots")))
                .hasMessage("HOSTCLONE_HTTP_MAX_CONNECTIONS must be an integer within 0..2147483647, not 'lots'");
    }

    @Test
    void givenMemoryAuditRecords_whenReading_thenANumberIsTakenAndZeroKeepsAll() {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_MEMORY_AUDIT_RECORDS", "5000")).memoryAuditRecords())
                .isEqualTo(5_000);
        Configuration keepingAll = ConfigurationReader.read(Map.of(), "--memory-audit-records=0");
        assertThat(keepingAll.memoryAuditRecords()).isZero();
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--memory-audit-records=-1"))
                .hasMessage("HOSTCLONE_MEMORY_AUDIT_RECORDS must be an integer within 0..2147483647, not '-1'");
    }

    @Test
    void givenAuditRetention_whenReading_thenWholeDaysAreTaken() {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_AUDIT_RETENTION", "90")).auditRetention())
                .isEqualTo(Duration.ofDays(90));
        assertThat(ConfigurationReader.read(Map.of(), "--audit-retention=1").auditRetention()).isEqualTo(Duration.ofDays(1));
        assertThat(ConfigurationReader.read(Map.of(), "--audit-retention", "36500").auditRetention())
                .isEqualTo(Duration.ofDays(36_500));
    }

    /** Built in code (the embedding, tests) as read: whole days, which the retention's log speaks in. */
    @Test
    void givenARetentionOfPartOfADay_whenAConfigurationIsBuiltWithIt_thenItIsRefused() {
        assertThatThrownBy(() -> Configuration.inMemory(Map.of(), Set.of("admin")).withAuditRetention(Duration.ofHours(36)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("auditRetention must be a number of whole days within 1..36500, not PT36H");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-7", "P90D", "90d", "1.5", "36501", "99999999999999999999"})
    void givenAuditRetentionThatIsNoWholeNumberOfDays_whenReading_thenItIsRefusedNamingIt(String value) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_AUDIT_RETENTION", value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTCLONE_AUDIT_RETENTION must be a number of days within 1..36500 (unset keeps every record),"
                        + " not '" + value + "'");
    }

    @Test
    void givenRequestLimits_whenReading_thenEachIsUsed() {
        Configuration configuration = ConfigurationReader.read(Map.of("HOSTCLONE_MAX_BODY_BYTES", "2048",
                "HOSTCLONE_MAX_JSON_DEPTH", "8"), "--max-string-length=300");

        assertThat(configuration.requestLimits()).isEqualTo(new RequestLimits(2048, 8, 300));
    }

    @Test
    void givenHttpInstances_whenReading_thenCoresMeansOnePerCoreAndANumberIsTaken() {
        assertThat(ConfigurationReader.read(Map.of()).httpInstances())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_INSTANCES", "3")).httpInstances()).isEqualTo(3);
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--http-instances=0"))
                .hasMessage("HOSTCLONE_HTTP_INSTANCES must be cores or an integer within 1..256, not '0'");
    }

    @Test
    void givenStoreTimeoutInSecondsMillisecondsOrPlain_whenReading_thenEachIsADuration() {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_STORE_TIMEOUT", "2s")).storeTimeout())
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(ConfigurationReader.read(Map.of(), "--store-timeout=1500ms").storeTimeout())
                .isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigurationReader.read(Map.of(), "--store-timeout", "750").storeTimeout())
                .isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void givenEnvironment_whenReading_thenEachVariableIsUsed() {
        Configuration configuration = ConfigurationReader.read(Map.of(
                "HOSTCLONE_HTTP_PORT", "9000", "HOSTCLONE_STORAGE", "memory", "HOSTCLONE_APPS", "ops:s3cret, ci:other",
                "HOSTCLONE_ADMINS", "root, alice", "HOSTCLONE_LANGUAGE", "EN"));

        assertThat(configuration.httpPort()).isEqualTo(9000);
        assertThat(configuration.storage()).isEqualTo(Storage.MEMORY);
        assertThat(configuration.apps()).containsEntry("ops", "s3cret").containsEntry("ci", "other");
        assertThat(configuration.administrators()).containsExactlyInAnyOrder("root", "alice");
        assertThat(configuration.language()).isEqualTo("en");
    }

    @Test
    void givenFlagAndVariable_whenReading_thenTheFlagWins() {
        Configuration configuration = ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_PORT", "9000"),
                "--http-port=0", "--storage", "postgres", "--pg-url", "postgresql://u:p@db:5432/hostclone");

        assertThat(configuration.httpPort()).isZero();
        assertThat(configuration.storage()).isEqualTo(Storage.POSTGRES);
        assertThat(configuration.postgresUrl()).isEqualTo("postgresql://u:p@db:5432/hostclone");
    }

    @Test
    void givenHttpsFiles_whenReading_thenBothAreTakenOrNeither(@TempDir Path directory) throws IOException {
        Path certificate = Files.writeString(directory.resolve("tls.crt"), "chain");
        Path key = Files.writeString(directory.resolve("tls.key"), "key");
        assertThat(ConfigurationReader.read(Map.of()).httpTls()).isNull();
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_TLS_CERT", certificate.toString()), "--http-tls-key=" + key)
                .httpTls()).isEqualTo(new HttpTls(certificate, key));
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_TLS_CERT", "/etc/tls.crt")))
                .hasMessage("HOSTCLONE_HTTP_TLS_KEY is required when HOSTCLONE_HTTP_TLS_CERT is set");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--http-tls-key=/etc/tls.key"))
                .hasMessage("HOSTCLONE_HTTP_TLS_CERT is required when HOSTCLONE_HTTP_TLS_KEY is set");
    }

    /**
     * A file the configuration names is refused as the configuration is read (exit 2) unless it is one the server
     * can read: found only as the server opened it, the start failed (exit 1) once the store was open.
     */
    @Test
    void givenHttpsFilesThatAreMissingOrADirectory_whenReading_thenRefusedNamingTheSettingTheFileAndWhatIsWrong(
            @TempDir Path directory) throws IOException {
        Path certificate = Files.writeString(directory.resolve("tls.crt"), "chain");
        Path key = Files.writeString(directory.resolve("tls.key"), "key");
        Path missing = directory.resolve("missing.pem");

        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_TLS_CERT", missing.toString(),
                "HOSTCLONE_HTTP_TLS_KEY", key.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTCLONE_HTTP_TLS_CERT names " + missing + ": no such file");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--http-tls-cert=" + certificate,
                "--http-tls-key=" + directory))
                .hasMessage("HOSTCLONE_HTTP_TLS_KEY names " + directory + ": a directory");
    }

    /** Root reads any file whatever its mode: this runs as another user only. */
    @Test
    void givenAnHttpsKeyThisProcessMayNotRead_whenReading_thenRefusedAsNotReadable(@TempDir Path directory)
            throws IOException {
        Path certificate = Files.writeString(directory.resolve("tls.crt"), "chain");
        Path key = Files.writeString(directory.resolve("tls.key"), "key");
        Files.setPosixFilePermissions(key, Set.of());
        assumeFalse(Files.isReadable(key), "this process reads a file of mode 000 (root)");

        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_TLS_CERT", certificate.toString(),
                "HOSTCLONE_HTTP_TLS_KEY", key.toString())))
                .hasMessage("HOSTCLONE_HTTP_TLS_KEY names " + key + ": not readable");
    }

    /**
     * The URL's files are checked as the URL is, when the storage is postgres, and named by the URL's parameter; a
     * file name is shown, as the URL's refusals show it. {@code sslrootcert=system} names no file.
     */
    @Test
    void givenAPostgresUrlNamingFilesThatAreMissingOrADirectory_whenReading_thenRefusedNamingTheParameterAndTheFile(
            @TempDir Path directory) throws IOException {
        Path certificate = Files.writeString(directory.resolve("client.crt"), "chain");
        Path key = Files.writeString(directory.resolve("client.key"), "key");
        Path missing = directory.resolve("ca.pem");
        String url = "postgresql://hc:topsecret@db/hc?sslmode=verify-full&sslrootcert=";

        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORAGE", "postgres",
                "HOSTCLONE_PG_URL", url + missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTCLONE_PG_URL: PostgreSQL URL parameter 'sslrootcert' names " + missing + ": no such file");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORAGE", "postgres",
                "HOSTCLONE_PG_URL", url + "system&sslcert=" + missing + "&sslkey=" + key)))
                .hasMessage("HOSTCLONE_PG_URL: PostgreSQL URL parameter 'sslcert' names " + missing + ": no such file");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORAGE", "postgres",
                "HOSTCLONE_PG_URL", url + "system&sslcert=" + certificate + "&sslkey=" + directory)))
                .hasMessage("HOSTCLONE_PG_URL: PostgreSQL URL parameter 'sslkey' names " + directory + ": a directory");
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_STORAGE", "postgres",
                "HOSTCLONE_PG_URL", url + "system&sslcert=" + certificate + "&sslkey=" + key)).storage())
                .isEqualTo(Storage.POSTGRES);
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_STORAGE", "memory", "HOSTCLONE_PG_URL", url + missing))
                .storage()).as("left unused with another storage").isEqualTo(Storage.MEMORY);
    }

    /** The default storage would start an embedded PostgreSQL in the working directory, leaving the database unused. */
    @Test
    void givenAUrlAndNoStorage_whenReading_thenTheStorageIsAskedFor() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_PG_URL", "postgresql://u:topsecret@db/x")))
                .hasMessage("HOSTCLONE_PG_URL is set, and HOSTCLONE_STORAGE is not: set HOSTCLONE_STORAGE=postgres to use"
                        + " that database, or HOSTCLONE_STORAGE=embedded to leave it unused");
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_PG_URL", "postgresql://u:p@db/x"), "--storage=embedded")
                .storage()).isEqualTo(Storage.EMBEDDED);
    }

    /** Only the postgres storage uses the URL: with another, one it would refuse is left unused, as the refusal above offers. */
    @Test
    void givenAUrlThePostgresStorageWouldRefuse_whenAnotherStorageIsChosen_thenItIsLeftUnused() {
        String url = "postgresql://hc:pw@db/hc?sslrootcert=/etc/ssl/ca@corp.pem";
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_PG_URL", url), "--storage=postgres"))
                .hasMessageStartingWith("HOSTCLONE_PG_URL: PostgreSQL URL has an @ after its host");

        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_PG_URL", url), "--storage=memory").storage())
                .isEqualTo(Storage.MEMORY);
    }

    @Test
    void givenPostgresWithoutUrl_whenReading_thenTheUrlIsAskedFor() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORAGE", "postgres")))
                .hasMessage("HOSTCLONE_PG_URL is required when HOSTCLONE_STORAGE=postgres");
    }

    /**
     * A bare number of the store timeout is milliseconds; one too small to be meant so (the other timeouts
     * are seconds) is refused, saying how to write either; a number too great for a duration is refused,
     * where it was an ArithmeticException's trace.
     */
    @Test
    void givenAStoreTimeoutThatIsABareSmallNumberOrTooGreat_whenReading_thenRefusedSayingHowToWriteIt() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORE_TIMEOUT", "30")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTCLONE_STORE_TIMEOUT=30 would be 30 milliseconds: write 30s for seconds, or 30ms if"
                        + " milliseconds are meant");
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_STORE_TIMEOUT", "30ms")).storeTimeout())
                .isEqualTo(Duration.ofMillis(30));
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORE_TIMEOUT", "9223372036854775807s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTCLONE_STORE_TIMEOUT must be a positive duration such as 5s, 1500ms or 5000,"
                        + " not '9223372036854775807s'");
    }

    @Test
    void givenBadValues_whenReading_thenTheMessageNamesTheSetting() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--http-port=70000"))
                .hasMessageContaining("HOSTCLONE_HTTP_PORT");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--storage=mongo"))
                .hasMessageContaining("HOSTCLONE_STORAGE");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--max-json-depth=0"))
                .hasMessage("HOSTCLONE_MAX_JSON_DEPTH must be an integer within 1..2147483647, not '0'");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--store-timeout=0s"))
                .hasMessageContaining("HOSTCLONE_STORE_TIMEOUT");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--store-timeout=soon"))
                .hasMessageContaining("HOSTCLONE_STORE_TIMEOUT");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--colour=blue"))
                .hasMessage("unknown option '--colour'");
    }

    @Test
    void givenAMistypedAppsFlag_whenReading_thenOnlyItsNameIsEchoed() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--app=ops:topsecret"))
                .hasMessage("unknown option '--app' (did you mean --apps?)");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--port=9000"))
                .hasMessage("unknown option '--port' (did you mean --http-port?)");
    }

    /**
     * A refusal goes to the journal or the container's log: a value with a secret's shape is not quoted, wherever it
     * was put (until 2026-12-07 each of these was quoted whole). A port after a name is no secret's shape.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HOSTCLONE_STORAGE | postgresql://hc:topsecret@db/hc | must be embedded, postgres or memory",
            "HOSTCLONE_HTTP_HOST | hc:topsecret@db | must be an IP address",
            "HOSTCLONE_HTTP_HOST | http://hc@0.0.0.0 | must be an IP address",
            "HOSTCLONE_STORAGE | db?user=hc&password=topsecret | must be embedded, postgres or memory",
            "HOSTCLONE_TIME_ZONE | bk.ops:12345678 | must be a region",
            "HOSTCLONE_TIME_ZONE | ops:topsecret | must be a region",
            "HOSTCLONE_HTTP_PORT | pbkdf2-sha256$210000$c2FsdA$aGFzaA | must be a port number",
            "HOSTCLONE_LANGUAGE | topsecret-topsecret-topsecret-topsecret-topsecret-topsecret-topsecret | must be zh-cn or en"})
    void givenAValueShapedLikeASecret_whenRefused_thenItIsNotQuoted(String variable, String value, String refusal) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(variable, value)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable + " " + refusal)
                .hasMessageEndingWith(", not the value given (not shown, as it may hold a secret: a URL with a user or"
                        + " password, code:secret, a hash, or over 64 characters)")
                .message().doesNotContain("topsecret").doesNotContain("aGFzaA").doesNotContain("0.0.0.0")
                .doesNotContain("12345678");
    }

    /**
     * What an operator needs to see is shown: a Kubernetes service link in the port (the README's case), an
     * unexpanded variable, a time, a port after a name.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HOSTCLONE_HTTP_PORT | tcp://10.96.0.12:8080 | must be a port number 0..65535",
            "HOSTCLONE_HTTP_PORT | ${PORT} | must be a port number 0..65535",
            "HOSTCLONE_HTTP_PORT | $(PORT) | must be a port number 0..65535",
            "HOSTCLONE_TIME_ZONE | 00:00:05 | must be a region",
            "HOSTCLONE_STORAGE | localhost:5432 | must be embedded, postgres or memory"})
    void givenAValueWithNoSecretsShape_whenRefused_thenItIsQuoted(String variable, String value, String refusal) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(variable, value)))
                .hasMessageStartingWith(variable + " " + refusal)
                .hasMessageEndingWith(", not '" + value + "'");
    }

    /** A URL put where a file is named is not shown: its password with it went to the log until 2026-12-07. */
    @Test
    void givenAUrlWhereAFileIsNamed_whenRefused_thenItIsNotShown() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_TLS_CERT", "https://hc:topsecret@vault/cert",
                "HOSTCLONE_HTTP_TLS_KEY", "/no/such/key.pem")))
                .hasMessage("HOSTCLONE_HTTP_TLS_CERT names a file whose name is not shown, as it may hold a secret: no such file");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_CONFIG", "postgresql://hc:topsecret@db/hc")))
                .message().doesNotContain("topsecret");
    }

    /** An option and its value in one argument (Kubernetes' {@code args: ["--apps ops:secret"]}), or ':' for '='. */
    @Test
    void givenAnOptionAndItsValueInOneArgument_whenReading_thenRefusedShowingTheOptionAlone() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--storage=memory", "--apps ops:topsecret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("argument 2 is '--apps' and more in one argument: give --apps=value, or --apps and its value"
                        + " as two arguments (the rest is not shown, as it may hold a secret)");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--pg-url:postgresql://hc:topsecret@db/hc?sslmode=require"))
                .hasMessage("argument 1 is '--pg-url' and more in one argument: give --pg-url=value, or --pg-url and its"
                        + " value as two arguments (the rest is not shown, as it may hold a secret)");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--pg_url=postgresql://hc:topsecret@db/hc"))
                .hasMessage("unknown option '--pg_url' (did you mean --pg-url?)");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--=topsecret"))
                .hasMessageStartingWith("argument 1 is no option").message().doesNotContain("topsecret");
    }

    /**
     * An argument that is no option is not quoted: it is most likely a value whose option was left out, or split off
     * by a space, and such values are secrets as often as not. Until 2026-12-06 it was quoted whole as an unknown option.
     */
    @Test
    void givenAnArgumentThatIsNoOption_whenReading_thenRefusedByItsPlaceNotQuotingIt() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--storage", "postgres", "postgresql://hc:topsecret@db/hc"))
                .hasMessage("argument 3 is no option: give each as --name=value or --name value (the argument is not"
                        + " shown, as it may hold a secret)");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--apps", "ops:topsecret,", "web:other"))
                .hasMessageStartingWith("argument 3 is no option").message().doesNotContain("other");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "-apps=ops:topsecret"))
                .hasMessageStartingWith("argument 1 is no option").message().doesNotContain("topsecret");
    }

    /**
     * Digits are ASCII's, as in the PostgreSQL URL's port: the JDK's parse took {@code ８０８０} (as a Chinese input
     * method types it) and {@code +80}, until 2026-12-06.
     */
    @ParameterizedTest
    @ValueSource(strings = {"\uff18\uff10\uff18\uff10", "+80", "\u0968\u0966"})
    void givenANumberNotInAsciiDigits_whenReading_thenRefusedAsAnyMalformedNumber(String number) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_PORT", number)))
                .hasMessage("HOSTCLONE_HTTP_PORT must be a port number 0..65535, not '" + number + "'");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_RATE_LIMIT", number)))
                .hasMessage("HOSTCLONE_RATE_LIMIT must be an integer within 0..2147483647, not '" + number + "'");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORE_TIMEOUT", number + "s")))
                .hasMessageStartingWith("HOSTCLONE_STORE_TIMEOUT must be a positive duration");
    }

    /**
     * Each entry is trimmed as a whole value is ({@link ConfigurationReader#value}), and as {@code --hash-secret} trims
     * the secret it hashes: the value's last secret lost an ideographic space after it, another entry's kept it.
     */
    @Test
    void givenEntriesWithAnIdeographicSpaceAroundThem_whenReading_thenEachIsTrimmedAsAWholeValueIs() {
        Configuration configuration = ConfigurationReader.read(Map.of("HOSTCLONE_APPS", "ops:s3cret\u3000,\u3000ci:other",
                "HOSTCLONE_ADMINS", "alice\u3000,bob"));

        assertThat(configuration.apps()).containsOnly(entry("ops", "s3cret"), entry("ci", "other"));
        assertThat(configuration.administrators()).containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void givenAppWithoutSecret_whenReading_thenNoSecretIsEchoed() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_APPS", "ops:topsecret,broken")))
                .hasMessage("HOSTCLONE_APPS entries must be code:secret")
                .hasMessageNotContaining("topsecret");
    }

    /** Commas alone split into no entry: read as no apps, they removed every app from a shared store as an empty value had. */
    @ParameterizedTest
    @ValueSource(strings = {",", ",,"})
    void givenAppsOfCommasAlone_whenReading_thenRefusedAsNamingNoApp(String commas) {
        String expected = "HOSTCLONE_APPS is set but names no app: give it code:secret entries, or unset it for its default";
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_APPS", commas))).hasMessage(expected);
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--apps=" + commas)).hasMessage(expected);
    }

    @Test
    void givenAnAppWithTheHashOfItsSecret_whenReading_thenTheHashIsKeptAsGiven() {
        String hash = SecretHashing.hash("s3cret");

        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_APPS", "ops:" + hash)).apps()).containsExactly(entry("ops", hash));
    }

    /**
     * A hash given in double quotes to a shell loses every {@code $…} to variable expansion; what is left
     * was taken for a secret in clear, and replaced the app's secret in a shared store.
     */
    @Test
    void givenAHashExpandedByAShellInDoubleQuotes_whenReading_thenItIsRefusedUnquoted() {
        String[] parts = SecretHashing.hash("s3cret").split("\\$");
        String expanded = parts[0] + parts[1].substring(1) + parts[2].replaceFirst("^[A-Za-z0-9_]*", "")
                + parts[3].replaceFirst("^[A-Za-z0-9_]*", "");

        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_APPS", "ops:" + expanded)))
                .hasMessageStartingWith("HOSTCLONE_APPS: the secret of app 'ops' starts as a hash but is not a whole one")
                .hasMessageNotContaining(expanded);
    }

    /**
     * Read as unset, an empty HOSTCLONE_APPS removed every app from a shared store, and an empty
     * HOSTCLONE_DATA_DIR put the data in the working directory, so did an empty --data-dir; and an empty
     * HOSTCLONE_AUDIT_RETENTION kept every audit record, which the disk grows with; an empty HOSTCLONE_ADMINS
     * made admin an administrator; an empty certificate and key (until 2026-12-07) served plain HTTP, and an empty
     * host listened on every address.
     */
    @ParameterizedTest
    @ValueSource(strings = {"HOSTCLONE_APPS", "HOSTCLONE_DATA_DIR", "HOSTCLONE_AUDIT_RETENTION", "HOSTCLONE_ADMINS",
            "HOSTCLONE_HTTP_TLS_CERT", "HOSTCLONE_HTTP_TLS_KEY", "HOSTCLONE_HTTP_HOST"})
    void givenASettingThatMustNotBeEmptySetEmpty_whenReading_thenRefusedNamingIt(String variable) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(variable, " ")))
                .hasMessage(variable + " is set but empty: give it a value, or unset it for its default");
        String flag = "--" + variable.substring("HOSTCLONE_".length()).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), flag + "="))
                .hasMessage("option " + flag + " needs a value: unset, it takes its default");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), flag, ""))
                .hasMessage("option " + flag + " needs a value: unset, it takes its default");
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_LANGUAGE", "")).language())
                .as("another empty variable is its default").isEqualTo(ConfigurationReader.read(Map.of()).language());
    }

    @Test
    void givenAnAppWithAMangledHash_whenReading_thenItIsRefusedUnquoted() {
        String[] parts = SecretHashing.hash("s3cret").split("\\$");
        String cutShort = parts[0] + "$" + parts[1] + "$" + parts[2] + "$" + parts[3].substring(0, 20);

        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_APPS", "ci:other,ops:" + cutShort)))
                .hasMessage("HOSTCLONE_APPS: the secret of app 'ops' starts as a hash but is not a whole one;"
                        + " make one with java -jar hostclone.jar --hash-secret")
                .hasMessageNotContaining(cutShort);
    }

    @Test
    void givenTheUsage_whenReadingIt_thenEverySettingAndEveryParameterOfThePostgresUrlIsNamed() {
        String usage = ConfigurationReader.usage();

        for (ConfigurationReader.Setting setting : ConfigurationReader.Setting.values()) {
            assertThat(usage).contains(setting.flag(), setting.variable());
        }
        assertThat(usage).contains("pool_size=N (default 8)", "sslrootcert=FILE|system", "sslcert=FILE", "sslkey=FILE",
                "sslpassword=");
        for (SslMode mode : SslMode.VALUES) {
            assertThat(usage).as("sslmode %s", mode.value).containsPattern("sslmode=[a-z|-]*\\b" + mode.value + "\\b");
        }
    }

    /** A flag is typed, not templated: an empty one is most likely a shell variable that was not set. */
    @ParameterizedTest
    @ValueSource(strings = {"--http-host", "--pg-url", "--language", "--http-port"})
    void givenAnyFlagEmpty_whenReading_thenRefusedNamingIt(String flag) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORAGE", "postgres"), flag + "="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option " + flag + " needs a value: unset, it takes its default");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), flag, " "))
                .hasMessage("option " + flag + " needs a value: unset, it takes its default");
    }

    /**
     * An unquoted shell variable left empty drops out of the command line, and the option after it was taken as its
     * value: the one administrator was {@code --http-port=9000}, and the server listened on 8080. The next
     * argument is not shown: it may hold a secret.
     */
    @ParameterizedTest
    @CsvSource({"--admins, --http-port=9000", "--data-dir, --storage=memory", "--apps, --pg-url=postgresql://u:p@db/hc"})
    void givenAFlagWhoseValueIsAnotherOption_whenReading_thenRefusedNamingTheFlagAlone(String flag, String next) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), flag, next))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option " + flag + " needs a value, and the next argument is another option: give " + flag
                        + "=value (an unset shell variable leaves nothing between them)")
                .hasMessageNotContaining(next);
    }

    @Test
    void givenAFlagLastWithoutItsValue_whenReading_thenRefusedNamingIt() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--storage=memory", "--http-port"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --http-port needs a value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "127.0.0.1", "::", "::1", "fe80::1%eth0", "fe80::1%no-such-interface",
            "::ffff:10.0.0.1", "FE80::A", "localhost", "host-1.example.com", "host-1.example.com."})
    void givenAnAddressOrAHostName_whenReadingTheHttpHost_thenItIsTakenAsGiven(String host) {
        assertThat(ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_HOST", host)).httpHost()).isEqualTo(host);
    }

    /** Each failed every start (exit 1), which a supervisor restarts for good, until 2026-12-07. */
    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0:9000", "localhost:8080", "http://0.0.0.0", "[::1]", "1::2::3", "::g", "a b",
            "-host", "host..", ".::1"})
    void givenAHostWithAPortASchemeOrNoAddressForm_whenReading_thenRefusedNamingTheSetting(String host) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_HTTP_HOST", host)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTCLONE_HTTP_HOST must be an IP address (IPv6 without brackets) or a host name, with no"
                        + " port or scheme (the port is HOSTCLONE_HTTP_PORT), not '" + host + "'");
    }

    /** The last would win, and the first (a script's default, say) be dropped without a word. */
    @Test
    void givenAFlagTwice_whenReading_thenRefusedNamingIt() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--http-port=9000", "--rate-limit=0", "--http-port", "9001"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option --http-port is given twice: give it once");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--apps=ops:first", "--apps=ops:second"))
                .hasMessage("option --apps is given twice: give it once");
    }

    @Test
    void givenAnAppTwice_whenReading_thenRefusedNamingItsCodeAndNeitherSecret() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_APPS", "ops:first,ci:other, ops :second")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTCLONE_APPS names app 'ops' twice: give each app once");
    }

    @ParameterizedTest
    @ValueSource(strings = {",", " , ,"})
    void givenAdminsOfCommasAlone_whenReading_thenRefusedAsNamingNoAdministrator(String commas) {
        String expected = "HOSTCLONE_ADMINS is set but names no administrator: give it user names, or unset it for its default";
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_ADMINS", commas))).hasMessage(expected);
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of(), "--admins=" + commas)).hasMessage(expected);
    }

    @Test
    void givenAnAdministratorLongerThanAnyCallersName_whenReading_thenRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_ADMINS", "admin, " + "a".repeat(257))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HOSTCLONE_ADMINS: a name holds at most 256 characters, and '"
                        + "a".repeat(32) + "...' holds 257");
    }

    /** Checked as the configuration is read: at the start, it was a failed start (exit 1) with its trace. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql:/hc:topsecret@db:5432/hc | HOSTCLONE_PG_URL: PostgreSQL URL names no host: postgresql:***@db:5432/hc",
            "postgresql://db/hc?user=hc&password=topsecret | HOSTCLONE_PG_URL: PostgreSQL URL parameter 'user' is not"
                    + " supported: give the user and password before the host, postgresql://user:password@host:port/database",
            "postgresql://hc:topsecret@db:99999/hc | HOSTCLONE_PG_URL: PostgreSQL port out of range: 99999",
            "postgresql://hc:topsecret@db/hc?pool_size=0 | HOSTCLONE_PG_URL: PostgreSQL URL parameter 'pool_size' must be a"
                    + " positive integer: 0"})
    void givenAMalformedPostgresUrl_whenReading_thenRefusedNamingTheSettingWithThePasswordMasked(String url, String message) {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORAGE", "postgres", "HOSTCLONE_PG_URL", url)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    /** The configuration file refuses an unknown name, and serves systemd's EnvironmentFile= as well. */
    @Test
    void givenAMistypedVariable_whenReading_thenRefusedNamingItAndTheNearestSetting() {
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_STORAG", "postgres", "HOSTCLONE_APPS", "ops:s3cret")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown environment variable HOSTCLONE_STORAG (did you mean HOSTCLONE_STORAGE?): HostClone"
                        + " has no such setting, and would leave the one meant at its default; unset it");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_TIMEOUT", "3")))
                .hasMessageStartingWith("unknown environment variable HOSTCLONE_TIMEOUT (did you mean"
                        + " HOSTCLONE_HTTP_IDLE_TIMEOUT, HOSTCLONE_REQUEST_TIMEOUT, HOSTCLONE_START_TIMEOUT or"
                        + " HOSTCLONE_STORE_TIMEOUT?): ");
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_SECRET", "topsecret")))
                .hasMessage("unknown environment variable HOSTCLONE_SECRET: HostClone has no such setting, and would"
                        + " leave the one meant at its default; unset it");
    }

    @Test
    void givenTheLaunchersVariablesAndAKubernetesServicesLinks_whenReading_thenTheyAreKnown() {
        Map<String, String> environment = Map.ofEntries(entry("HOSTCLONE_JAVA_OPTS", "-Xmx256m"),
                entry("HOSTCLONE_CLASS_ARCHIVE", "off"), entry("HOSTCLONE_SERVICE_HOST", "10.0.0.7"),
                entry("HOSTCLONE_SERVICE_PORT", "8080"), entry("HOSTCLONE_SERVICE_PORT_HTTP", "8080"),
                entry("HOSTCLONE_PORT", "tcp://10.0.0.7:8080"), entry("HOSTCLONE_PORT_8080_TCP", "tcp://10.0.0.7:8080"),
                entry("HOSTCLONE_PORT_8080_TCP_PROTO", "tcp"), entry("HOSTCLONE_PORT_8080_TCP_ADDR", "10.0.0.7"),
                entry("HOSTCLONE_PORT_8080_TCP_PORT", "8080"), entry("HOSTCLONE_DB_SERVICE_HOST", "10.0.0.8"),
                entry("HOSTCLONE_DB_SERVICE_PORT", "5432"), entry("HOSTCLONE_DB_PORT", "tcp://10.0.0.8:5432"));

        assertThat(ConfigurationReader.read(environment).httpPort()).isEqualTo(8080);
        assertThatThrownBy(() -> ConfigurationReader.read(Map.of("HOSTCLONE_PORT", "9000")))
                .as("without a service's _SERVICE_HOST and _SERVICE_PORT, a mistyped setting")
                .hasMessageStartingWith("unknown environment variable HOSTCLONE_PORT (did you mean HOSTCLONE_HTTP_PORT?): ");
    }
}
