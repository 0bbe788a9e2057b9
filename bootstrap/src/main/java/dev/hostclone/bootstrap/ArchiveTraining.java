package dev.hostclone.bootstrap;

import dev.hostclone.bootstrap.config.ConfigurationReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * The build's training run for the class-data archive (AppCDS) that the quick start maps in. Run by
 * {@code mvn package} with {@code -XX:ArchiveClassesAtExit}, it starts the server as {@link Main}
 * would, once on memory and once on an embedded PostgreSQL in a directory of its own (which loads
 * what any PostgreSQL start loads: the client, Flyway, the migrations; left out where no embedded
 * PostgreSQL can run), each at a free port of the loopback; asks each what probes and a client ask
 * (readiness, liveness, metrics, one API call answered and one refused); and exits. The JVM then
 * writes every class it loaded, ready-made, to the archive.
 */
public final class ArchiveTraining {

    private static final String APP = "archive-training";
    private static final String API = "/api/c/compapi/v2/cc/";

    private ArchiveTraining() {
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            Main.setServerDefaults();
            train("--storage=memory");
            trainOnEmbeddedPostgres();
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("archive training interrupted");
        } catch (Exception | Error e) {
            // whatever failed, this JVM must exit below: a build waits for it
            System.err.println("archive training failed: " + e);
            e.printStackTrace();
        } finally {
            Main.flushLogs();
        }
        // the archive is written as the JVM exits, whatever threads a library left behind
        System.exit(status);
    }

    /**
     * PostgreSQL's part of the archive, from a throwaway embedded server. Where none can run here (its
     * binaries need glibc, say), the archive goes without those classes, which then load as usual, and
     * the build goes on: a server on memory or on an external PostgreSQL needs no embedded one.
     */
    private static void trainOnEmbeddedPostgres() throws InterruptedException {
        try {
            Path data = Files.createTempDirectory("hostclone-archive-training");
            try {
                train("--storage=embedded", "--data-dir=" + data);
            } finally {
                FileUtils.deleteDirectory(data.toFile());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("archive training: no embedded PostgreSQL here (" + e
                    + "); the archive leaves PostgreSQL's classes out");
        }
    }

    private static void train(String... storage) throws IOException, InterruptedException {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String secret = HexFormat.of().formatHex(random);
        String[] args = Stream.concat(Stream.of(storage), Stream.of("--http-host=127.0.0.1", "--http-port=0",
                "--apps=" + APP + ":" + secret, "--rate-limit=0")).toArray(String[]::new);
        try (HostCloneServer server = HostCloneServer.start(ConfigurationReader.read(Map.of(), args))) {
            Requests requests = new Requests("http://127.0.0.1:" + server.port());
            requests.expect(200, "GET", "/readyz", null);
            requests.expect(200, "GET", "/healthz", null);
            requests.expect(200, "GET", "/metrics", null);
            String credentials = "\"bk_app_code\":\"" + APP + "\",\"bk_app_secret\":\"" + secret
                    + "\",\"bk_username\":\"admin\"";
            requests.expect(200, "POST", API + "search_business/", "{" + credentials + ",\"condition\":{}}");
            // a clone in an empty store: decoded, checked and refused with the envelope's error
            requests.expect(200, "POST", API + "clone_host_property/",
                    "{" + credentials + ",\"bk_biz_id\":2,\"bk_org_ip\":\"10.0.0.1\",\"bk_dst_ip\":\"10.0.0.2\"}");
        }
    }

    /** Requests to the trained server, each of which must get the status it expects. */
    private record Requests(String base, HttpClient client) {

        Requests(String base) {
            this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        }

        void expect(int status, String method, String path, String body) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != status) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode()
                        + ", not " + status + ": " + response.body());
            }
        }
    }
}
