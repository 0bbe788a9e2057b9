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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The private keys {@code sslkey} may name, in the forms libpq reads, encrypted or not, against the
 * test keys ({@code src/test/resources/tls}): each form of one key is read as the same key.
 */
class PemFilesTest {

    /** The password of the test keys encrypted ({@code src/test/resources/tls/README.md}). */
    private static final String PASSWORD = "test-only";

    @TempDir
    Path folder;

    @Test
    void givenAnRsaKeyInPkcs1_whenReading_thenItIsTheKeyItsPkcs8FormHolds() {
        PrivateKey pkcs1 = PemFiles.privateKey("sslkey", resource("rsa-key-pkcs1.pem"), null);

        assertThat(pkcs1.getAlgorithm()).isEqualTo("RSA");
        assertThat(pkcs1.getEncoded()).isEqualTo(PemFiles.privateKey("sslkey", resource("rsa-key.pem"), null).getEncoded());
    }

    @Test
    void givenAnEcKeyInSec1_whenReading_thenItIsTheKeyItsPkcs8FormHolds() {
        ECPrivateKey sec1 = (ECPrivateKey) PemFiles.privateKey("sslkey", resource("client-key-sec1.pem"), null);
        ECPrivateKey pkcs8 = (ECPrivateKey) PemFiles.privateKey("sslkey", resource("client-key.pem"), null);

        // the encodings differ (SEC1 names its curve inside the key too): the curve and the secret are the key
        assertThat(sec1.getParams().getCurve()).isEqualTo(pkcs8.getParams().getCurve());
        assertThat(sec1.getS()).isEqualTo(pkcs8.getS());
    }

    @Test
    void givenAKeyAfterItsCertificateInOneFile_whenReading_thenTheKeyIsRead() throws IOException {
        Path both = folder.resolve("both.pem");
        Files.writeString(both, Files.readString(resource("client.pem")) + Files.readString(resource("client-key.pem")));

        assertThat(PemFiles.privateKey("sslkey", both, null).getEncoded())
                .isEqualTo(PemFiles.privateKey("sslkey", resource("client-key.pem"), null).getEncoded());
    }

    @Test
    void givenAnEncryptedPkcs8KeyAndItsPassword_whenReading_thenItIsTheKeyUnencrypted() {
        PrivateKey decrypted = PemFiles.privateKey("sslkey", resource("client-key-encrypted.pem"), PASSWORD);

        assertThat(decrypted.getEncoded())
                .isEqualTo(PemFiles.privateKey("sslkey", resource("client-key.pem"), null).getEncoded());
    }

    @Test
    void givenAnRsaKeyEncryptedTheOldPemWayAndItsPassword_whenReading_thenItIsTheKeyUnencrypted() {
        PrivateKey decrypted = PemFiles.privateKey("sslkey", resource("rsa-key-pkcs1-encrypted.pem"), PASSWORD);

        assertThat(decrypted.getEncoded())
                .isEqualTo(PemFiles.privateKey("sslkey", resource("rsa-key.pem"), null).getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-key-encrypted.pem", "rsa-key-pkcs1-encrypted.pem"})
    void givenAnEncryptedKeyAndNoPassword_whenReading_thenItIsRefusedWithBothWaysOut(String name) {
        Path encrypted = resource(name);

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", encrypted, null))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + encrypted + " holds an encrypted private key: give its password as sslpassword,"
                        + " or write it unencrypted with openssl pkey -in " + encrypted + " -out <new file>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-key-encrypted.pem", "rsa-key-pkcs1-encrypted.pem"})
    void givenAnEncryptedKeyAndAWrongPassword_whenReading_thenItIsRefusedNamingThePasswordNotShowingIt(String name) {
        Path encrypted = resource(name);

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", encrypted, "not-" + PASSWORD))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + encrypted + ": sslpassword does not decrypt its private key");
    }

    @Test
    void givenAKeyEncryptedWithScrypt_whenReading_thenItIsRefusedAsUndecryptableWithTheWayToReEncryptIt() {
        Path scrypt = resource("client-key-scrypt.pem");

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", scrypt, PASSWORD))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessageStartingWith("sslkey " + scrypt + " holds a private key encrypted in a way HostClone cannot"
                        + " decrypt (")
                .hasMessageEndingWith("); openssl pkcs8 -topk8 -v2 aes-256-cbc -in " + scrypt + " -out <new file>"
                        + " encrypts it in a way it can");
    }

    @Test
    void givenAPasswordBesideAnUnencryptedKey_whenReading_thenTheKeyIsReadAndThePasswordUnused() {
        assertThat(PemFiles.privateKey("sslkey", resource("client-key.pem"), PASSWORD).getEncoded())
                .isEqualTo(PemFiles.privateKey("sslkey", resource("client-key.pem"), null).getEncoded());
    }

    @Test
    void givenADecryptedKey_whenWrittenAsPkcs8Pem_thenReadingThatTextGivesTheSameKey() throws IOException {
        PrivateKey key = PemFiles.privateKey("sslkey", resource("rsa-key-pkcs1-encrypted.pem"), PASSWORD);
        Path pem = folder.resolve("decrypted.pem");
        Files.writeString(pem, PemFiles.pkcs8Pem(key));

        assertThat(Files.readString(pem)).startsWith("-----BEGIN PRIVATE KEY-----\n").doesNotContain("ENCRYPTED");
        assertThat(PemFiles.privateKey("sslkey", pem, null).getEncoded()).isEqualTo(key.getEncoded());
    }

    @Test
    void givenACertificateOnly_whenReadingAKey_thenItIsRefusedNamingTheFormsRead() {
        Path certificate = resource("client.pem");

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", certificate, null))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + certificate + " holds no PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY"
                        + ", BEGIN EC PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)");
    }

    @Test
    void givenADamagedKey_whenReading_thenItIsRefusedAsDamaged() throws IOException {
        Path damaged = folder.resolve("damaged.pem");
        Files.writeString(damaged, "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n"
                + "-----END PRIVATE KEY-----\n");

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", damaged, null))
                .isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + damaged + " holds a damaged or unsupported private key");
    }

    @Test
    void givenAMissingFile_whenReadingAKey_thenItIsRefusedAsUnreadable() {
        Path missing = folder.resolve("missing.pem");

        assertThatThrownBy(() -> PemFiles.privateKey("sslkey", missing, null))
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
