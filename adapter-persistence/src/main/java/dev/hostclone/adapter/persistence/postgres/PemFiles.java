package dev.hostclone.adapter.persistence.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.BadPaddingException;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.encoders.DecoderException;

/**
 * The PEM files libpq's TLS settings name: the certificates of a file (the JDK parses PEM
 * certificates itself), and a private key in any of the PEM forms libpq reads, encrypted or not,
 * which the JDK does not (Bouncy Castle's PEM parser reads and decrypts them; the JDK makes the
 * key). Every failure names the file and what is wrong, never the password.
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
     * ({@code BEGIN EC PRIVATE KEY}); encrypted ({@code BEGIN ENCRYPTED PRIVATE KEY}, or the old
     * {@code Proc-Type: 4,ENCRYPTED} header) when {@code password}, libpq's {@code sslpassword},
     * decrypts it. As in libpq, a password beside an unencrypted key is not used. Anything else in
     * the file, such as the certificate beside its key, is passed over.
     *
     * @param password the key's password, or null when none was given
     */
    static PrivateKey privateKey(String setting, Path file, String password) {
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
                    return decrypted(setting, file, object, password(setting, file, password), keys);
                }
            }
        } catch (PEMException | DecoderException damaged) {
            throw new PostgresStoreException(setting + " " + file + " holds a damaged or unsupported private key", damaged);
        } catch (IOException unreadable) {
            throw unreadable(setting, file, unreadable);
        }
        throw new PostgresStoreException(setting + " " + file + " holds no PEM private key (BEGIN PRIVATE KEY,"
                + " BEGIN RSA PRIVATE KEY, BEGIN EC PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)", null);
    }

    /**
     * An encrypted key of either form, decrypted, with Bouncy Castle's ciphers: the key derivations
     * and ciphers are OpenSSL's, under names the JDK's providers do not all know. A cipher that
     * cannot be had is named as such; a wrong password shows as a bad padding, or, when the padding
     * happens to pass, as a key that does not parse: either way the password is what failed.
     */
    private static PrivateKey decrypted(String setting, Path file, Object encrypted, char[] password,
                                        JcaPEMKeyConverter keys) {
        Provider ciphers = new BouncyCastleProvider();
        try {
            return encrypted instanceof PKCS8EncryptedPrivateKeyInfo pkcs8
                    ? keys.getPrivateKey(pkcs8.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(ciphers).build(password)))
                    : keys.getKeyPair(((PEMEncryptedKeyPair) encrypted).decryptKeyPair(
                            new JcePEMDecryptorProviderBuilder().setProvider(ciphers).build(password))).getPrivate();
        } catch (PKCSException | OperatorCreationException | IOException | IllegalArgumentException
                 | IllegalStateException failed) {
            if (causedBy(failed, GeneralSecurityException.class) && !causedBy(failed, BadPaddingException.class)) {
                throw new PostgresStoreException(setting + " " + file + " holds a private key encrypted in a way"
                        + " HostClone cannot decrypt; openssl pkey -in " + file + " -out <new file> writes it unencrypted",
                        failed);
            }
            throw new PostgresStoreException(setting + " " + file + ": sslpassword does not decrypt its private key",
                    failed);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (kind.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** The password an encrypted key needs; refused, with both ways out, when none was given. */
    private static char[] password(String setting, Path file, String password) {
        if (password == null) {
            throw new PostgresStoreException(setting + " " + file + " holds an encrypted private key: give its password"
                    + " as sslpassword, or write it unencrypted with openssl pkey -in " + file + " -out <new file>", null);
        }
        return password.toCharArray();
    }

    /**
     * {@code key} as an unencrypted PKCS #8 PEM text ({@code BEGIN PRIVATE KEY}), the form every
     * client reads: for the reactive client when the file holds the key encrypted.
     */
    static String pkcs8Pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static PostgresStoreException unreadable(String setting, Path file, IOException cause) {
        return new PostgresStoreException(setting + " " + file + " cannot be read (" + cause.getClass().getSimpleName() + ")",
                cause);
    }
}
