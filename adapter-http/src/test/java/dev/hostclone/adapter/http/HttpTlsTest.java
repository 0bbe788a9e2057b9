package dev.hostclone.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the HTTPS files must be before a server serves with them. Two EC key pairs with self-signed
 * certificates for {@code localhost} are made for the class by the JDK's {@code keytool} and written
 * as PEM files, as a certificate authority hands them out. Serving with them, and renewing them, is
 * bootstrap's {@code HttpsTest}, through a whole server.
 */
class HttpTlsTest {

    private static final String STORE_PASSWORD = "test-only";

    @TempDir
    static Path files;
    private static Vertx vertx;
    private static Path certificate;
    private static Path key;
    private static Path otherKey;

    @BeforeAll
    static void makeTwoPairs() throws IOException, InterruptedException, GeneralSecurityException {
        vertx = Vertx.vertx();
        certificate = files.resolve("server.pem");
        key = files.resolve("server-key.pem");
        writePair("server", certificate, key);
        otherKey = files.resolve("other-key.pem");
        writePair("other", files.resolve("other.pem"), otherKey);
    }

    @AfterAll
    static void closeVertx() {
        vertx.close().await();
    }

    @Test
    void givenARenewalCheckUnderAMillisecond_whenMade_thenRefusedNamingIt() {
        assertThatThrownBy(() -> new HttpTls(certificate, key, Duration.ofNanos(999_999)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("renewalCheck must be at least a millisecond: PT0.000999999S");
    }

    @Test
    void givenARenewalCheckOfAMillisecond_whenMade_thenKept() {
        assertThat(new HttpTls(certificate, key, Duration.ofMillis(1)).renewalCheck()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void givenNoRenewalCheck_whenMade_thenTheFilesAreReadAgainEveryMinute() {
        assertThat(new HttpTls(certificate, key).renewalCheck()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void givenACertificateFileThatIsMissing_whenRead_thenRefusedNamingIt() {
        Path missing = files.resolve("nope.pem");

        assertThatThrownBy(() -> new HttpTls(missing, key).read())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the HTTPS certificate chain " + missing + " cannot be read (NoSuchFileException)");
    }

    @Test
    void givenAnEmptyKeyFile_whenRead_thenRefusedNamingIt() throws IOException {
        Path empty = Files.createFile(files.resolve("empty-key.pem"));

        assertThatThrownBy(() -> new HttpTls(certificate, empty).read())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the HTTPS private key " + empty + " is empty");
    }

    @Test
    void givenBothFiles_whenRead_thenThePairHoldsWhatTheyHold() throws IOException {
        HttpTls.Pair pair = new HttpTls(certificate, key).read();

        assertThat(pair.certificateChain().getBytes()).isEqualTo(Files.readAllBytes(certificate));
        assertThat(pair.privateKey().getBytes()).isEqualTo(Files.readAllBytes(key));
    }

    @Test
    void givenTheCertificatesOwnKey_whenChecked_thenAccepted() {
        HttpTls tls = new HttpTls(certificate, key);

        assertThatCode(() -> tls.read().requireKeyOfCertificate(vertx, tls)).doesNotThrowAnyException();
    }

    @Test
    void givenTheKeyOfAnotherCertificate_whenChecked_thenRefusedNamingBoth() {
        HttpTls tls = new HttpTls(certificate, otherKey);

        assertThatThrownBy(() -> tls.read().requireKeyOfCertificate(vertx, tls))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the HTTPS private key " + otherKey + " does not belong to the certificate in " + certificate);
    }

    @Test
    void givenAKeyFileHoldingACertificate_whenChecked_thenRefusedAsNotLoading() {
        HttpTls tls = new HttpTls(certificate, certificate);

        assertThatThrownBy(() -> tls.read().requireKeyOfCertificate(vertx, tls))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the HTTPS certificate chain " + certificate + " and private key " + certificate
                        + " do not load: ");
    }

    /** A new EC key pair and its self-signed certificate for localhost, as PEM files. */
    private static void writePair(String alias, Path certificateFile, Path keyFile)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path store = files.resolve(alias + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
        assertThat(process.exitValue()).as("keytool: " + output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        Files.writeString(certificateFile, pem("CERTIFICATE", keys.getCertificate(alias).getEncoded()));
        Files.writeString(keyFile, pem("PRIVATE KEY", keys.getKey(alias, STORE_PASSWORD.toCharArray()).getEncoded()));
    }

    private static String pem(String type, byte[] der) {
        Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN " + type + "-----\n" + lines.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
