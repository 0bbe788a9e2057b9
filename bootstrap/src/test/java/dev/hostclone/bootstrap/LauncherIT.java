package dev.hostclone.bootstrap;

import static dev.hostclone.bootstrap.ServerProbe.PATIENCE;
import static dev.hostclone.bootstrap.ServerProbe.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.hostclone.adapter.http.testkit.Scrape;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packaged launcher ({@code src/main/dist/hostclone}) as an operator runs it: a copy of it and of the
 * runnable jar in a directory of their own, the server on memory, stopped by a signal to the launcher.
 * Whether a start maps the archive in is the JVM's own word: its class-loading log names the source of
 * each class.
 */
class LauncherIT {

    private static final Path PACKAGE = Path.of(System.getProperty("hostclone.package", "target"));
    private static final String RECORDING = "this start records one";
    private static final int STOPPED_BY_SIGTERM = 128 + 15;
    private static final int STOPPED_BY_SIGINT = 128 + 2;

    @TempDir
    Path directory;
    private Path archive;
    private final List<Launch> launches = new ArrayList<>();

    @BeforeEach
    void install() throws IOException {
        Files.copy(PACKAGE.resolve("hostclone"), directory.resolve("hostclone"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.copy(PACKAGE.resolve("hostclone.jar"), directory.resolve("hostclone.jar"), StandardCopyOption.COPY_ATTRIBUTES);
        archive = directory.resolve("hostclone.jsa");
    }

    @Test
    void givenNoArchive_whenTheServerServesAndIsStopped_thenItLeavesAnArchiveThatTheNextStartMapsIn() throws Exception {
        Launch first = launch("first", Map.of());
        assertThat(first.awaitReady()).as("the recording start serves, log:%n%s", first.log()).isEqualTo(200);
        assertThat(first.log()).contains(RECORDING);
        List<ProcessHandle> server = first.process.descendants().toList();
        assertThat(first.stop()).isEqualTo(STOPPED_BY_SIGTERM);

        assertThat(server).as("the launcher's SIGTERM reached the server").isNotEmpty().noneMatch(ProcessHandle::isAlive);
        assertThat(first.log()).contains("class-data archive written to " + archive);
        assertThat(archive).isNotEmptyFile();
        assertThat(directory.resolve("hostclone.jsa.stamp")).isNotEmptyFile();
        assertThat(filesNamed("hostclone.jsa.recording.")).isEmpty();

        assertTheNextStartMapsTheArchiveIn("");
    }

    @Test
    void givenAnArchiveTheJvmRefuses_whenStartedAndStoppedByCtrlC_thenTheServerServesAndOneItMapsTakesItsPlace()
            throws Exception {
        // a build run as a background job of a non-interactive shell (`mvn verify &` in a script) starts
        // everything with SIGINT ignored, and a shell cannot trap a signal ignored on entry: there SIGINT
        // stops nothing, as for `java -jar` or any background job, and the launcher would wait on
        assumeFalse(sigintIgnored(), "SIGINT is ignored by this build's processes (a background job): no Ctrl-C to test");
        Files.writeString(archive, "not a class-data archive");

        Launch launch = launch("refused", Map.of());
        assertThat(launch.awaitReady()).as("log:%n%s", launch.log()).isEqualTo(200);
        assertThat(launch.log()).contains(RECORDING);
        assertThat(launch.interrupt()).isEqualTo(STOPPED_BY_SIGINT);

        assertThat(launch.log()).contains("class-data archive written to " + archive);
        assertThat(jvmMaps(archive)).as("the JVM maps the new archive in").isTrue();
    }

    /**
     * Micrometer needs HdrHistogram at run time (its client-side percentiles), a runtime dependency of its own
     * that a test-scoped declaration of ours (the load generator's) took out of the jar, silently: the server's
     * meters publish buckets, which do without it, so no other test saw it go.
     */
    @Test
    void givenTheRunnableJar_whenItsEntriesAreListed_thenMicrometersRuntimeDependencyIsIn() throws IOException {
        try (JarFile jar = new JarFile(directory.resolve("hostclone.jar").toFile())) {
            assertThat(jar.getEntry("io/micrometer/core/instrument/distribution/TimeWindowPercentileHistogram.class"))
                    .as("Micrometer").isNotNull();
            assertThat(jar.getEntry("org/HdrHistogram/DoubleRecorder.class")).as("HdrHistogram").isNotNull();
        }
    }

    @Test
    void givenAnArchive_whenTheJarIsReplaced_thenTheNextStartRecordsAgain() throws Exception {
        Launch first = launch("first", Map.of());
        assertThat(first.awaitReady()).as("log:%n%s", first.log()).isEqualTo(200);
        assertThat(first.stop()).isEqualTo(STOPPED_BY_SIGTERM);
        assertThat(archive).isNotEmptyFile();

        // a jar put there after the archive was written: the JVM would refuse the archive for it
        Path jar = directory.resolve("hostclone.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(archive).toMillis() + 60_000));
        assertThat(jvmMaps(archive)).as("the JVM refuses the archive for the new jar").isFalse();

        Launch second = launch("second", Map.of());
        assertThat(second.awaitReady()).as("log:%n%s", second.log()).isEqualTo(200);
        assertThat(second.log()).contains(RECORDING);
        assertThat(second.stop()).isEqualTo(STOPPED_BY_SIGTERM);
        assertThat(jvmMaps(archive)).as("the JVM maps the archive recorded for the new jar").isTrue();
    }

    @Test
    void givenAnotherCollector_whenAStartUnderItRecorded_thenTheNextStartUnderItMapsTheArchiveIn() throws Exception {
        Launch first = launch("first", Map.of("HOSTCLONE_JAVA_OPTS", "-XX:+UseZGC"));
        assertThat(first.awaitReady()).as("log:%n%s", first.log()).isEqualTo(200);
        assertThat(first.stop()).isEqualTo(STOPPED_BY_SIGTERM);
        assertThat(first.log()).contains("class-data archive written to " + archive);

        assertTheNextStartMapsTheArchiveIn("-XX:+UseZGC");
    }

    /**
     * A JVM that maps no archive in (a stand-in that runs the real one but fails every {@code -Xshare:on}
     * check): one start records, and no start after it does, so that no later stop pays the two seconds.
     */
    @Test
    void givenAJvmThatWouldNotMapTheRecordedArchive_whenStartedAgain_thenItRecordsNoMoreAndServes() throws Exception {
        Path stubbornJdk = Files.createDirectories(directory.resolve("jdk").resolve("bin"));
        Path java = stubbornJdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do [ \"$a\" = -Xshare:on ] && exit 1; done\nexec '"
                + javaBinary() + "' \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Map<String, String> stubborn = Map.of("JAVA_HOME", stubbornJdk.getParent().toString());

        Launch first = launch("first", stubborn);
        assertThat(first.awaitReady()).as("log:%n%s", first.log()).isEqualTo(200);
        assertThat(first.stop()).isEqualTo(STOPPED_BY_SIGTERM);
        assertThat(first.log()).contains(RECORDING, "the JVM would not map in the class-data archive this start recorded");

        Launch second = launch("second", stubborn);
        assertThat(second.awaitReady()).as("log:%n%s", second.log()).isEqualTo(200);
        assertThat(second.stop()).isEqualTo(STOPPED_BY_SIGTERM);
        assertThat(second.log()).doesNotContain(RECORDING);
        assertThat(archive).doesNotExist();
        assertThat(filesNamed("hostclone.jsa.recording.")).isEmpty();
    }

    @Test
    void givenAStartThatFails_whenRecording_thenItsCodeAndReasonComeThroughAndNoArchiveIsLeft() throws Exception {
        Launch launch = launch("failed", Map.of(), "--language=fr");

        assertThat(launch.awaitExit()).isEqualTo(2);
        assertThat(launch.log()).contains(RECORDING)
                .contains("hostclone: HOSTCLONE_LANGUAGE must be zh-cn or en, not 'fr'")
                .doesNotContain("class-data archive written");
        assertThat(filesNamed("hostclone.jsa")).isEmpty();
    }

    /** No jar beside the launcher (a copy of the launcher alone): one line, and 2, where it was 1, started again for good. */
    @Test
    void givenNoJarBesideTheLauncher_whenStarted_thenOneLineNamesTheFolderAndTheCodeIs2() throws Exception {
        Files.delete(directory.resolve("hostclone.jar"));
        Launch launch = launch("no-jar", Map.of());

        assertThat(launch.awaitExit()).isEqualTo(2);
        assertThat(launch.log()).isEqualTo("hostclone: no hostclone.jar beside this launcher, in " + directory.toRealPath() + "\n");
    }

    /** No JVM to run: one line naming it, and 2, which the README's unit does not start again, where the shell said 127. */
    @Test
    void givenAJavaHomeWithoutAJdk_whenStarted_thenOneLineNamesItAndTheCodeIs2() throws Exception {
        Launch launch = launch("no-jdk", Map.of("JAVA_HOME", directory.resolve("removed-jdk").toString()));

        assertThat(launch.awaitExit()).isEqualTo(2);
        assertThat(launch.log()).isEqualTo("hostclone: no java at " + directory.resolve("removed-jdk/bin/java")
                + ": JAVA_HOME names no JDK\n");
        assertThat(filesNamed("hostclone.jsa")).isEmpty();
    }

    @Test
    void givenNoJavaHomeAndNoJavaOnThePath_whenStarted_thenOneLineSaysSoAndTheCodeIs2() throws Exception {
        Path tools = Files.createDirectory(directory.resolve("tools"));
        for (String tool : List.of("readlink", "dirname")) {
            Path found = Stream.of(System.getenv("PATH").split(":")).map(place -> Path.of(place, tool))
                    .filter(Files::isExecutable).findFirst().orElseThrow();
            Files.createSymbolicLink(tools.resolve(tool), found);
        }
        ProcessBuilder start = new ProcessBuilder(directory.resolve("hostclone").toString(), "--storage=memory")
                .redirectErrorStream(true).redirectOutput(directory.resolve("no-java.log").toFile());
        start.environment().remove("JAVA_HOME");
        start.environment().put("PATH", tools.toString());
        Launch launch = new Launch(start.start(), directory.resolve("no-java.log"), -1);
        launches.add(launch);

        assertThat(launch.awaitExit()).isEqualTo(2);
        assertThat(launch.log()).isEqualTo("hostclone: no java on the PATH: set JAVA_HOME to a JDK 17 or later\n");
    }

    @ParameterizedTest
    @CsvSource({"HOSTCLONE_CLASS_ARCHIVE, off", "HOSTCLONE_JAVA_OPTS, -Xshare:off"})
    void givenTheArchiveOff_whenTheServerServesAndIsStopped_thenNoArchiveIsWritten(String variable, String value)
            throws Exception {
        Launch launch = launch("off", Map.of(variable, value));
        assertThat(launch.awaitReady()).as("log:%n%s", launch.log()).isEqualTo(200);
        assertThat(launch.stop()).isEqualTo(STOPPED_BY_SIGTERM);

        assertThat(launch.log()).doesNotContain(RECORDING);
        assertThat(filesNamed("hostclone.jsa")).isEmpty();
    }

    @Test
    void givenAnArchivePlaceThatCannotBeWritten_whenStarted_thenItSaysSoAndServesWithoutOne() throws Exception {
        Path nowhere = directory.resolve("missing").resolve("hostclone.jsa");
        Launch launch = launch("unwritable", Map.of("HOSTCLONE_CLASS_ARCHIVE", nowhere.toString()));
        assertThat(launch.awaitReady()).as("log:%n%s", launch.log()).isEqualTo(200);
        assertThat(launch.stop()).isEqualTo(STOPPED_BY_SIGTERM);

        assertThat(launch.log()).contains("hostclone: " + nowhere.getParent()
                + " is not writable: starting without a class-data archive").doesNotContain(RECORDING);
        assertThat(nowhere.getParent()).doesNotExist();
    }

    /**
     * A directory names where the archive goes, with a slash at its end or without: until 2026-12-06 the first was
     * never a file, so every start recorded again, and the second had the archive moved into it under its own name.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "/"})
    void givenADirectoryForTheArchive_whenStartedTwice_thenTheFirstRecordsInItAndTheSecondMapsItIn(String end)
            throws Exception {
        Path kept = Files.createDirectory(directory.resolve("archives"));
        Map<String, String> environment = Map.of("HOSTCLONE_CLASS_ARCHIVE", kept + end);
        Launch first = launch("first", environment);
        assertThat(first.awaitReady()).as("log:%n%s", first.log()).isEqualTo(200);
        assertThat(first.stop()).isEqualTo(STOPPED_BY_SIGTERM);
        assertThat(first.log()).contains("class-data archive written to " + kept.resolve("hostclone.jsa"));

        Path classes = directory.resolve("classes.log");
        Map<String, String> logged = new HashMap<>(environment);
        logged.put("HOSTCLONE_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
        Launch next = launch("next", logged);
        assertThat(next.awaitReady()).as("log:%n%s", next.log()).isEqualTo(200);
        assertThat(next.stop()).isEqualTo(STOPPED_BY_SIGTERM);
        assertThat(next.log()).doesNotContain(RECORDING);
        assertThat(Files.readString(classes)).contains(Main.class.getName() + " source: shared objects file (top)");
    }

    @Test
    void givenHashSecret_whenRunThroughTheLauncher_thenItPrintsTheHashAndRecordsNothing() throws Exception {
        Launch launch = launch("hash", Map.of(), "--hash-secret");
        launch.process.getOutputStream().write("s3cret\n".getBytes(StandardCharsets.UTF_8));
        launch.process.getOutputStream().close();

        assertThat(launch.awaitExit()).isZero();
        assertThat(launch.log()).startsWith("pbkdf2-sha256$").doesNotContain(RECORDING);
        assertThat(filesNamed("hostclone.jsa")).isEmpty();
    }

    @Test
    void givenAServerOfTheLauncher_whenItRunsOutOfMemory_thenItExitsWithCode3ForItsSupervisorToStartIt() throws Exception {
        Launch launch = launch("out-of-memory", Map.of("HOSTCLONE_CLASS_ARCHIVE", "off", "HOSTCLONE_JAVA_OPTS", "-Xmx64m"),
                "--admins=admin");
        assertThat(launch.awaitReady()).as("log:%n%s", launch.log()).isEqualTo(200);

        int hostsAdded = addHostsUntilOneFails(launch.port);

        assertThat(launch.awaitExit()).as("after %d hosts, log:%n%s", hostsAdded, launch.log()).isEqualTo(3);
        assertThat(launch.log()).contains("Terminating due to java.lang.OutOfMemoryError: Java heap space")
                .doesNotContain("runs on after an OutOfMemoryError");
    }

    /**
     * Updates of ten 2,000-character fields, whose records hold about 20 kB each: 10,000 of them, the
     * records kept by default, would need 200 MB, and in 64 MB of heap, counted only, they ran the server
     * out of memory. Weighed, they keep to a quarter of the heap, and the server serves on.
     */
    @Test
    void givenAServerOfTheLauncherIn64Mb_whenItsAuditRecordsAreHeavy_thenItKeepsFewerOfThemAndServesOn() throws Exception {
        Launch launch = launch("heavy-records", Map.of("HOSTCLONE_CLASS_ARCHIVE", "off", "HOSTCLONE_JAVA_OPTS", "-Xmx64m"),
                "--admins=admin", "--rate-limit=0");
        assertThat(launch.awaitReady()).as("log:%n%s", launch.log()).isEqualTo(200);
        HttpClient client = HttpClient.newHttpClient();
        assertThat(call(client, launch.port, "/api/v3/biz/0", "{\"bk_biz_name\":\"heavy\",\"bk_biz_maintainer\":\"admin\"}"))
                .isEqualTo(200);
        for (int field = 0; field < 10; field++) {
            assertThat(call(client, launch.port, "/api/v3/create/objectattr/biz/1", "{\"bk_obj_id\":\"host\","
                    + "\"bk_property_id\":\"note" + field + "\",\"bk_property_name\":\"Note " + field + "\","
                    + "\"bk_property_type\":\"longchar\"}")).isEqualTo(200);
        }
        StringBuilder hosts = new StringBuilder();
        for (int host = 1; host <= 40; host++) {
            hosts.append(host == 1 ? "" : ",").append("{\"bk_host_innerip\":\"10.1.0.").append(host).append("\",\"bk_cloud_id\":0}");
        }
        assertThat(call(client, launch.port, "/api/v3/hosts/add/business_idle",
                "{\"bk_biz_id\":1,\"bk_host_list\":[" + hosts + "]}")).isEqualTo(200);

        for (int round = 0; round < 100; round++) {
            assertThat(call(client, launch.port, "PUT", "/api/v3/hosts/property/batch", heavyUpdates(round, 40)))
                    .as("round %d, log:%n%s", round, launch.log()).isEqualTo(200);
        }
        HttpResponse<String> scraped = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + launch.port
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        Scrape metrics = new Scrape(scraped.statusCode(), scraped.headers().firstValue("Content-Type").orElse(""),
                scraped.body());
        assertThat(launch.stop()).isEqualTo(STOPPED_BY_SIGTERM);

        assertThat(launch.log()).contains("the newest 10,000 audit records kept, fewer if they weigh more than 16 MiB");
        assertThat(metrics.value("hostclone_memory_audit_bytes")).isBetween(15.0 * (1 << 20), 16.0 * (1 << 20));
        assertThat(metrics.value("hostclone_memory_audit_records")).isBetween(300.0, 500.0);
        assertThat(metrics.value("hostclone_memory_audit_records") + metrics.value("hostclone_memory_audit_forgotten_total"))
                .as("every record written, the hosts' creations included").isEqualTo(40 + 4_000);
    }

    /** A batch_update_host of hosts 1 to {@code hosts}, each given ten notes of 2,000 characters new to this round. */
    private static String heavyUpdates(int round, int hosts) {
        StringBuilder updates = new StringBuilder();
        for (int host = 1; host <= hosts; host++) {
            updates.append(host == 1 ? "" : ",").append("{\"bk_host_id\":").append(host).append(",\"properties\":{");
            for (int field = 0; field < 10; field++) {
                updates.append(field == 0 ? "" : ",").append("\"note").append(field).append("\":\"")
                        .append(String.valueOf((char) ('a' + round % 26)).repeat(1_999)).append(field).append('"');
            }
            updates.append("}}");
        }
        return "{\"update\":[" + updates + "]}";
    }

    @Test
    void givenJavaOptionsThatTurnTheExitOff_whenStarted_thenTheServerWarnsThatItWouldRunOnOutOfMemory() throws Exception {
        Launch launch = launch("no-exit", Map.of("HOSTCLONE_CLASS_ARCHIVE", "off",
                "HOSTCLONE_JAVA_OPTS", "-XX:-ExitOnOutOfMemoryError"));
        assertThat(launch.awaitReady()).as("log:%n%s", launch.log()).isEqualTo(200);
        assertThat(launch.stop()).isEqualTo(STOPPED_BY_SIGTERM);

        assertThat(launch.log()).contains("WARN  [main] d.h.bootstrap.Main - this JVM runs on after an OutOfMemoryError,"
                + " failing requests while /readyz says UP: give it -XX:+ExitOnOutOfMemoryError");
    }

    /** Whatever a failed test left running, the server under the launcher first. */
    @AfterEach
    void killLeftovers() {
        for (Launch launch : launches) {
            launch.process.descendants().forEach(ProcessHandle::destroyForcibly);
            launch.process.destroyForcibly();
        }
    }

    private Launch launch(String name, Map<String, String> environment, String... arguments) throws IOException {
        Launch launch = Launch.of(directory, name, environment, arguments);
        launches.add(launch);
        return launch;
    }

    @Test
    void givenALinkToTheLauncherElsewhere_whenRun_thenItRunsTheJarBesideTheLauncher() throws Exception {
        Path bin = Files.createDirectory(directory.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("hostclone"), directory.resolve("hostclone"));
        ProcessBuilder help = new ProcessBuilder(bin.resolve("hostclone").toString(), "--help")
                .redirectErrorStream(true).redirectOutput(directory.resolve("help.log").toFile());
        help.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Launch launch = new Launch(help.start(), directory.resolve("help.log"), -1);
        launches.add(launch);

        assertThat(launch.awaitExit()).as("log:%n%s", launch.log()).isZero();
        assertThat(launch.log()).contains("Usage: hostclone", "HOSTCLONE_STORAGE", "HOSTCLONE_JAVA_OPTS");
    }

    /**
     * A start given {@code javaOptions} serves without recording, and the JVM's class-loading log has the
     * server's main class come from the archive.
     */
    private void assertTheNextStartMapsTheArchiveIn(String javaOptions) throws Exception {
        Path classes = directory.resolve("classes.log");
        Launch next = launch("next", Map.of("HOSTCLONE_JAVA_OPTS",
                (javaOptions + " -Xlog:class+load=info:file=" + classes).strip()));
        assertThat(next.awaitReady()).as("log:%n%s", next.log()).isEqualTo(200);
        assertThat(next.stop()).isEqualTo(STOPPED_BY_SIGTERM);
        assertThat(next.log()).doesNotContain(RECORDING);
        assertThat(Files.readString(classes)).contains(Main.class.getName() + " source: shared objects file (top)");
    }

    /** Whether this JVM, and so the launcher it starts, was started with SIGINT ignored (Linux's process status). */
    private static boolean sigintIgnored() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("SigIgn:"))
                .map(line -> new BigInteger(line.substring("SigIgn:".length()).strip(), 16))
                .anyMatch(ignored -> ignored.testBit(2 - 1));
    }

    private List<Path> filesNamed(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().startsWith(prefix)).toList();
        }
    }

    /**
     * Adds hosts to the fresh store's first business (1), 200 at a time, each with a comment of its own
     * (the memory store shares equal values), until the server fails one or no longer answers; how many
     * it added. With 64 MB of heap that was about 28,000, in 5 s.
     */
    private static int addHostsUntilOneFails(int port) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        int added = 0;
        try {
            assertThat(call(client, port, "/api/v3/biz/0", "{\"bk_biz_name\":\"filled\",\"bk_biz_maintainer\":\"admin\"}"))
                    .as("the business made").isEqualTo(200);
            for (int batch = 0; batch < 10_000; batch++) {
                StringBuilder hosts = new StringBuilder();
                for (int i = 1; i <= 200; i++) {
                    hosts.append(i == 1 ? "" : ",").append("{\"bk_host_innerip\":\"10.").append(batch / 250).append('.')
                            .append(batch % 250).append('.').append(i).append("\",\"bk_cloud_id\":0,\"bk_comment\":\"")
                            .append((batch + "-" + i + "-").repeat(150)).append("\"}");
                }
                if (call(client, port, "/api/v3/hosts/add/business_idle",
                        "{\"bk_biz_id\":1,\"bk_host_list\":[" + hosts + "]}") != 200) {
                    return added;
                }
                added += 200;
            }
        } catch (IOException noAnswer) {
            return added;
        }
        throw new AssertionError("the server still added hosts after " + added);
    }

    /** The HTTP status of a POST of {@code body} to {@code path}. */
    private static int call(HttpClient client, int port, String path, String body) throws IOException, InterruptedException {
        return call(client, port, "POST", path, body);
    }

    /** The HTTP status of a request of {@code body} to {@code path} by {@code method}. */
    private static int call(HttpClient client, int port, String method, String path, String body)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-Bkapi-Authorization", "{\"bk_app_code\":\"app\",\"bk_app_secret\":\"secret\",\"bk_username\":\"admin\"}")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Whether this JVM maps {@code candidate} in for the directory's jar: with {@code -Xshare:on} it refuses to start otherwise. */
    private boolean jvmMaps(Path candidate) throws Exception {
        Process check = new ProcessBuilder(javaBinary(), "-Xshare:on", "-XX:SharedArchiveFile=" + candidate,
                "-cp", directory.resolve("hostclone.jar").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(check.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        return check.exitValue() == 0;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** One run of the launcher, its output (standard error too) in a file of its own. */
    private record Launch(Process process, Path output, int port) {

        static Launch of(Path directory, String name, Map<String, String> environment, String... arguments)
                throws IOException {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of(directory.resolve("hostclone").toString(),
                    "--storage=memory", "--http-host=127.0.0.1", "--http-port=" + port, "--apps=app:secret"));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve(name + ".log").toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("HOSTCLONE_"));
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().putAll(environment);
            return new Launch(builder.start(), directory.resolve(name + ".log"), port);
        }

        String log() throws IOException {
            return Files.readString(output);
        }

        int awaitReady() throws Exception {
            return ServerProbe.awaitReady(port, process);
        }

        /** SIGTERM to the launcher, as a service manager stops it; its exit code. */
        int stop() throws Exception {
            process.destroy();
            return awaitExit();
        }

        /** SIGINT to the launcher, as Ctrl-C in a terminal; its exit code. */
        int interrupt() throws Exception {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
            assertThat(kill.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            return awaitExit();
        }

        int awaitExit() throws Exception {
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("the launcher did not exit, log:\n" + log());
            }
            return process.exitValue();
        }

    }
}
