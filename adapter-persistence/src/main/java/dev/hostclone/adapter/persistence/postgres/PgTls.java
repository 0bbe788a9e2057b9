package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whether and how the store's connections to PostgreSQL use TLS, in libpq's terms: {@code sslmode}
 * ({@code disable}, {@code allow}, {@code prefer}, {@code require}, {@code verify-ca},
 * {@code verify-full}) and {@code sslrootcert}, the PEM file of the certificate authorities a
 * verifying mode checks the server's certificate against. The one place where these map onto both of
 * the store's clients, the reactive one and Flyway's JDBC driver, so that every connection of a store
 * (pool, shared connection, {@code LISTEN}, migration) is made alike.
 *
 * <p>As in libpq, {@code allow}, {@code prefer} and {@code require} encrypt without verifying who
 * answers; only the verifying modes need, and take, {@code sslrootcert} (libpq's {@code require}
 * silently verifies when a root file happens to exist; here that is refused, so a mode means one thing).
 * {@code sslrootcert=system} is libpq 16's: the platform's certificate authorities, which in a JVM
 * are its default trust store ({@code javax.net.ssl.trustStore} when set, else the JDK's
 * {@code cacerts}); as in libpq it goes with {@code verify-full} only, since any of those authorities
 * vouches for the chain of any server, and only the name tells this server from another.
 * {@code sslcert} and {@code sslkey}, together or not at all, are the client certificate the store
 * presents where PostgreSQL authenticates by certificate ({@code cert} in {@code pg_hba.conf}): PEM,
 * the key PKCS #8, PKCS #1 or SEC1 ({@link PemFiles}), encrypted when {@code sslpassword}
 * ({@code clientKeyPassword}) decrypts it. That password is a secret: it is never printed, and it
 * reaches the JDBC driver as a connection property, never in its URL.
 */
public record PgTls(SslMode mode, Path rootCertificates, Path clientCertificate, Path clientKey,
                    String clientKeyPassword) {

    /**
     * libpq's special {@code sslrootcert} value: the platform's certificate authorities, not a file.
     * Declared first: the constants below are checked against it as they are made.
     */
    public static final Path SYSTEM_ROOTS = Path.of("system");
    /** libpq's and the JDBC driver's default: TLS when the server offers it, unverified. */
    public static final PgTls PREFERRED = new PgTls(SslMode.PREFER, null);
    /** Plain TCP: for a server on the same host, such as the embedded one. */
    public static final PgTls DISABLED = new PgTls(SslMode.DISABLE, null);

    /** Without a client certificate. */
    public PgTls(SslMode mode, Path rootCertificates) {
        this(mode, rootCertificates, null, null, null);
    }

    /** With a client certificate whose key is not encrypted. */
    public PgTls(SslMode mode, Path rootCertificates, Path clientCertificate, Path clientKey) {
        this(mode, rootCertificates, clientCertificate, clientKey, null);
    }

    public PgTls {
        Objects.requireNonNull(mode, "mode");
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new IllegalArgumentException(clientCertificate == null ? "sslkey needs sslcert: the PEM file of the"
                    + " client certificate it belongs to" : "sslcert needs sslkey: the PEM file of its private key");
        }
        if (clientKeyPassword != null && clientKey == null) {
            throw new IllegalArgumentException("sslpassword needs sslkey: it is the password of that key's file");
        }
        if (clientCertificate != null && mode == SslMode.DISABLE) {
            throw new IllegalArgumentException("sslcert and sslkey need TLS, not sslmode=disable");
        }
        if (verifiesServer(mode) && rootCertificates == null) {
            throw new IllegalArgumentException("sslmode=" + mode.value + " needs sslrootcert: the PEM file of the"
                    + " certificate authorities to verify the server's certificate against"
                    + (mode == SslMode.VERIFY_FULL ? ", or system for the platform's" : ""));
        }
        if (namesSystemRoots(rootCertificates) && mode != SslMode.VERIFY_FULL) {
            throw new IllegalArgumentException("sslrootcert=system needs sslmode=verify-full, as in libpq: the platform's"
                    + " certificate authorities vouch for any server's chain, only the name tells this server apart");
        }
        if (!verifiesServer(mode) && rootCertificates != null) {
            throw new IllegalArgumentException("sslrootcert is used only with sslmode=verify-ca or verify-full,"
                    + " not with sslmode=" + mode.value);
        }
    }

    /** The mode named by libpq's {@code sslmode} value; refused with the values there are. */
    public static SslMode mode(String value) {
        return Arrays.stream(SslMode.VALUES)
                .filter(mode -> mode.value.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unsupported sslmode '" + value + "' (supported: "
                        + Arrays.stream(SslMode.VALUES).map(mode -> mode.value).collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * Reads every file named now, so that a missing or unusable one fails the start with its own
     * message rather than as every connection's handshake failure.
     *
     * @throws PostgresStoreException naming the file and what is wrong with it (the cause says more)
     */
    void checkFiles() {
        if (systemRoots()) {
            systemTrust();
        } else if (rootCertificates != null) {
            PemFiles.certificates("sslrootcert", rootCertificates);
        }
        if (clientCertificate != null) {
            PemFiles.certificates("sslcert", clientCertificate);
            clientPrivateKey();
        }
    }

    /** The reactive client's options with this TLS: unverified modes trust any certificate, as libpq's do. */
    PgConnectOptions applyTo(PgConnectOptions options) {
        options.setSslMode(mode);
        if (mode == SslMode.DISABLE) {
            return options;
        }
        ClientSSLOptions ssl = !verifiesServer(mode) ? new ClientSSLOptions().setTrustAll(true)
                : systemRoots() ? new ClientSSLOptions().setTrustOptions(TrustOptions.wrap(systemTrust()))
                : new ClientSSLOptions().setTrustOptions(new PemTrustOptions().addCertPath(rootCertificates.toString()));
        if (clientCertificate != null) {
            // the key as PemFiles reads it, decrypted: the reactive client reads unencrypted PEM keys only
            ssl.setKeyCertOptions(new PemKeyCertOptions().setCertPath(clientCertificate.toString())
                    .setKeyValue(Buffer.buffer(PemFiles.pkcs8Pem(clientPrivateKey()))));
        }
        // verify-full checks the server's name against its certificate as HTTPS does; the others do not
        return options.setSslOptions(ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : ""));
    }

    /**
     * The same for the JDBC driver, whose {@code sslmode} values and meanings are libpq's too: URL
     * parameters. With a client certificate or the platform's authorities, the keys and trust come
     * from {@link LibpqSocketFactory}, which reads the PEM key, and takes the JVM's trust store, where
     * the driver's own factory would not.
     */
    String jdbcParameters() {
        StringBuilder parameters = new StringBuilder("sslmode=").append(mode.value);
        appendPath(parameters, "sslrootcert", rootCertificates);
        appendPath(parameters, "sslcert", clientCertificate);
        appendPath(parameters, "sslkey", clientKey);
        if (clientCertificate != null || systemRoots()) {
            parameters.append("&sslfactory=").append(LibpqSocketFactory.class.getName());
        }
        return parameters.toString();
    }

    /**
     * The JDBC driver's connection properties that must not appear in its URL, which Flyway and the
     * driver may print: the client key's password, which {@link LibpqSocketFactory} reads.
     */
    Map<String, String> jdbcSecretProperties() {
        return clientKeyPassword == null ? Map.of() : Map.of(LibpqSocketFactory.KEY_PASSWORD, clientKeyPassword);
    }

    /** The client certificate's private key, decrypted with {@code sslpassword} when it is encrypted. */
    PrivateKey clientPrivateKey() {
        return PemFiles.privateKey("sslkey", clientKey, clientKeyPassword);
    }

    /** Never prints {@code sslpassword}, only whether there is one: settings end up in logs. */
    @Override
    public String toString() {
        return "PgTls[mode=" + mode.value + ", rootCertificates=" + rootCertificates + ", clientCertificate="
                + clientCertificate + ", clientKey=" + clientKey
                + (clientKeyPassword == null ? "" : ", clientKeyPassword=***") + "]";
    }

    /**
     * The platform's authorities for {@code sslrootcert=system}: the JVM's default trust store
     * ({@code javax.net.ssl.trustStore} when set, else the JDK's {@code cacerts}), read now, for
     * both clients alike.
     *
     * @throws PostgresStoreException when that store cannot be read
     */
    static TrustManagerFactory systemTrust() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init((KeyStore) null);
            return trust;
        } catch (GeneralSecurityException unreadable) {
            throw new PostgresStoreException("sslrootcert=system: the JVM's default trust store cannot be read ("
                    + unreadable.getClass().getSimpleName() + ")", unreadable);
        }
    }

    /** Whether the server's certificate is checked against the platform's authorities ({@code sslrootcert=system}). */
    public boolean systemRoots() {
        return namesSystemRoots(rootCertificates);
    }

    /** Whether an {@code sslrootcert} value is libpq's {@code system}, not a file ({@code ./system} is one). */
    static boolean namesSystemRoots(Path rootCertificates) {
        return SYSTEM_ROOTS.equals(rootCertificates);
    }

    /** libpq's mode when a URL names none: {@code prefer}, but {@code verify-full} with {@code sslrootcert=system}. */
    static SslMode defaultMode(Path rootCertificates) {
        return namesSystemRoots(rootCertificates) ? SslMode.VERIFY_FULL : PREFERRED.mode();
    }

    private static void appendPath(StringBuilder parameters, String name, Path file) {
        if (file != null) {
            parameters.append('&').append(name).append('=').append(URLEncoder.encode(file.toString(), StandardCharsets.UTF_8));
        }
    }

    private static boolean verifiesServer(SslMode mode) {
        return mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL;
    }
}
