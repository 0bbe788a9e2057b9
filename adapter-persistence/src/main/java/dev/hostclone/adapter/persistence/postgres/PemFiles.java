package dev.hostclone.adapter.persistence.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.encoders.DecoderException;

/**
 * The PEM files libpq's TLS settings name: the certificates of a file (the JDK parses PEM
 * certificates itself), and an unencrypted private key in any of the PEM forms libpq reads, which
 * the JDK does not (Bouncy Castle's PEM parser reads them; the JDK makes the key). Every failure
 * names the file and what is wrong.
 */
final class PemFiles {

    private PemFiles() {
    }

    /** The certificates {@code file} holds, in order; refused when it holds none. */
    static List<X509Certificate> certificates(String setting, Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> certificates = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (certificates.isEmpty()) {
                throw new PostgresStoreException(setting + " " + file + " holds no certificate", null);
            }
            return certificates;
        } catch (IOException unreadable) {
            throw unreadable(setting, file, unreadable);
        } catch (GeneralSecurityException notPem) {
            throw new PostgresStoreException(setting + " " + file + " holds no PEM certificate", notPem);
        }
    }

    /**
     * The private key {@code file} holds, in any PEM form libpq and the reactive client read: PKCS #8
     * ({@code BEGIN PRIVATE KEY}), PKCS #1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1
     * ({@code BEGIN EC PRIVATE KEY}); unencrypted, since there is no {@code sslpassword} here.
     * Anything else in the file, such as the certificate beside its key, is passed over.
     */
    static PrivateKey privateKey(String setting, Path file) {
        // the key is made by the JDK's own providers: Bouncy Castle only reads the PEM, it registers no provider
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        try (PEMParser pem = new PEMParser(Files.newBufferedReader(file, StandardCharsets.US_ASCII))) {
            for (Object object = pem.readObject(); object != null; object = pem.readObject()) {
                if (object instanceof PrivateKeyInfo pkcs8) {
                    return keys.getPrivateKey(pkcs8);
                }
                if (object instanceof PEMKeyPair pkcs1OrSec1) {
                    return keys.getKeyPair(pkcs1OrSec1).getPrivate();
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                    throw new PostgresStoreException(setting + " " + file + " holds an encrypted private key, and"
                            + " HostClone reads unencrypted ones only; openssl pkey -in " + file + " -out <new file>"
                            + " writes it unencrypted", null);
                }
            }
        } catch (PEMException | DecoderException damaged) {
            throw new PostgresStoreException(setting + " " + file + " holds a damaged or unsupported private key", damaged);
        } catch (IOException unreadable) {
            throw unreadable(setting, file, unreadable);
        }
        throw new PostgresStoreException(setting + " " + file + " holds no PEM private key (BEGIN PRIVATE KEY,"
                + " BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)", null);
    }

    private static PostgresStoreException unreadable(String setting, Path file, IOException cause) {
        return new PostgresStoreException(setting + " " + file + " cannot be read (" + cause.getClass().getSimpleName() + ")",
                cause);
    }
}
