package dev.hostclone.adapter.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.X509KeyManager;

/**
 * HTTPS for the API's port: the server's certificate chain and its private key, PEM files as
 * certificate authorities and cert-manager hand them out (the key in PKCS #8, or PKCS #1 for RSA).
 * With it the port speaks TLS only; a caller's app secret then never crosses the network in clear.
 * Every {@code renewalCheck} the server reads both files again and, when they changed, serves new
 * connections with them ({@link CertificateRenewal}).
 */
public record HttpTls(Path certificateChain, Path privateKey, Duration renewalCheck) {

    /** How often the files are read again for a renewed certificate, unless told otherwise. */
    public static final Duration DEFAULT_RENEWAL_CHECK = Duration.ofMinutes(1);

    public HttpTls {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(renewalCheck, "renewalCheck");
        if (renewalCheck.toMillis() < 1) {
            throw new IllegalArgumentException("renewalCheck must be at least a millisecond: " + renewalCheck);
        }
    }

    /** Checked for renewal every {@link #DEFAULT_RENEWAL_CHECK}. */
    public HttpTls(Path certificateChain, Path privateKey) {
        this(certificateChain, privateKey, DEFAULT_RENEWAL_CHECK);
    }

    /**
     * Both files as they are now, so that a missing or unreadable one fails the start naming it; what
     * they hold is checked as the server starts listening.
     *
     * @throws IllegalArgumentException naming the file and why it cannot be read
     */
    Pair read() {
        return new Pair(readable("certificate chain", certificateChain), readable("private key", privateKey));
    }

    private static Buffer readable(String what, Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            if (content.length == 0) {
                throw new IllegalArgumentException("the HTTPS " + what + " " + file + " is empty");
            }
            return Buffer.buffer(content);
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("the HTTPS " + what + " " + file + " cannot be read ("
                    + unreadable.getClass().getSimpleName() + ")", unreadable);
        }
    }

    /** A certificate chain and its key, as read at one moment: what a server serves with. */
    record Pair(Buffer certificateChain, Buffer privateKey) {

        private static final List<String> KEY_TYPES = List.of("EC", "RSA", "EdDSA", "Ed25519", "Ed448");
        private static final byte[] CHALLENGE = "hostclone".getBytes(StandardCharsets.US_ASCII);

        /**
         * Refuses a pair whose key is not the certificate's. Vert.x loads such a pair and then fails
         * every handshake; files renewed one after the other are such a pair between the two writes.
         *
         * @throws IllegalArgumentException when the key does not load or is not the certificate's
         */
        void requireKeyOfCertificate(Vertx vertx, HttpTls files) {
            boolean matching;
            try {
                X509KeyManager keys = (X509KeyManager) keyCertOptions().getKeyManagerFactory(vertx).getKeyManagers()[0];
                String alias = KEY_TYPES.stream()
                        .map(type -> keys.getServerAliases(type, null))
                        .filter(aliases -> aliases != null && aliases.length > 0)
                        .map(aliases -> aliases[0])
                        .findFirst()
                        .orElse(null);
                matching = alias != null && signsFor(keys.getPrivateKey(alias), keys.getCertificateChain(alias)[0].getPublicKey());
            } catch (Exception unloadable) {
                throw new IllegalArgumentException("the HTTPS certificate chain " + files.certificateChain()
                        + " and private key " + files.privateKey() + " do not load: " + unloadable.getMessage(), unloadable);
            }
            if (!matching) {
                throw new IllegalArgumentException("the HTTPS private key " + files.privateKey()
                        + " does not belong to the certificate in " + files.certificateChain());
            }
        }

        /** Whether what {@code key} signs, {@code certified} verifies: the key is the certificate's. */
        private static boolean signsFor(PrivateKey key, PublicKey certified) throws GeneralSecurityException {
            String algorithm = switch (key.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC" -> "SHA256withECDSA";
                default -> key.getAlgorithm();
            };
            Signature signing = Signature.getInstance(algorithm);
            signing.initSign(key);
            signing.update(CHALLENGE);
            Signature verifying = Signature.getInstance(algorithm);
            verifying.initVerify(certified);
            verifying.update(CHALLENGE);
            return verifying.verify(signing.sign());
        }

        PemKeyCertOptions keyCertOptions() {
            return new PemKeyCertOptions().setCertValue(certificateChain).setKeyValue(privateKey);
        }

        ServerSSLOptions sslOptions() {
            return new ServerSSLOptions().setKeyCertOptions(keyCertOptions());
        }
    }
}
