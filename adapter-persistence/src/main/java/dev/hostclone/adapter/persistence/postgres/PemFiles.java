package dev.hostclone.adapter.persistence.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.bc.BcPEMDecryptorProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.encoders.DecoderException;

/**
 * The PEM files libpq's TLS settings name: the certificates of a file (the JDK parses PEM
 * certificates itself), and a private key in any of the PEM forms libpq reads, encrypted or not,
 * which the JDK does not (Bouncy Castle's PEM parser reads them; the JDK makes the key, and
 * decrypts PKCS #8). Every failure names the file and what is wrong, never the password.
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
     * An encrypted key of either form, decrypted. PKCS #8 by the JDK itself (PBES2, as {@code openssl
     * pkcs8 -topk8} and OpenSSL 3's {@code genpkey} write it); the old PEM form by Bouncy Castle's
     * lightweight ciphers, OpenSSL's key derivation being none of the JDK's. Neither registers nor
     * uses a JCE provider of Bouncy Castle's, which a JDK requiring signed providers would refuse
     * from a repackaged jar. An algorithm the JDK lacks is named as such; a wrong password shows as
     * a bad padding, or, when the padding happens to pass, as a key that does not parse: either way
     * the password is what failed.
     */
    private static PrivateKey decrypted(String setting, Path file, Object encrypted, char[] password,
                                        JcaPEMKeyConverter keys) {
        try {
            return encrypted instanceof PKCS8EncryptedPrivateKeyInfo pkcs8
                    ? keys.getPrivateKey(decryptedPkcs8(pkcs8, password))
                    : keys.getKeyPair(((PEMEncryptedKeyPair) encrypted).decryptKeyPair(
                            new BcPEMDecryptorProvider(password))).getPrivate();
        } catch (NoSuchAlgorithmException unsupported) {
            throw new PostgresStoreException(setting + " " + file + " holds a private key encrypted in a way"
                    + " HostClone cannot decrypt (" + unsupported.getMessage() + "); openssl pkcs8 -topk8 -v2 aes-256-cbc"
                    + " -in " + file + " -out <new file> encrypts it in a way it can", unsupported);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException | IllegalStateException failed) {
            throw new PostgresStoreException(setting + " " + file + ": sslpassword does not decrypt its private key",
                    failed);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * PKCS #8's encrypted key by the JDK's PBES2, whose parameters name the key derivation and the
     * cipher. What fails before the decryption itself (a derivation such as scrypt, or a cipher such
     * as 3DES, that the JDK's PBES2 does not take) is reported as {@link NoSuchAlgorithmException};
     * what fails in it, as the wrong password.
     */
    private static PrivateKeyInfo decryptedPkcs8(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password)
            throws GeneralSecurityException, IOException {
        EncryptedPrivateKeyInfo info;
        Cipher cipher;
        try {
            info = new EncryptedPrivateKeyInfo(encrypted.getEncoded());
            AlgorithmParameters parameters = info.getAlgParameters();
            // PBES2's parameters print as the JDK's name for what they hold, e.g. PBEWithHmacSHA256AndAES_256
            String algorithm = parameters == null ? info.getAlgName() : parameters.toString();
            SecretKey key = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
            cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, key, parameters);
        } catch (IOException | GeneralSecurityException unsupported) {
            throw (NoSuchAlgorithmException) new NoSuchAlgorithmException(unsupported.getMessage()).initCause(unsupported);
        }
        return PrivateKeyInfo.getInstance(info.getKeySpec(cipher).getEncoded());
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
