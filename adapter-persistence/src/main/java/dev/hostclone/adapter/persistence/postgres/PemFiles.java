package dev.hostclone.adapter.persistence.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The PEM files libpq's TLS settings name, read as the JDK reads keys and certificates: the
 * certificates of a file (the JDK parses PEM certificates itself), and an unencrypted PKCS #8
 * private key ({@code BEGIN PRIVATE KEY}), the form {@code openssl genpkey} and
 * {@code openssl pkcs8 -topk8 -nocrypt} write. Every failure names the file and what is wrong.
 */
final class PemFiles {

    private static final String BEGIN_KEY = "-----BEGIN PRIVATE KEY-----";
    private static final String END_KEY = "-----END PRIVATE KEY-----";
    private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

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

    /** The unencrypted PKCS #8 private key {@code file} holds. */
    static PrivateKey privateKey(String setting, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException unreadable) {
            throw unreadable(setting, file, unreadable);
        }
        int begin = text.indexOf(BEGIN_KEY);
        int end = text.indexOf(END_KEY);
        if (begin < 0 || end < begin) {
            throw new PostgresStoreException(setting + " " + file + " holds no unencrypted PKCS #8 private key ("
                    + BEGIN_KEY + "); openssl pkcs8 -topk8 -nocrypt -in " + file + " writes one", null);
        }
        PKCS8EncodedKeySpec spec;
        try {
            spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(text.substring(begin + BEGIN_KEY.length(), end)));
        } catch (IllegalArgumentException notBase64) {
            throw new PostgresStoreException(setting + " " + file + " holds a damaged private key", notBase64);
        }
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException notThisOne) {
                // the next algorithm, until one reads it
            }
        }
        throw new PostgresStoreException(setting + " " + file + " holds a private key of no algorithm supported here"
                + " (" + String.join(", ", KEY_ALGORITHMS) + ")", null);
    }

    private static PostgresStoreException unreadable(String setting, Path file, IOException cause) {
        return new PostgresStoreException(setting + " " + file + " cannot be read (" + cause.getClass().getSimpleName() + ")",
                cause);
    }
}
