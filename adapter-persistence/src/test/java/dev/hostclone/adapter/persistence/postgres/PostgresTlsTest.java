package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.Stages.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.Stages;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.domain.host.HostId;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.SqlClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The store's connections under each {@code sslmode}, against a real PostgreSQL that offers TLS with
 * a certificate for {@code localhost} only, signed by a test CA ({@code src/test/resources/tls}), and
 * that lets the store's role in over TLS alone ({@code hostssl} in its {@code pg_hba.conf}). Each
 * store starts on a fresh database, so Flyway's JDBC connection migrates it: a start that succeeds
 * proves that connection was encrypted too, as the pool's, the shared one and the {@code LISTEN}
 * connection are shown to be in {@code pg_stat_ssl}.
 */
class PostgresTlsTest {

    private static final String ROLE = "hostclone_tls";
    /** A role PostgreSQL admits by client certificate alone: the test client certificate's common name. */
    private static final String CERTIFIED_ROLE = "hostclone_cert";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String TRUST_STORE_PASSWORD = "test-only";

    private static Path tls;
    private static EmbeddedPostgres server;
    private static Vertx vertx;

    @BeforeAll
    static void startServerOfferingTls() throws IOException, SQLException, URISyntaxException {
        tls = Files.createTempDirectory("hostclone-tls-test");
        Path resources = Path.of(Objects.requireNonNull(PostgresTlsTest.class.getResource("/tls/ca.pem")).toURI()).getParent();
        for (String file : new String[] {"ca.pem", "other-ca.pem", "server.pem", "server-key.pem", "client-ca.pem",
                "client.pem", "client-key.pem", "client-key-sec1.pem", "client-key-encrypted.pem"}) {
            Files.copy(resources.resolve(file), tls.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        // PostgreSQL refuses a key that others may read; git keeps no such mode
        Files.setPosixFilePermissions(tls.resolve("server-key.pem"), PosixFilePermissions.fromString("rw-------"));
        Path hba = Files.writeString(tls.resolve("pg_hba.conf"), String.join("\n",
                "hostssl all " + CERTIFIED_ROLE + " 127.0.0.1/32 cert",
                "hostssl all " + CERTIFIED_ROLE + " ::1/128 cert",
                "hostssl all all 127.0.0.1/32 trust",
                "hostssl all all ::1/128 trust",
                "hostnossl all postgres 127.0.0.1/32 trust",
                "hostnossl all postgres ::1/128 trust", ""));
        server = TestPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("ssl", "on")
                .setServerConfig("ssl_cert_file", tls.resolve("server.pem").toString())
                .setServerConfig("ssl_key_file", tls.resolve("server-key.pem").toString())
                .setServerConfig("hba_file", hba.toString())
                .setServerConfig("ssl_ca_file", tls.resolve("client-ca.pem").toString())
                .start();
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE " + ROLE + " LOGIN SUPERUSER");
            statement.execute("CREATE ROLE " + CERTIFIED_ROLE + " LOGIN SUPERUSER");
        }
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopServer() throws IOException {
        await(vertx.close().toCompletionStage());
        server.close();
        try (Stream<Path> files = Files.list(tls)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(tls);
    }

    @Test
    void givenVerifyFullWithTheServersCa_whenStarting_thenEveryConnectionIsEncrypted() throws SQLException {
        PgSettings settings = settings("localhost", "?sslmode=verify-full&sslrootcert=" + tls.resolve("ca.pem"));

        PostgresStore store = await(PostgresStore.start(vertx, settings));
        await(store.checkStoreReadiness());
        // a read issued while another is in flight goes to the shared connection (TimedPool#keyedRead).
        // Both are sent in one task of an event loop, to which the first's answer comes back, so it cannot
        // end before the second is sent; sent from this thread, on a busy machine, it once did, and the
        // second took the pool's connection instead
        CompletableFuture<List<CompletionStage<?>>> sent = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> sent.complete(List.of(
                store.loadHosts(List.of(HostId.of(1))), store.loadHosts(List.of(HostId.of(2))))));
        await(sent).forEach(Stages::await);

        assertThat(connectionsOf(settings)).as("the pool's, the shared one and the LISTEN connection, all encrypted")
                .isEqualTo(new Connections(3, 3));
        await(store.close());
    }

    @Test
    void givenVerifyCaAndAnAddressTheCertificateDoesNotName_whenStarting_thenTheChainAloneIsChecked() {
        PgSettings settings = settings("127.0.0.1", "?sslmode=verify-ca&sslrootcert=" + tls.resolve("ca.pem"));

        PostgresStore store = await(PostgresStore.start(vertx, settings));

        assertThat(await(store.checkStoreReadiness()).migrationsApplied()).isTrue();
        await(store.close());
    }

    @Test
    void givenVerifyFullAndAnAddressTheCertificateDoesNotName_whenStarting_thenTheStartFails() {
        PgSettings settings = settings("127.0.0.1", "?sslmode=verify-full&sslrootcert=" + tls.resolve("ca.pem"));

        Throwable failure = outcome(PostgresStore.start(vertx, settings));

        assertThat(messages(failure)).as("Flyway's connection").contains("The hostname 127.0.0.1 could not be verified");
        // Vert.x names no cause; that verify-ca passes on the same address shows it is the name
        assertThat(messages(reactiveConnection(settings))).as("the pool's").contains("SSL handshake failed");
    }

    @Test
    void givenVerifyFullWithAnotherCa_whenStarting_thenTheStartFails() {
        PgSettings settings = settings("localhost", "?sslmode=verify-full&sslrootcert=" + tls.resolve("other-ca.pem"));

        Throwable failure = outcome(PostgresStore.start(vertx, settings));

        assertThat(messages(failure)).as("Flyway's connection").contains("PKIX path building failed");
        Throwable pools = reactiveConnection(settings);
        assertThat(messages(pools)).as("the pool's").contains("SSL handshake failed");
        // as a running store reports it once the database's certificate changes to one it does not trust
        assertThat(PostgresStoreException.wrap("load hosts", pools))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessage("PostgreSQL is unavailable to load hosts (VertxException: SSL handshake failed)");
    }

    @Test
    void givenSystemRootsHoldingTheServersCa_whenStarting_thenEveryConnectionIsEncryptedAndVerified() throws Exception {
        // the JVM's default trust store, as a deployment would point javax.net.ssl.trustStore at one
        PgSettings settings = settings("localhost", "?sslrootcert=system");

        PostgresStore store = withJvmTrustStoreHoldingTheTestCa(() -> await(PostgresStore.start(vertx, settings)));
        await(store.checkStoreReadiness());

        assertThat(settings.tls().mode()).as("libpq's default with system roots").isEqualTo(SslMode.VERIFY_FULL);
        assertThat(store.schemaAtStart().flywayRan()).as("Flyway's JDBC connection migrated the database").isTrue();
        assertThat(connectionsOf(settings)).as("the pool's, the shared one (the readiness check's) and the LISTEN connection")
                .isEqualTo(new Connections(3, 3));
        await(store.close());
    }

    @Test
    void givenSystemRootsAndAClientCertificate_whenTheRoleIsAdmittedByCertificateOnly_thenBothClientsPresentIt() throws Exception {
        PgSettings settings = settings(CERTIFIED_ROLE, "localhost", "?sslrootcert=system"
                + "&sslcert=" + tls.resolve("client.pem") + "&sslkey=" + tls.resolve("client-key.pem"));

        PostgresStore store = withJvmTrustStoreHoldingTheTestCa(() -> await(PostgresStore.start(vertx, settings)));
        await(store.checkStoreReadiness());

        assertThat(store.schemaAtStart().flywayRan()).isTrue();
        assertThat(clientNamesOf(CERTIFIED_ROLE, settings)).as("the pool's, the shared one and the LISTEN connection")
                .containsExactly("/CN=hostclone_cert", "/CN=hostclone_cert", "/CN=hostclone_cert");
        await(store.close());
    }

    @Test
    void givenSystemRootsWithoutTheServersCa_whenStarting_thenBothClientsRefuseTheServer() {
        // the JDK's own cacerts: the test CA is none of them, so trusting any server would be the only way in
        PgSettings settings = settings("localhost", "?sslrootcert=system");

        Throwable failure = outcome(PostgresStore.start(vertx, settings));

        assertThat(messages(failure)).as("Flyway's connection").contains("PKIX path building failed");
        assertThat(messages(reactiveConnection(settings))).as("the pool's").contains("SSL handshake failed");
    }

    @Test
    void givenRequireWithoutACa_whenStarting_thenConnectionsAreEncryptedUnverified() throws SQLException {
        PgSettings settings = settings("127.0.0.1", "?sslmode=require");

        PostgresStore store = await(PostgresStore.start(vertx, settings));
        await(store.checkStoreReadiness());

        assertThat(connectionsOf(settings)).as("the pool's, the shared one (the readiness check's) and the LISTEN connection")
                .isEqualTo(new Connections(3, 3));
        await(store.close());
    }

    @Test
    void givenTheDefaultMode_whenTheServerOffersTls_thenConnectionsAreEncrypted() throws SQLException {
        PgSettings settings = settings("localhost", "");

        PostgresStore store = await(PostgresStore.start(vertx, settings));
        await(store.checkStoreReadiness());

        assertThat(settings.tls()).isEqualTo(PgTls.PREFERRED);
        assertThat(connectionsOf(settings)).as("the pool's, the shared one (the readiness check's) and the LISTEN connection")
                .isEqualTo(new Connections(3, 3));
        await(store.close());
    }

    @Test
    void givenDisable_whenTheServerAdmitsTheRoleOverTlsOnly_thenTheStartFailsNamingTheRefusal() {
        PgSettings settings = settings("localhost", "?sslmode=disable");

        Throwable failure = outcome(PostgresStore.start(vertx, settings));

        assertThat(messages(failure)).as("Flyway's connection").contains("no pg_hba.conf entry").contains("no encryption");
        assertThat(messages(reactiveConnection(settings))).as("the pool's").contains("no pg_hba.conf entry");
    }

    @Test
    void givenARootFileThatIsMissing_whenStarting_thenTheStartFailsNamingIt() {
        Path missing = tls.resolve("missing.pem");
        PgSettings settings = settings("localhost", "?sslmode=verify-full&sslrootcert=" + missing);

        Throwable failure = outcome(PostgresStore.start(vertx, settings));

        assertThat(failure).isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslrootcert " + missing + " cannot be read (NoSuchFileException)");
    }

    @Test
    void givenARootFileHoldingAKeyNotACertificate_whenStarting_thenTheStartFailsNamingIt() {
        Path key = tls.resolve("server-key.pem");
        PgSettings settings = settings("localhost", "?sslmode=verify-ca&sslrootcert=" + key);

        Throwable failure = outcome(PostgresStore.start(vertx, settings));

        assertThat(failure).isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslrootcert " + key + " holds no PEM certificate");
    }

    /**
     * The key as PKCS #8 ({@code openssl genpkey}), as SEC1 ({@code openssl ecparam -genkey},
     * {@code pkey -traditional}), and as encrypted PKCS #8 with its {@code sslpassword}: Flyway's JDBC
     * connection gets the password as a connection property, the reactive client the key decrypted.
     */
    @ParameterizedTest
    @CsvSource(value = {"client-key.pem, NONE", "client-key-sec1.pem, NONE", "client-key-encrypted.pem, test-only"},
            nullValues = "NONE")
    void givenAClientCertificate_whenTheRoleIsAdmittedByCertificateOnly_thenEveryConnectionPresentsIt(String key,
                                                                                                  String password)
            throws SQLException {
        PgSettings settings = settings(CERTIFIED_ROLE, "localhost", "?sslmode=verify-full&sslrootcert=" + tls.resolve("ca.pem")
                + "&sslcert=" + tls.resolve("client.pem") + "&sslkey=" + tls.resolve(key)
                + (password == null ? "" : "&sslpassword=" + password));

        // a fresh database: Flyway's JDBC connection, admitted by the certificate too, migrates it
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        await(store.checkStoreReadiness());

        assertThat(store.schemaAtStart().flywayRan()).isTrue();
        assertThat(clientNamesOf(CERTIFIED_ROLE, settings)).as("the pool's, the shared one and the LISTEN connection")
                .containsExactly("/CN=hostclone_cert", "/CN=hostclone_cert", "/CN=hostclone_cert");
        await(store.close());
    }

    @Test
    void givenAClientCertificateAndRequire_whenTheRoleIsAdmittedByCertificateOnly_thenTheStoreStartsUnverified() {
        PgSettings settings = settings(CERTIFIED_ROLE, "127.0.0.1", "?sslmode=require"
                + "&sslcert=" + tls.resolve("client.pem") + "&sslkey=" + tls.resolve("client-key.pem"));

        PostgresStore store = await(PostgresStore.start(vertx, settings));

        assertThat(await(store.checkStoreReadiness()).migrationsApplied()).isTrue();
        await(store.close());
    }

    @Test
    void givenNoClientCertificate_whenTheRoleIsAdmittedByCertificateOnly_thenTheStartFailsNamingTheRefusal() {
        PgSettings settings = settings(CERTIFIED_ROLE, "localhost", "?sslmode=verify-full&sslrootcert=" + tls.resolve("ca.pem"));

        Throwable failure = outcome(PostgresStore.start(vertx, settings));

        assertThat(messages(failure)).as("Flyway's connection").contains("connection requires a valid client certificate");
        assertThat(messages(reactiveConnection(settings))).as("the pool's")
                .contains("connection requires a valid client certificate");
    }

    @Test
    void givenAnEncryptedClientKeyAndNoPassword_whenStarting_thenTheStartFailsNamingItBeforeConnecting() {
        Path encrypted = tls.resolve("client-key-encrypted.pem");

        Throwable failure = startWithClientKey(encrypted, null);

        assertThat(failure).isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + encrypted + " holds an encrypted private key: give its password as sslpassword,"
                        + " or write it unencrypted with openssl pkey -in " + encrypted + " -out <new file>");
    }

    @Test
    void givenAnEncryptedClientKeyAndAWrongPassword_whenStarting_thenTheStartFailsWithoutShowingThePassword() {
        Path encrypted = tls.resolve("client-key-encrypted.pem");

        Throwable failure = startWithClientKey(encrypted, "wrong-secret");

        assertThat(failure).isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + encrypted + ": sslpassword does not decrypt its private key");
        assertThat(messages(failure)).doesNotContain("wrong-secret");
    }

    @Test
    void givenAKeyFileHoldingACertificate_whenStarting_thenTheStartFailsNamingIt() {
        Path notAKey = tls.resolve("client.pem");

        Throwable failure = startWithClientKey(notAKey, null);

        assertThat(failure).isInstanceOf(PostgresStoreException.class)
                .hasMessage("sslkey " + notAKey + " holds no PEM private key (BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY,"
                        + " BEGIN EC PRIVATE KEY or BEGIN ENCRYPTED PRIVATE KEY)");
    }

    /**
     * How a start presenting the test client certificate with {@code key} as its key, and
     * {@code password} as its {@code sslpassword} unless null, ends: null when it started.
     */
    private static Throwable startWithClientKey(Path key, String password) {
        PgSettings settings = settings(CERTIFIED_ROLE, "localhost", "?sslmode=require&sslcert=" + tls.resolve("client.pem")
                + "&sslkey=" + key + (password == null ? "" : "&sslpassword=" + password));
        return outcome(PostgresStore.start(vertx, settings));
    }

    /**
     * What {@code start} returns while the JVM's default trust store ({@code javax.net.ssl.trustStore})
     * holds the test CA alone; the JDK reads the setting whenever a default trust manager is made.
     */
    private static <T> T withJvmTrustStoreHoldingTheTestCa(Callable<T> start) throws Exception {
        Path store = tls.resolve("jvm-trust.p12");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        try (InputStream ca = Files.newInputStream(tls.resolve("ca.pem"))) {
            trusted.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        try (OutputStream out = Files.newOutputStream(store)) {
            trusted.store(out, TRUST_STORE_PASSWORD.toCharArray());
        }
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", TRUST_STORE_PASSWORD);
        try {
            return start.call();
        } finally {
            System.clearProperty("javax.net.ssl.trustStore");
            System.clearProperty("javax.net.ssl.trustStorePassword");
        }
    }

    /** A fresh, empty database owned by nobody special, reached as the TLS-only role at {@code host}. */
    private static PgSettings settings(String host, String query) {
        return settings(ROLE, host, query);
    }

    /** A fresh, empty database owned by nobody special, reached as {@code role} at {@code host}. */
    private static PgSettings settings(String role, String host, String query) {
        String name = "hostclone_tls_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return PgSettings.fromUrl("postgresql://" + role + "@" + host + ":" + server.getPort() + "/" + name + query);
    }

    /**
     * How a statement on a connection made with the store's options ends: null when it ran. A start reports Flyway's failure where both fail, so the reactive
     * client's is checked on its own here.
     */
    private static Throwable reactiveConnection(PgSettings settings) {
        SqlClient client = PgBuilder.client()
                .connectingTo(PostgresConnections.connectOptions(settings))
                .using(vertx)
                .build();
        return outcome(client.query("SELECT 1").execute().eventually(client::close).toCompletionStage());
    }

    /** How many of the store's connections to its database are open, and how many of them encrypted. */
    private static Connections connectionsOf(PgSettings settings) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), count(*) FILTER (WHERE s.ssl)"
                     + " FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
                     + " WHERE a.usename = '" + ROLE + "' AND a.datname = '" + settings.database() + "'")) {
            rows.next();
            return new Connections(rows.getInt(1), rows.getInt(2));
        }
    }

    /** The client certificate names {@code role}'s connections to the store's database presented, in no particular order. */
    private static List<String> clientNamesOf(String role, PgSettings settings) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(s.client_dn, '-')"
                     + " FROM pg_stat_activity a JOIN pg_stat_ssl s USING (pid)"
                     + " WHERE a.usename = '" + role + "' AND a.datname = '" + settings.database() + "'")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    /** Every message of a failure's chain, outermost first: what a failed start prints. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append(" | ");
        }
        return all.toString();
    }

    private record Connections(int open, int encrypted) {
    }
}
