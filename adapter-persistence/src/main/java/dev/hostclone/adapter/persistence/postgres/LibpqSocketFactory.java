package dev.hostclone.adapter.persistence.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The JDBC driver's TLS where libpq's settings ask for what the driver's own factory does not do:
 * a client certificate whose key is PEM (the driver reads a client key only as PKCS #8 DER, where
 * libpq, the reactive client and certificate authorities use PEM; {@link PemFiles} reads it in each
 * PEM form libpq does, decrypting it with {@code sslpassword}, a connection property that
 * {@link PgTls#jdbcSecretProperties()} keeps out of the URL), or {@code sslrootcert=system}, the
 * platform's certificate authorities. The driver builds this from its connection properties
 * ({@code sslfactory}, set by {@link PgTls#jdbcParameters()}) and still negotiates TLS and checks the
 * server's name itself ({@code sslmode=verify-full}); this supplies the keys and the trust: the
 * client certificate and key when there are some, and the CAs of {@code sslrootcert}, the JVM's
 * default trust store for {@code system} (as the reactive client takes it), or, as in libpq's
 * unverified modes, any server certificate.
 */
public final class LibpqSocketFactory extends SSLSocketFactory {

    /** The connection property with the client key's password: libpq's {@code sslpassword}, the driver's name too. */
    static final String KEY_PASSWORD = "sslpassword";
    private static final char[] IN_MEMORY = new char[0];

    private final SSLSocketFactory delegate;

    /** Called by the JDBC driver with the connection's properties. */
    public LibpqSocketFactory(Properties properties) throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(identity(properties.getProperty("sslcert"), properties.getProperty("sslkey"),
                        properties.getProperty(KEY_PASSWORD)),
                trust(properties.getProperty("sslrootcert")), null);
        this.delegate = context.getSocketFactory();
    }

    /** The client certificate and its key, or none (null: the driver presents no certificate). */
    private static KeyManager[] identity(String certificate, String key, String password)
            throws GeneralSecurityException, IOException {
        if (certificate == null) {
            return null;
        }
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        identity.setKeyEntry("client", PemFiles.privateKey("sslkey", Path.of(key), password), IN_MEMORY,
                PemFiles.certificates("sslcert", Path.of(certificate)).toArray(X509Certificate[]::new));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, IN_MEMORY);
        return keys.getKeyManagers();
    }

    private static TrustManager[] trust(String rootCertificates) throws GeneralSecurityException, IOException {
        if (rootCertificates == null) {
            return new TrustManager[] {new AnyServer()};
        }
        if (PgTls.namesSystemRoots(Path.of(rootCertificates))) {
            return PgTls.systemTrust().getTrustManagers();
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        List<X509Certificate> authorities = PemFiles.certificates("sslrootcert", Path.of(rootCertificates));
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        for (int i = 0; i < authorities.size(); i++) {
            trusted.setCertificateEntry("ca-" + i, authorities.get(i));
        }
        trust.init(trusted);
        return trust.getTrustManagers();
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
        return delegate.createSocket(socket, host, port, autoClose);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return delegate.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return delegate.createSocket(host, port);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return delegate.createSocket(address, port, localAddress, localPort);
    }

    /** libpq's {@code require}, {@code prefer} and {@code allow}: encrypted, whoever answers. */
    private static final class AnyServer implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            // the store only ever connects as a client; any peer claiming to be one is refused
            throw new CertificateException("the store accepts no client certificates: it is a client itself");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // unverified by the mode's definition
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
