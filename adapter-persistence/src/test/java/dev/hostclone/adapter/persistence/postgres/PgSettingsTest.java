package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.hostclone.domain.testing.Generators;
import io.vertx.pgclient.SslMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.quicktheories.core.Gen;

class PgSettingsTest {

    private static final String SECRET_WORD = "SEKRIT";
    private static final String WITHOUT_AT = "postgresql://hc:{pw}/hc";
    private static final String AS_A_PARAMETER = "postgresql://hc@db/hc?{pw}";
    private static final List<String> SHAPES = List.of(
            "postgresql://hc:{pw}@db:5432/hc{n}", "postgres://hc:{pw}@db_primary/hc?pool_size=2{n}",
            "jdbc:postgresql://hc:{pw}@[::1]:5432/hc", "postgresql:/hc:{pw}@db:5432/hc", "postgresql:hc:{pw}@db/hc",
            "hc:{pw}@db/hc", "{pw}", WITHOUT_AT, "postgresql://{n}hc:{pw}@db/hc?sslmode=disable",
            "postgresql://db/hc?user=hc&password={pw}", "postgresql://hc@db/hc?password={pw}&password={pw}",
            "postgresql://hc@db/hc?%70assword={pw}", "postgresql://hc@db/hc?%73slpassword={pw}",
            "postgresql://hc@db/hc?sslkey=/k&sslcert=/c&sslmode=require&sslpassword={pw}",
            "postgresql://hc@db/hc?sslpassword={pw}&sslpassword={pw}", "postgresql://hc@db/hc?pasword={pw}",
            "postgresql://hc@db/hc?PASSWORD={pw}", AS_A_PARAMETER, "mysql://hc:{pw}@db/hc?password={pw}",
            "postgresql://hc:{pw}@db/hc?sslrootcert=/a@b&sslmode=verify-ca", "postgresql://hc:{pw}@db:{n}/hc",
            "{pw}://hc@db/hc", "{pw}:hc@db/hc");

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

    /** Flyway connects through pgjdbc's URL, which must name the database the pools connect to, whatever its name. */
    @ParameterizedTest
    @ValueSource(strings = {"my%3Fdb", "a+b", "a%2Bb", "hc%25x", "%E5%BA%93", "a%20b%2Fc%23d"})
    void givenADatabaseNameWithUrlSyntaxInIt_whenMadeIntoAJdbcUrl_thenPgjdbcReadsTheSameName(String encoded) {
        PgSettings settings = PgSettings.fromUrl("postgresql://hc@db/" + encoded);

        Properties parsed = org.postgresql.Driver.parseURL(settings.jdbcUrl(), new Properties());

        assertThat(parsed).as(settings.jdbcUrl()).isNotNull();
        assertThat(parsed.getProperty("PGDBNAME")).isEqualTo(settings.database());
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
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@db/x?sslkey=/etc/k.pem&sslpassword=topsecret&sslcert=/c&oops"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sslpassword=***&sslcert=/c&***")
                .hasMessageNotContaining("topsecret");
    }

    /** The parser's reason only: its own message, and so its trace, holds the URL in clear. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql://ops:my secret@db/x | not a PostgreSQL URL: postgresql://***@db/x: Illegal character in authority",
            "postgresql://ops:50%off@db/x | not a PostgreSQL URL: postgresql://***@db/x: Malformed escape pair"})
    void givenAPasswordThatIsNoUriText_whenParsing_thenTheMessageSaysWhyAndNothingInItOrItsCausesHoldsThePassword(
            String url, String message) {
        Throwable refused = catchThrowable(() -> PgSettings.fromUrl(url));

        assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessage(message).hasNoCause();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://ops:p@ss word@db/x", "postgresql://ops:pa/ss word@db/x", "postgresql://ops:p@ss:@db/x?a b"})
    void givenAnUnescapedPasswordInABadUrl_whenParsing_thenTheMessageHoldsNoneOfIt(String url) {
        assertThatThrownBy(() -> PgSettings.fromUrl(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgresql://***@").hasMessageNotContaining("ss");
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

    /** ASCII digits alone, as the port and every number of the configuration: the JDK's parse took these until 2026-12-06. */
    @ParameterizedTest
    @CsvSource({"pool_size, %2B8, +8", "connect_timeout, %EF%BC%91%EF%BC%90, \uff11\uff10", "pool_size, %D9%A8, \u0668"})
    void givenANumberParameterNotInAsciiDigits_whenParsing_thenRefusedNamingIt(String name, String sent, String read) {
        assertThatThrownBy(() -> PgSettings.fromUrl("postgresql://hc@localhost/db?" + name + "=" + sent))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PostgreSQL URL parameter '" + name + "' must be a positive integer: " + read);
    }

    /**
     * The shapes a probe found quoted in clear (a scheme without {@code //}, libpq's password parameter), and
     * others a refusal may quote: the message says what is wrong and shows the URL with every secret masked.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "postgresql:/hostclone:PW@db:5432/hostclone | PostgreSQL URL names no host: postgresql:***@db:5432/hostclone",
            "postgresql:hostclone:PW@db/hc | PostgreSQL URL names no host: postgresql:***@db/hc",
            "hostclone:PW@db/hc | PostgreSQL URL must start with postgresql:// or postgres://: ***",
            "PW | PostgreSQL URL must start with postgresql:// or postgres://: ***",
            "postgresql://hostclone:PW/hc | PostgreSQL URL has no valid port: postgresql://hostclone:***/hc",
            "mysql://u:PW@db/x?password=PW&%73slpassword=PW&pool_size=2 | PostgreSQL URL must start with postgresql://"
                    + " or postgres://: ***",
            "postgresql://u@db/x?pool_size=2&password=PW@PW | PostgreSQL URL has an @ after its host: write a"
                    + " password's @ / ? # as %40 %2F %3F %23, and an @ in the database or a parameter as %40:"
                    + " postgresql://***",
            "postgresql://u@db/x?sslmode=require&PW | PostgreSQL URL parameters must be name=value:"
                    + " postgresql://***@db/x?sslmode=require&***",
            "postgresql://u@db/x?pool_size=2&sslmode=require&pw=PW | unsupported PostgreSQL URL parameter (supported:"
                    + " pool_size, connect_timeout, sslmode, sslrootcert, sslcert, sslkey, sslpassword):"
                    + " postgresql://***@db/x?pool_size=2&sslmode=require&***",
            "postgresql://db:5432/hc?user=hostclone&password=PW | PostgreSQL URL parameter 'user' is not supported:"
                    + " give the user and password before the host, postgresql://user:password@host:port/database",
            "postgresql://u@db/hc?%70assword=PW | PostgreSQL URL parameter 'password' is not supported:"
                    + " give the user and password before the host, postgresql://user:password@host:port/database",
            "postgresql://u@db/hc?sslkey=/k&sslcert=/c&sslpassword=PW&sslpassword=PW | PostgreSQL URL parameter"
                    + " 'sslpassword' is given twice"})
    void givenAMalformedUrlHoldingAPassword_whenParsing_thenRefusedSayingWhyWithThePasswordMasked(String url, String message) {
        Throwable refused = catchThrowable(() -> PgSettings.fromUrl(url));

        assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessage(message).hasNoCause();
    }

    /**
     * Whatever the shape, no part of a password reaches a refusal, nor a print of what was read. The password
     * is made of marked words between the characters that end a URL's parts, so that masking cut at the wrong
     * one shows a whole word.
     */
    @Test
    void givenAPasswordInAnyShapeOfUrl_whenParsedOrRefused_thenNoPartOfItIsShown() {
        Gen<String> password = Generators.textsOf("@:/?#&=% ;[]+", 0, 3).zip(integers().between(1, 3),
                (specials, words) -> {
                    StringBuilder text = new StringBuilder(SECRET_WORD);
                    for (int i = 0; i < Math.max(words, specials.length()); i++) {
                        text.append(i < specials.length() ? specials.charAt(i) : "").append(SECRET_WORD);
                    }
                    return text.toString();
                });
        Gen<String> shape = integers().between(0, SHAPES.size() - 1).map(SHAPES::get);
        qt().forAll(shape, password, Generators.textsOf("abc%7+0", 0, 4)).checkAssert((form, secret, noise) -> {
            String url = form.replace("{pw}", ambiguous(form, secret)).replace("{n}", noise);
            Throwable refused = catchThrowable(() -> assertThat(PgSettings.fromUrl(url).toString()).doesNotContain(SECRET_WORD));

            if (refused instanceof AssertionError) {
                throw (AssertionError) refused;
            }
            assertThat(PgSettings.redacted(url)).as(url).doesNotContain(SECRET_WORD);
            for (Throwable at = refused; at != null; at = at.getCause()) {
                assertThat(at).as(url).isInstanceOf(IllegalArgumentException.class);
                assertThat(at.getMessage()).as(url).doesNotContain(SECRET_WORD);
            }
        });
    }

    /**
     * The password without what would make its URL a well-formed one that reads part of it as something else:
     * without its @, one holding an @ / ? or # ends the port there, and the rest is a host or a path; a
     * parameter's text holding an = is a parameter's name and value.
     */
    private static String ambiguous(String form, String secret) {
        return form.equals(WITHOUT_AT) ? secret.replaceAll("[@/?#]", ";")
                : form.equals(AS_A_PARAMETER) ? secret.replace('=', ';') : secret;
    }
}
