package dev.hostclone.bootstrap.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of this package and prints one table: time per operation, and the ratio
 * to the baseline benchmark of the same class measured in the same run (methods named
 * {@code baseline...}). Run: {@code mvn -q -DskipTests install && mvn -q -pl bootstrap -Pjmh exec:exec}.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        String include = args.length > 0 ? args[0] : "dev\\.hostclone\\.bootstrap\\.bench\\..*Benchmark.*";
        Options options = new OptionsBuilder()
                .include(include)
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                // two forks of five: a single fork's five seconds gave the plan 411.6 ± 244.4 ns, and
                // 830.2 ± 2,065.5 on a busy machine, an interval wider than the 2 µs target it was held to
                .forks(2)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        String table = render(results);
        System.out.println(table);
        Path out = BenchOutput.file("jmh-report.md");
        Files.writeString(out, table);
    }

    private static String render(Collection<RunResult> results) {
        Map<String, List<RunResult>> byClass = new TreeMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
            byClass.computeIfAbsent(owner.substring(owner.lastIndexOf('.') + 1), k -> new ArrayList<>()).add(result);
        }
        StringBuilder table = new StringBuilder("| benchmark | ns/op | ± | vs baseline |\n|---|---|---|---|\n");
        byClass.forEach((owner, runs) -> {
            double baseline = runs.stream().filter(run -> method(run).startsWith("baseline"))
                    .mapToDouble(run -> run.getPrimaryResult().getScore()).findFirst().orElse(Double.NaN);
            for (RunResult run : runs) {
                double score = run.getPrimaryResult().getScore();
                table.append("| %s.%s | %.1f | %.1f | %.2f× |%n".formatted(owner, method(run), score,
                        run.getPrimaryResult().getScoreError(), score / baseline));
            }
        });
        return table.toString();
    }

    private static String method(RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }
}
