package dev.hostclone.bootstrap.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * async-profiler in a server under load ({@code -Dload.profile=true}): where a target is missed, the
 * profile of the run that missed it, taken by the run itself rather than by hand beside it.
 *
 * <p>The library goes into the server's JVM at its start ({@link #jvmOptions}) without profiling, and
 * {@link #during} turns sampling ({@link #EVENT}) on and off around one phase through
 * {@code jcmd JVMTI.agent_load}.
 * Loaded only then, mid-run, the agent made the JIT recompile: 40 % of one clone phase's samples were
 * C2's. With {@code DebugNonSafepoints} the JIT keeps debug information for inlined code, so a sample
 * is charged to the method it was in rather than the nearest frame with that information. Each phase
 * leaves a flame graph ({@code profile-<phase>.html}) and its collapsed stacks ({@code .collapsed}) in
 * {@code bootstrap/target/bench/}, which {@link ProfileSummary} reads for the report.
 */
final class ServerProfiler {

    /**
     * What is sampled: each thread's CPU time, by a timer of its own ({@code ctimer}). async-profiler's
     * {@code cpu} event (a perf_events counter on every thread) cost the server a third more CPU per
     * request on these virtual machines, sampling every 200 µs and every millisecond alike: a cost per
     * switch of threads, which an event loop that sleeps and wakes for each request pays at every one.
     * The timers cost nothing the run could see. They show no kernel frames: a system call's time is
     * charged to the frame that made it.
     */
    static final String EVENT = "ctimer";
    /**
     * A thread's CPU time between samples. The kernel checks CPU-time timers at its tick, so a busy thread
     * is sampled about every 4 ms here: some 5,000 samples in a 20 s phase on two busy cores.
     */
    static final String INTERVAL = "1ms";

    private final Path library;

    private ServerProfiler(Path library) {
        this.library = library;
    }

    /** The profiler, when the run was asked for it ({@code -Dprofile=true}). */
    static Optional<ServerProfiler> asked() {
        return Boolean.getBoolean("profile") ? Optional.of(new ServerProfiler(extractLibrary())) : Optional.empty();
    }

    /** The options that load the library into the server's JVM, idle until {@link #during} starts it. */
    List<String> jvmOptions() {
        return List.of("-agentpath:" + library, "-XX:+UnlockDiagnosticVMOptions", "-XX:+DebugNonSafepoints");
    }

    /**
     * Samples {@code server}'s CPU while {@code phase} runs; returns what it returned, and its stacks
     * as {@link ProfileSummary} reads them.
     */
    <T> Profiled<T> during(ServerProcess server, String name, Phase<T> phase) throws Exception {
        agent(server, "start,event=" + EVENT + ",interval=" + INTERVAL);
        T result;
        try {
            result = phase.run();
        } finally {
            agent(server, "dump,flamegraph,file=" + BenchOutput.file("profile-" + name + ".html").toAbsolutePath());
        }
        Path collapsed = BenchOutput.file("profile-" + name + ".collapsed").toAbsolutePath();
        agent(server, "stop,collapsed,file=" + collapsed);
        return new Profiled<>(result, ProfileSummary.of(Files.readAllLines(collapsed, StandardCharsets.UTF_8)), collapsed);
    }

    /** One phase of a run, profiled. */
    @FunctionalInterface
    interface Phase<T> {
        T run() throws Exception;
    }

    /** What a phase returned, the summary of its samples, and the file they are in. */
    record Profiled<T>(T result, ProfileSummary summary, Path collapsed) {
    }

    /**
     * Gives the agent in {@code server} one command. The options go quoted: {@code jcmd} would read
     * {@code event=cpu} as an option of its own.
     */
    private void agent(ServerProcess server, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.pid()), "JVMTI.agent_load", library.toString(), "\"" + command + "\"")
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0 || !output.contains("return code: 0")) {
            throw new IllegalStateException("async-profiler in the server refused '" + command + "': " + output.strip());
        }
    }

    /** The platform's library, out of the async-profiler jar on the class path, into the bench folder. */
    private static Path extractLibrary() {
        String platform = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "linux-x64";
            case "aarch64", "arm64" -> "linux-arm64";
            default -> throw new IllegalStateException("-Dload.profile needs Linux on x86-64 or ARM, not "
                    + System.getProperty("os.arch"));
        };
        String resource = platform + "/libasyncProfiler.so";
        try (InputStream in = ServerProfiler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null || !System.getProperty("os.name").equals("Linux")) {
                throw new IllegalStateException("-Dload.profile needs Linux and the async-profiler jar for "
                        + platform + " on the class path (bootstrap/pom.xml)");
            }
            Path library = BenchOutput.file("libasyncProfiler.so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            return library.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("could not extract " + resource, e);
        }
    }
}
