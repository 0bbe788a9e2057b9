package dev.hostclone.bootstrap.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * How soon a server started as an operator would ({@code -Xmx256m}) answers {@code /readyz}: from the
 * plain jar, with the class-data archive (AppCDS) that {@code mvn package} writes beside it, and
 * through the launcher that maps that archive in, as the README's quick start does. Most of a start
 * is loading and linking classes (Logback, Guice, Vert.x, Jackson, Flyway), which the archive maps in
 * ready-made.
 */
final class StartTimes {

    /** One start: how soon it was ready, and the CPU it had used by then. */
    record Start(Duration ready, ServerProcess.CpuAtReady cpu) {

        static Start of(ServerProcess server) {
            return new Start(server.readyAfter(), server.cpuAtReady());
        }
    }

    /**
     * @param plain     the plain jar on fresh storage
     * @param archived  with the build's archive, on fresh storage
     * @param restarted with the archive again, on the storage the start before it left (a database
     *                  already migrated, as at every start of a deployment but its first)
     * @param launched  through the launcher beside the jar, as the quick start runs it, on fresh storage
     */
    record Measured(Start plain, Start archived, Start restarted, Start launched) {

        List<Start> inOrder() {
            return List.of(plain, archived, restarted, launched);
        }
    }

    private StartTimes() {
    }

    /** Three starts named after {@code name}, each with the storage flags {@code storage} gives (a fresh database each, say). */
    static Measured measure(String name, Path jar, Supplier<List<String>> storage) throws IOException, InterruptedException {
        Path archive = jar.resolveSibling("hostclone.jsa");
        if (!Files.exists(archive)) {
            throw new IllegalStateException("no class-data archive beside " + jar + ": build it with mvn package");
        }
        Start plain;
        // none of the run's serverJvmOptions: a profiler's agent would slow the start
        try (ServerProcess server = ServerProcess.start(name, jar, "256m", List.of(), storage.get())) {
            plain = Start.of(server);
        }
        // on: a start the JVM refused the archive to would fail here, not pass for an archived one
        List<String> archiveOptions = List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on");
        List<String> lastStorage = storage.get();
        Start archived;
        try (ServerProcess server = ServerProcess.start(name + "-archived", jar, "256m", archiveOptions, lastStorage)) {
            archived = Start.of(server);
        }
        Start restarted;
        try (ServerProcess server = ServerProcess.start(name + "-restarted", jar, "256m", archiveOptions, lastStorage)) {
            restarted = Start.of(server);
        }
        Path launcher = jar.resolveSibling("hostclone");
        stampArchive(launcher, "256m");
        try (ServerProcess server = ServerProcess.launch(name + "-launched", launcher, "256m", storage.get())) {
            return new Measured(plain, archived, restarted, Start.of(server));
        }
    }

    /**
     * The launcher checks an archive it has no stamp for, under these heap options, once (about 0.3 s),
     * as after each build: a {@code --help} through it does that here, so that the start measured is any
     * start after a deployment's first.
     */
    private static void stampArchive(Path launcher, String heap) throws IOException, InterruptedException {
        int code = ServerProcess.throughLauncher(launcher, "-Xmx" + heap, List.of("--help")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        if (code != 0) {
            throw new IllegalStateException(launcher + " --help exited with " + code);
        }
    }
}
