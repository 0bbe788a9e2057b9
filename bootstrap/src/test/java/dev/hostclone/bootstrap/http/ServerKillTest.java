package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostclone.adapter.http.api.AddHostToBusinessIdleApi;
import dev.hostclone.adapter.http.api.BatchUpdateHostApi;
import dev.hostclone.adapter.http.api.CloneHostPropertyApi;
import dev.hostclone.adapter.http.api.CreateBusinessApi;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.Main;
import dev.hostclone.bootstrap.ServerProbe;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server killed with SIGKILL in the middle of clones and batch updates loses no acknowledged write
 * and leaves no partial one. The server runs in a JVM of its own, started from this test's class path,
 * on a PostgreSQL of this test's own; afterwards the database is read directly: every acknowledged
 * write has its audit record, and every host changed exactly as often as it has update records, its
 * value being the one its newest record wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerKillTest {

    private static final String APP = "kill-app";
    private static final String SECRET = "kill-secret-41c9";
    private static final String ADMIN = "admin";
    private static final int WORKERS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The server's log, kept when a test fails, for its stack traces; removed with the folder otherwise. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path logs;
    private EmbeddedPostgres database;
    private Process server;
    private Path serverLog;
    private ApiClient admin;

    @BeforeAll
    void startDatabaseAndServer() throws Exception {
        database = TestPostgres.builder().setRegisterShutdownHook(false).start();
        int port = ServerProbe.freePort();
        serverLog = logs.resolve("killed-server.log");
        server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "--storage=postgres", "--pg-url=postgresql://postgres@localhost:" + database.getPort() + "/postgres",
                "--http-host=127.0.0.1", "--http-port=" + port, "--apps=" + APP + ":" + SECRET, "--admins=" + ADMIN,
                "--rate-limit=0")
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        admin = ApiClient.of("http://127.0.0.1:" + port, List.of(CreateBusinessApi.ROUTE, AddHostToBusinessIdleApi.ROUTE,
                BatchUpdateHostApi.ROUTE, CloneHostPropertyApi.ROUTE)).as(APP, SECRET, ADMIN);
        assertThat(ServerProbe.awaitReady(port, server)).as("/readyz of the server; its log: %s", serverLog).isEqualTo(200);
    }

    @AfterAll
    void stop() throws IOException {
        if (server != null) {
            server.destroyForcibly();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void givenClonesAndUpdatesRunning_whenTheServerIsKilled_thenEveryAcknowledgedWriteIsThereAndNoneIsPartial()
            throws Exception {
        long business = admin.v3("create_business", json(Map.of("bk_biz_name", "killed", "bk_biz_maintainer", ADMIN)))
                .data().get("bk_biz_id").asLong();
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (int i = 0; i < 2 * WORKERS; i++) {
            hosts.add(Map.of("bk_host_innerip", "10.9.0." + (i + 1), "bk_cloud_id", 0,
                    "bk_comment", i % 2 == 0 ? "source" : "initial", "operator", "alice"));
        }
        List<Long> ids = new ArrayList<>();
        admin.v3("add_host_to_business_idle", json(Map.of("bk_biz_id", business, "bk_host_list", hosts)))
                .data().get("bk_host_ids").forEach(id -> ids.add(id.asLong()));
        Map<Long, Long> versionsBefore = versions();

        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<Set<String>>> acknowledged = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            long source = ids.get(2 * w);
            long destination = ids.get(2 * w + 1);
            String name = "w" + w;
            acknowledgedSoFar.put(name, 0);
            acknowledged.add(pool.submit(() -> writeUntilRefused(name, business, source, destination)));
        }
        // killed once every worker has had writes acknowledged, so that writes are in flight on each when it dies:
        // until 2026-12-08 after a fixed 2 s, which a loaded machine's slow start could spend before any was
        await("writes acknowledged on every worker").atMost(Duration.ofSeconds(60))
                .until(() -> acknowledgedSoFar.values().stream().filter(count -> count >= 10).count() == WORKERS);
        server.destroyForcibly();
        assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Set<String> acknowledgedWrites = new HashSet<>();
        for (Future<Set<String>> worker : acknowledged) {
            acknowledgedWrites.addAll(worker.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        Map<String, Integer> auditsByRid = updateAuditsByRid();
        assertThat(acknowledgedWrites).as("writes done before the kill").isNotEmpty();
        assertThat(auditsByRid.keySet()).as("every acknowledged write is in the database").containsAll(acknowledgedWrites);
        assertThat(auditsByRid.values()).as("no write recorded twice").containsOnly(1);
        Map<Long, Long> versionsAfter = versions();
        for (int w = 0; w < WORKERS; w++) {
            long destination = ids.get(2 * w + 1);
            assertThat(versionsAfter.get(destination) - versionsBefore.get(destination))
                    .as("host %d changed exactly as often as it has update records", destination)
                    .isEqualTo(updateAudits(destination));
            assertThat(comment(destination)).as("host %d holds what its newest record wrote", destination)
                    .isEqualTo(newestWrittenComment(destination));
        }
    }

    /**
     * Alternates a batch update of {@code destination} (its comment becomes the request id) and a clone
     * of {@code source} onto it (the comment becomes "source" again), until the server stops answering;
     * returns the request ids of the writes it acknowledged.
     */
    private Set<String> writeUntilRefused(String name, long business, long source, long destination) {
        Set<String> acknowledged = new HashSet<>();
        for (int n = 0; ; n++) {
            String rid = name + "-" + n;
            ApiClient client = admin.withHeader("X-Request-ID", rid);
            ApiResponse answer;
            try {
                answer = n % 2 == 0
                        ? client.v3("batch_update_host", json(Map.of("update", List.of(Map.of(
                                "bk_host_id", destination, "properties", Map.of("bk_comment", rid))))))
                        : client.v3("clone_host_property", json(Map.of(
                                "bk_biz_id", business, "bk_org_id", source, "bk_dst_id", destination)));
            } catch (UncheckedIOException killed) {
                return acknowledged;
            }
            if (answer.code() == 0) {
                acknowledged.add(rid);
                acknowledgedSoFar.merge(name, 1, Integer::sum);
            }
        }
    }

    /** Each worker's acknowledged writes so far, by its name. */
    private final Map<String, Integer> acknowledgedSoFar = new ConcurrentHashMap<>();

    private Map<Long, Long> versions() throws SQLException {
        Map<Long, Long> versions = new HashMap<>();
        query("SELECT bk_host_id, version FROM host", rows -> versions.put(rows.getLong(1), rows.getLong(2)));
        return versions;
    }

    private Map<String, Integer> updateAuditsByRid() throws SQLException {
        Map<String, Integer> audits = new HashMap<>();
        query("SELECT rid, count(*) FROM audit_record WHERE action = 'update' GROUP BY rid",
                rows -> audits.put(rows.getString(1), rows.getInt(2)));
        return audits;
    }

    private long updateAudits(long host) throws SQLException {
        long[] count = {0};
        query("SELECT count(*) FROM audit_record WHERE action = 'update' AND resource_id = " + host,
                rows -> count[0] = rows.getLong(1));
        return count[0];
    }

    private String comment(long host) throws SQLException {
        String[] comment = {null};
        query("SELECT doc->>'bk_comment' FROM host WHERE bk_host_id = " + host, rows -> comment[0] = rows.getString(1));
        return comment[0];
    }

    /** The comment the newest update record of {@code host} wrote; "initial" when there is none. */
    private String newestWrittenComment(long host) throws SQLException {
        String[] comment = {"initial"};
        query("SELECT update_fields->>'bk_comment' FROM audit_record WHERE action = 'update' AND resource_id = " + host
                + " ORDER BY id DESC LIMIT 1", rows -> comment[0] = rows.getString(1));
        return comment[0];
    }

    private void query(String sql, RowReader reader) throws SQLException {
        try (Connection connection = database.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
