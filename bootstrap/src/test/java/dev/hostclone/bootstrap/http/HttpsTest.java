package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.hostclone.adapter.http.HttpTls;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.HostCloneServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API over HTTPS: a real server given the tests' certificate for {@code localhost} (the
 * certificates of adapter-persistence's test-jar, see its {@code tls/README.md}), real clients that
 * trust its CA, trust only the JDK's, or speak plain HTTP.
 */
class HttpsTest {

    private static final Map<String, String> APPS = Map.of("ops", "s3cret");
    /** Against a hang only: what is waited for comes at the watch's next look, every 100 ms. */
    private static final Duration HANG = Duration.ofSeconds(30);

    @TempDir
    static Path files;
    private static HostCloneServer server;
    private static HttpClient trustingTheCa;

    @BeforeAll
    static void startServingHttps() throws IOException, GeneralSecurityException {
        Path certificate = copied("server.pem");
        Path key = copied("server-key.pem");
        server = HostCloneServer.start(Configuration.inMemory(APPS, Set.of("admin")).withHttpTls(new HttpTls(certificate, key)));
        trustingTheCa = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .sslContext(trusting(copied("ca.pem"))).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void givenHttps_whenACallerTrustingTheCaClones_thenTheCloneIsServed() {
        ApiClient admin = ApiClient.of("https://localhost:" + server.port(), server.http().routes())
                .through(trustingTheCa).as("ops", "s3cret", "admin");
        ApiFixture fixture = ApiFixture.create(admin);

        ApiResponse cloned = admin.v3("clone_host_property", fixture.validRequest("clone_host_property").toString());

        assertThat(cloned.status()).isEqualTo(200);
        assertThat(cloned.code()).isZero();
        assertThat(cloned.result()).isTrue();
    }

    @Test
    void givenHttps_whenAProbeAsksForHealth_thenItIsAnsweredOverHttpsToo() throws IOException, InterruptedException {
        assertThat(health(trustingTheCa, "https").statusCode()).isEqualTo(200);
    }

    @Test
    void givenHttps_whenACallerSpeaksPlainHttp_thenNothingIsServed() {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> health(plain, "http")).isInstanceOf(IOException.class);
    }

    @Test
    void givenHttps_whenACallerTrustsOnlyTheJdksAuthorities_thenTheHandshakeFails() {
        HttpClient jdkDefaults = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        assertThatThrownBy(() -> health(jdkDefaults, "https")).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void givenARenewedCertificate_whenItsFilesAreReplaced_thenNewConnectionsGetItWithoutARestart() throws Exception {
        Path certificate = files.resolve("renewing.pem");
        Path key = files.resolve("renewing-key.pem");
        Files.copy(copied("server.pem"), certificate, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(copied("server-key.pem"), key, StandardCopyOption.REPLACE_EXISTING);
        try (CapturedLog log = CapturedLog.root();
             HostCloneServer renewing = HostCloneServer.start(Configuration.inMemory(APPS, Set.of("admin"))
                .withHttpTls(new HttpTls(certificate, key, Duration.ofMillis(100))))) {
            assertThat(health(trustingTheCa, "https", renewing.port()).statusCode()).isEqualTo(200);

            // the key first: until the certificate follows, the pair does not load and the one before is served. Asked
            // once the watch has read the new key and refused the pair, as it logs (until 2026-12-07 half a second's
            // sleep, after which a watch slower than that had read nothing, and the check proved nothing)
            Files.copy(copied("renewed-server-key.pem"), key, StandardCopyOption.REPLACE_EXISTING);
            await("the pair with the new key alone refused").atMost(HANG).until(() -> renewal(log).stream()
                    .anyMatch(line -> line.startsWith("HTTPS certificate not renewed, still serving the one before")));
            assertThat(health(client(trusting(copied("ca.pem"))), "https", renewing.port()).statusCode())
                    .as("a new connection while the key alone is renewed").isEqualTo(200);
            Files.copy(copied("renewed-server.pem"), certificate, StandardCopyOption.REPLACE_EXISTING);

            // served to new connections once renewed, as the watch logs then (until 2026-12-07 asked again and again,
            // failing after 20 s)
            await("the renewed pair served").atMost(HANG).until(() -> renewal(log).stream()
                    .anyMatch(line -> line.startsWith("HTTPS certificate renewed from " + certificate)));
            SSLContext trustingTheRenewed = trusting(copied("renewed-server.pem"));
            // several new connections, so that both HTTP instances take some: one of them watches the files for both
            for (int connection = 0; connection < 6; connection++) {
                assertThatThrownBy(() -> health(client(trusting(copied("ca.pem"))), "https", renewing.port()))
                        .as("a new connection no longer gets the certificate before").isInstanceOf(SSLHandshakeException.class);
                assertThat(answers(client(trustingTheRenewed), renewing.port())).as("a new connection gets the renewed one").isTrue();
            }
        }
    }

    @Test
    void givenACertificateFileThatIsMissing_whenStarting_thenTheStartFailsNamingIt() throws IOException {
        Path missing = files.resolve("nope.pem");
        Configuration configuration = Configuration.inMemory(APPS, Set.of("admin"))
                .withHttpTls(new HttpTls(missing, copied("server-key.pem")));

        assertThatThrownBy(() -> HostCloneServer.start(configuration))
                .hasMessage("could not listen on https://127.0.0.1:0")
                .cause().hasMessage("the HTTPS certificate chain " + missing + " cannot be read (NoSuchFileException)");
    }

    @Test
    void givenAKeyFileHoldingACertificate_whenStarting_thenTheStartFails() throws IOException {
        Configuration configuration = Configuration.inMemory(APPS, Set.of("admin"))
                .withHttpTls(new HttpTls(copied("server.pem"), copied("ca.pem")));

        assertThatThrownBy(() -> HostCloneServer.start(configuration))
                .hasMessage("could not listen on https://127.0.0.1:0")
                .hasStackTraceContaining("Missing -----BEGIN PRIVATE KEY-----");
    }

    @Test
    void givenTheKeyOfAnotherCertificate_whenStarting_thenTheStartFailsNamingBoth() throws IOException {
        Path certificate = copied("server.pem");
        Path otherKey = copied("renewed-server-key.pem");
        Configuration configuration = Configuration.inMemory(APPS, Set.of("admin"))
                .withHttpTls(new HttpTls(certificate, otherKey));

        assertThatThrownBy(() -> HostCloneServer.start(configuration))
                .hasMessage("could not listen on https://127.0.0.1:0")
                .cause().hasMessage("the HTTPS private key " + otherKey + " does not belong to the certificate in " + certificate);
    }

    private static HttpResponse<String> health(HttpClient client, String scheme) throws IOException, InterruptedException {
        return health(client, scheme, server.port());
    }

    private static HttpResponse<String> health(HttpClient client, String scheme, int port)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(scheme + "://localhost:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** What the certificate's watch has logged: whether it renewed the pair, or refused it. */
    private static List<String> renewal(CapturedLog log) {
        return log.from("dev.hostclone.adapter.http.CertificateRenewal");
    }

    /** Whether a new connection trusting what {@code client} trusts is served: its handshake passes. */
    private static boolean answers(HttpClient client, int port) throws InterruptedException {
        try {
            return health(client, "https", port).statusCode() == 200;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A client of its own, so that each request opens a connection of its own and shakes hands anew. */
    private static HttpClient client(SSLContext trusted) {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(trusted).build();
    }

    private static Path copied(String name) throws IOException {
        Path file = files.resolve(name);
        if (!Files.exists(file)) {
            try (InputStream in = HttpsTest.class.getClassLoader().getResourceAsStream("tls/" + name)) {
                Files.copy(in, file);
            }
        }
        return file;
    }

    private static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trusted.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
