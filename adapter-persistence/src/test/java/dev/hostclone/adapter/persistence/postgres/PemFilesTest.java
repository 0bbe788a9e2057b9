package dev.hostclone.adapter.persistence.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private keys {@code sslkey} may name, in the forms libpq reads, against the test keys
 * ({@code src/test/resources/tls}): each form of one key is read as the same key.
 */
class PemFilesTest {

    @TempDir
    Path folder;

    @Test
    void givenAnRsaKeyInPkcs1_whenReading_thenItIsTheKeyItsPkcs8FormHolds() {
        PrivateKey pkcs1 = PemFiles.privateKey("sslkey", resource("rsa-key-pkcs1.pem"));

        assertThat(pkcs1.getAlgorithm()).isEqualTo("RSA");
        assertThat(pkcs1.getEncoded()).isEqualTo(PemFiles.privateKey("sslkey", resource("rsa-key.pem")).getEncoded());
    }

    @Test
    void givenAnEcKeyInSec1_whenReading_thenItIsTheKeyItsPkcs8FormHolds() {
        ECPrivateKey sec1 = (ECPrivateKey) PemFiles.privateKey("sslkey", resource("client-key-sec1.pem"));
        ECPrivateKey pkcs8 = (ECPrivateKey) PemFiles.privateKey("sslkey", resource("client-key.pem"));

        // the encodings differ (SEC1 names its curve inside the key too): the curve and the secret are the key
        assertThat(sec1.getParams().getCurve()).isEqualTo(pkcs8.getParams().getCurve());
        assertThat(sec1.getS()).isEqualTo(pkcs8.getS());
    }

    @Test
    void givenAKeyAfterItsCertificateInOneFile_whenReading_thenTheKeyIsRead() throws IOException {
        Path both = folder.resolve("both.pem");
        Files.writeString(both, Files.readString(resource("client.pem")) + Files.readString(resource("client-key.pem")));

        assertThat(PemFiles.privateKey("sslkey", both).getEncoded())
                .isEqualTo(PemFiles.privateKey("sslkey", resource("client-key.pem")).getEncoded());
    }

    @Test
    void givenAnEncryptedPkcs8Key_whenReading_thenItIsRefusedWithTheWayToDecryptIt() {
        Path encrypted = resource("client-key-encrypted.pem");

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", encrypted))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + encrypted + " holds an encrypted private key, and HostClone reads unencrypted"
                        + " ones only; openssl pkey -in " + encrypted + " -out <new file> writes it unencrypted");
    }

    @Test
    void givenAnEncryptedPkcs1Key_whenReading_thenItIsRefusedAsEncrypted() {
        Path encrypted = resource("rsa-key-pkcs1-encrypted.pem");

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", encrypted))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageStartingWith("sslkey " + encrypted + " holds an encrypted private key");
    }

    @Test
    void givenACertificateOnly_whenReadingAKey_thenItIsRefusedNamingTheFormsRead() {
        Path certificate = resource("client.pem");

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", certificate))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + certificate + " holds no PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY"
                        + " or BEGIN EC PRIVATE KEY)");
    }

    @Test
    void givenADamagedKey_whenReading_thenItIsRefusedAsDamaged() throws IOException {
        Path damaged = folder.resolve("damaged.pem");
        Files.writeString(damaged, "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n"
                + "-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", damaged))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + damaged + " holds a damaged or unsupported private key");
    }

    @Test
    void givenAMissingFile_whenReadingAKey_thenItIsRefusedAsUnreadable() {
        Path missing = folder.resolve("missing.pem");

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", missing))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + missing + " cannot be read (NoSuchFileException)");
    }

    private static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(PemFilesTest.class.getResource("/tls/" + name), name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
