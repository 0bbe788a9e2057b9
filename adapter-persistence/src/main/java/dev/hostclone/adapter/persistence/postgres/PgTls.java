package dev.hostclone.adapter.persistence.postgres;

import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

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
 */
public record PgTls(SslMode mode, Path rootCertificates) {

    /** libpq's and the JDBC driver's default: TLS when the server offers it, unverified. */
    public static final PgTls PREFERRED = new PgTls(SslMode.PREFER, null);
    /** Plain TCP: for a server on the same host, such as the embedded one. */
    public static final PgTls DISABLED = new PgTls(SslMode.DISABLE, null);

    public PgTls {
        Objects.requireNonNull(mode, "mode");
        if (verifiesServer(mode) && rootCertificates == null) {
            throw new IllegalArgumentException("sslmode=" + mode.value + " needs sslrootcert: the PEM file of the"
                    + " certificate authorities to verify the server's certificate against");
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
     * Reads the root certificates now, so that a missing or unreadable file fails the start with its
     * own message rather than as every connection's handshake failure.
     *
     * @throws PostgresStoreException naming the file and what is wrong with it (the cause says more)
     */
    void checkRootCertificates() {
        if (rootCertificates == null) {
            return;
        }
        try (InputStream in = Files.newInputStream(rootCertificates)) {
            if (CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty()) {
                throw new PostgresStoreException("sslrootcert " + rootCertificates + " holds no certificate", null);
            }
        } catch (IOException unreadable) {
            throw new PostgresStoreException("sslrootcert " + rootCertificates + " cannot be read ("
                    + unreadable.getClass().getSimpleName() + ")", unreadable);
        } catch (GeneralSecurityException notPem) {
            throw new PostgresStoreException("sslrootcert " + rootCertificates + " holds no PEM certificate", notPem);
        }
    }

    /** The reactive client's options with this TLS: unverified modes trust any certificate, as libpq's do. */
    PgConnectOptions applyTo(PgConnectOptions options) {
        options.setSslMode(mode);
        if (mode == SslMode.DISABLE) {
            return options;
        }
        ClientSSLOptions ssl = verifiesServer(mode)
                ? new ClientSSLOptions().setTrustOptions(new PemTrustOptions().addCertPath(rootCertificates.toString()))
                : new ClientSSLOptions().setTrustAll(true);
        // verify-full checks the server's name against its certificate as HTTPS does; the others do not
        return options.setSslOptions(ssl.setHostnameVerificationAlgorithm(mode == SslMode.VERIFY_FULL ? "HTTPS" : ""));
    }

    /** The same for the JDBC driver, whose {@code sslmode} values and meanings are libpq's too: URL parameters. */
    String jdbcParameters() {
        return "sslmode=" + mode.value + (rootCertificates == null ? ""
                : "&sslrootcert=" + URLEncoder.encode(rootCertificates.toString(), StandardCharsets.UTF_8));
    }

    private static boolean verifiesServer(SslMode mode) {
        return mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL;
    }
}
