package dev.hostclone.bootstrap.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stops of one JVM, each with its wall-clock start and length: the load generator's collections
 * ({@link GeneratorPauses}) or the server's safepoints ({@link ServerProcess#safepoints}). A latency is
 * taken from the moment its request was due, so a stop of either JVM counts against every request it
 * delays; a report holds each second's stops beside its p99.
 */
final class Pauses {

    private record Pause(Instant start, Duration length) {
    }

    private final List<Pause> pauses = new CopyOnWriteArrayList<>();

    void add(Instant start, Duration length) {
        pauses.add(new Pause(start, length));
    }

    /** The stops that began in the second from {@code start}, as a table cell: "none", or their total. */
    String inSecond(Instant start) {
        return summary(start, Duration.ofSeconds(1), "none");
    }

    /** The stops that began in {@code length} from {@code start}, in words, for a report's note. */
    String during(Instant start, Duration length, String none) {
        return summary(start, length, none);
    }

    private String summary(Instant start, Duration length, String none) {
        Instant end = start.plus(length);
        List<Duration> in = pauses.stream()
                .filter(pause -> !pause.start().isBefore(start) && pause.start().isBefore(end))
                .map(Pause::length)
                .toList();
        if (in.isEmpty()) {
            return none;
        }
        Duration total = in.stream().reduce(Duration.ZERO, Duration::plus);
        Duration longest = in.stream().max(Duration::compareTo).orElseThrow();
        return in.size() == 1 ? millis(total)
                : "%s in %d, the longest %s".formatted(millis(total), in.size(), millis(longest));
    }

    private static String millis(Duration length) {
        return "%.1f ms".formatted(length.toNanos() / 1e6);
    }
}
