package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vertx.pgclient.SslMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PgSettingsTest {

    @Test
    void givenFullUrl_whenParsing_thenEveryPartIsRead() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc:s%40cret@db.example:6543/hostclone");

        assertThat(settings.host()).isEqualTo("db.example");
        assertThat(settings.port()).isEqualTo(6543);
        assertThat(settings.database()).isEqualTo("hostclone");
        assertThat(settings.user()).isEqualTo("hc");
        assertThat(settings.password()).isEqualTo("s@cret");
        assertThat(settings.poolSize()).isEqualTo(PgSettings.DEFAULT_POOL_SIZE);
        assertThat(settings.timeout()).isEqualTo(PgSettings.DEFAULT_TIMEOUT);
        assertThat(settings.listenForModelChanges()).isTrue();
        assertThat(settings.tls()).as("libpq's default").isEqualTo(PgTls.PREFERRED);
    }

    @Test
    void givenShortSchemeWithoutPortOrDatabase_whenParsing_thenLibpqDefaultsApply() {
        PgSettings settings = PgSettings.fromUrl("postgres://hc@localhost");

        assertThat(settings.port()).isEqualTo(5432);
        assertThat(settings.database()).isEqualTo("hc");
        assertThat(settings.password()).isEmpty();
    }

    @Test
    void givenJdbcPrefixIpv6HostAndParameters_whenParsing_thenTheyAreRead() {
        PgSettings settings = PgSettings.fromUrl("jdbc:postgresql://hc:pw@[::1]:5433/db?pool_size=3&connect_timeout=2");

        assertThat(settings.host()).isEqualTo("::1");
        assertThat(settings.poolSize()).isEqualTo(3);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.jdbcUrl()).startsWith("jdbc:postgresql://[::1]:5433/db");
    }

    /**
     * A host name with an underscore is no host name by the URI rules, and {@link java.net.URI} read no host
     * at all from it; libpq connects to it, and Docker Compose's services are often named so.
     */
    @Test
    void givenAHostNameWithAnUnderscore_whenParsing_thenEveryPartIsRead() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc:s%40cret@db_primary:6543/hostclone?pool_size=3");
        PgSettings withoutPort = PgSettings.fromUrl("postgres://hc@db_primary");

        assertThat(settings).isEqualTo(new PgSettings("db_primary", 6543, "hostclone", "hc", "s@cret", 3,
                PgSettings.DEFAULT_TIMEOUT, true, PgTls.PREFERRED));
        assertThat(withoutPort.host()).isEqualTo("db_primary");
        assertThat(withoutPort.port()).isEqualTo(5432);
        assertThat(PgSettings.fromUrl(settings.url())).isEqualTo(settings);
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc:topsecret@db_primary:54x2/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no valid port")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void givenSettings_whenWrittenAsUrl_thenParsingGivesThemBack() {
        PgSettings settings = new PgSettings("localhost", 5433, "my db", "user", "p@ss:w/rd", 4, Duration.ofSeconds(3), true,
                new PgTls(SslMode.VERIFY_FULL, Path.of("/etc/hostclone/root ca+1.pem")));

        assertThat(PgSettings.fromUrl(settings.url())).isEqualTo(settings);
    }

    @Test
    void givenEachSslMode_whenParsing_thenItIsTakenByItsLibpqName() {
        assertThat(PgSettings.fromUrl("postgresql://hc@db/x?sslmode=disable").tls()).isEqualTo(PgTls.DISABLED);
        assertThat(PgSettings.fromUrl("postgresql://hc@db/x?sslmode=allow").tls().mode()).isEqualTo(SslMode.ALLOW);
        assertThat(PgSettings.fromUrl("postgresql://hc@db/x?sslmode=prefer").tls()).isEqualTo(PgTls.PREFERRED);
        assertThat(PgSettings.fromUrl("postgresql://hc@db/x?sslmode=require").tls().mode()).isEqualTo(SslMode.REQUIRE);
        assertThat(PgSettings.fromUrl("postgresql://hc@db/x?sslmode=verify-ca&sslrootcert=/etc/ca.pem").tls())
                .isEqualTo(new PgTls(SslMode.VERIFY_CA, Path.of("/etc/ca.pem")));
        assertThat(PgSettings.fromUrl("postgresql://hc@db/x?sslrootcert=%2Fetc%2Fca.pem&sslmode=verify-full").tls())
                .isEqualTo(new PgTls(SslMode.VERIFY_FULL, Path.of("/etc/ca.pem")));
    }

    @Test
    void givenTls_whenFlywaysUrlIsMade_thenTheDriverGetsTheSameModeAndRoots() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc@db/x?sslmode=verify-full&sslrootcert=/etc/my%20ca.pem");

        assertThat(settings.jdbcUrl()).isEqualTo(
                "jdbc:postgresql://db:5432/x?connectTimeout=5&loginTimeout=5&sslmode=verify-full&sslrootcert=%2Fetc%2Fmy+ca.pem");
        assertThat(PgSettings.fromUrl("postgresql://hc@db/x").jdbcUrl()).endsWith("&sslmode=prefer");
    }

    @Test
    void givenAClientCertificate_whenParsing_thenBothClientsGetItAndTheUrlKeepsIt() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc@db/x?sslmode=verify-full&sslrootcert=/etc/ca.pem"
                + "&sslcert=/etc/hc.pem&sslkey=/etc/hc-key.pem");

        assertThat(settings.tls()).isEqualTo(new PgTls(SslMode.VERIFY_FULL, Path.of("/etc/ca.pem"), Path.of("/etc/hc.pem"),
                Path.of("/etc/hc-key.pem")));
        assertThat(PgSettings.fromUrl(settings.url())).isEqualTo(settings);
        assertThat(settings.jdbcUrl()).endsWith("&sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&sslcert=%2Fetc%2Fhc.pem"
                + "&sslkey=%2Fetc%2Fhc-key.pem&sslfactory=" + LibpqSocketFactory.class.getName());
        assertThat(settings.toString()).endsWith(", sslmode=verify-full, sslrootcert=/etc/ca.pem, sslcert=/etc/hc.pem]");
    }

    @Test
    void givenAnEncryptedClientKeysPassword_whenParsing_thenItReachesTheDriverAsAPropertyNeverInAUrlOrPrint() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc@db/x?sslmode=require&sslcert=/etc/hc.pem"
                + "&sslkey=/etc/hc-key.pem&sslpassword=key%26secret");

        assertThat(settings.tls().clientKeyPassword()).isEqualTo("key&secret");
        assertThat(settings.tls().jdbcSecretProperties()).containsExactly(Map.entry("sslpassword", "key&secret"));
        assertThat(settings.jdbcUrl()).doesNotContain("sslpassword").doesNotContain("secret");
        assertThat(PgSettings.fromUrl(settings.url())).isEqualTo(settings);
        assertThat(settings.toString()).doesNotContain("secret");
        assertThat(settings.tls().toString()).endsWith(", clientKeyPassword=***]").doesNotContain("secret");
    }

    @Test
    void givenAPasswordWithoutAKey_whenParsing_thenRefusedSayingWhatItIsFor() {
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslmode=require&sslpassword=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sslpassword needs sslkey: it is the password of that key's file");
    }

    @Test
    void givenABadUrlWithAKeysPassword_whenParsing_thenTheMessageMasksIt() {
        assertThatThrownBy(() -> PgSettings.fromUrl("mysql://hc@db/x?sslkey=/etc/k.pem&sslpassword=topsecret&sslcert=/c"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sslpassword=***&sslcert=/c")
                .hasMessageNotContaining("topsecret");
    }

    /** The parser's reason only: its own message, and so its trace, holds the URL in clear. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://ops:my secret@db/x | not a PostgreSQL URL: postgresql://ops:***@db/x: Illegal character in authority",
            "postgresql://ops:50%off@db/x | not a PostgreSQL URL: postgresql://ops:***@db/x: Malformed escape pair"})
    void givenAPasswordThatIsNoUriText_whenParsing_thenTheMessageSaysWhyAndNothingInItOrItsCausesHoldsThePassword(
            String url, String message) {
        Throwable refused = catchThrowable(() -> PgSettings.fromUrl(url));

        assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessage(message).hasNoCause();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://ops:p@ss word@db/x", "postgresql://ops:pa/ss word@db/x", "postgresql://ops:p@ss:@db/x?a b"})
    void givenAnUnescapedPasswordInABadUrl_whenParsing_thenTheMessageHoldsNoneOfIt(String url) {
        assertThatThrownBy(() -> PgSettings.fromUrl(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://ops:***@").hasMessageNotContaining("ss");
    }

    @Test
    void givenSystemRootsWithoutAMode_whenParsing_thenVerifyFullAsInLibpqAndTheDriverGetsTheJvmsTrust() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc@db.example/x?sslrootcert=system");

        assertThat(settings.tls()).isEqualTo(new PgTls(SslMode.VERIFY_FULL, PgTls.SYSTEM_ROOTS));
        assertThat(settings.tls().systemRoots()).isTrue();
        assertThat(PgSettings.fromUrl(settings.url())).isEqualTo(settings);
        assertThat(settings.jdbcUrl()).endsWith("&sslmode=verify-full&sslrootcert=system&sslfactory="
                + LibpqSocketFactory.class.getName());
        assertThat(PgSettings.fromUrl("postgresql://hc@db/x?sslrootcert=./system&sslmode=verify-ca").tls().systemRoots())
                .as("a file named system, written as a path").isFalse();
    }

    @Test
    void givenSystemRootsWithAWeakerMode_whenParsing_thenRefusedAsInLibpq() {
        for (String mode : new String[] {"verify-ca", "require", "prefer"}) {
            assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslmode=" + mode + "&sslrootcert=system"))
                    .as(mode)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("sslrootcert=system needs sslmode=verify-full, as in libpq: the platform's certificate"
                            + " authorities vouch for any server's chain, only the name tells this server apart");
        }
    }

    @Test
    void givenHalfAClientCertificateOrOneWithoutTls_whenParsing_thenRefusedSayingWhy() {
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslmode=require&sslcert=/etc/hc.pem"))
                .hasMessage("sslcert needs sslkey: the PEM file of its private key");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslmode=require&sslkey=/etc/hc-key.pem"))
                .hasMessage("sslkey needs sslcert: the PEM file of the client certificate it belongs to");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslmode=disable&sslcert=/etc/hc.pem"
                + "&sslkey=/etc/hc-key.pem"))
                .hasMessage("sslcert and sslkey need TLS, not sslmode=disable");
    }

    @Test
    void givenTls_whenPrinted_thenModeAndRootFileAreShown() {
        assertThat(PgSettings.fromUrl("postgresql://hc@db/x?sslmode=verify-ca&sslrootcert=/etc/ca.pem").toString())
                .endsWith(", sslmode=verify-ca, sslrootcert=/etc/ca.pem]");
    }

    @Test
    void givenTlsParametersThatDoNotFit_whenParsing_thenRefusedSayingWhy() {
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslmode=on"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported sslmode 'on' (supported: disable, allow, prefer, require, verify-ca, verify-full)");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslmode=verify-full"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sslmode=verify-full needs sslrootcert: the PEM file of the certificate authorities"
                        + " to verify the server's certificate against, or system for the platform's");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslmode=require&sslrootcert=/etc/ca.pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sslrootcert is used only with sslmode=verify-ca or verify-full, not with sslmode=require");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslrootcert=/etc/ca.pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sslrootcert is used only with sslmode=verify-ca or verify-full, not with sslmode=prefer");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslmode=verify-ca&sslrootcert="))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PostgreSQL URL parameter 'sslrootcert' must name a file");
    }

    @Test
    void givenSettings_whenPrinted_thenThePasswordIsHidden() {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc:topsecret@localhost/db");

        assertThat(settings.toString()).contains("hc@localhost:5432/db").doesNotContain("topsecret");
    }

    @Test
    void givenBadUrls_whenParsing_thenRefusedWithoutEchoingThePassword() {
        assertThatThrownBy(() -> PgSettings.fromUrl("mysql://hc:topsecret@localhost/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://localhost/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no user");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@localhost/db?sslcrl=/etc/revoked.pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unsupported PostgreSQL URL parameter 'sslcrl'"
                        + " (supported: pool_size, connect_timeout, sslmode, sslrootcert, sslcert, sslkey, sslpassword)");
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@localhost/db?pool_size=0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pool_size");
    }
}
