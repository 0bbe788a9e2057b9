package dev.hostclone.bootstrap.bench;

import dev.hostclone.adapter.http.testkit.Scrape;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The store's operations that completed normally, as the server's {@code /metrics} times them
 * ({@code hostclone_store_operations_seconds}: from the call to a storage port to the completion of what
 * it returned), by operation: how many, their mean, and the bucket that holds their p99. Read at a
 * phase's start and end, the difference is the phase's: set beside the server's own latency of the same
 * requests, it says how much of a slow request was the store's.
 */
record StoreOperations(Map<String, Operation> byName) {

    private static final String METER = "hostclone_store_operations_seconds";
    /** A bucket or the sum of an operation that completed normally; the count is the +Inf bucket's. */
    private static final Pattern SERIES = Pattern.compile(
            "^" + METER + "_(sum|bucket)\\{operation=\"([^\"]+)\",outcome=\"ok\"(?:,le=\"([^\"]+)\")?} (\\S+)$");
    private static final Operation NONE = new Operation(0, new TreeMap<>());

    /** One operation: its total seconds, and how many took at most each bucket's bound (seconds). */
    record Operation(double seconds, TreeMap<Double, Double> atMost) {

        /** How many completed: all of them took at most +Inf. */
        double count() {
            return atMost.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        }

        /** {@code 21000 (mean 1.52 ms, p99 at most 12.59 ms)}. */
        @Override
        public String toString() {
            double p99 = boundOfMillis(99);
            return "%.0f (mean %.2f ms, p99 %s)".formatted(count(), seconds * 1e3 / count(),
                    Double.isInfinite(p99) ? "past the last bucket" : "at most %.2f ms".formatted(p99));
        }

        Operation since(Operation before) {
            TreeMap<Double, Double> buckets = new TreeMap<>();
            atMost.forEach((bound, taken) -> buckets.put(bound, taken - before.atMost.getOrDefault(bound, 0.0)));
            return new Operation(seconds - before.seconds, buckets);
        }

        /** The smallest bucket bound that at least {@code percentile} % of the operations took no longer than, in ms. */
        double boundOfMillis(double percentile) {
            double wanted = count() * percentile / 100;
            return atMost.entrySet().stream()
                    .filter(bucket -> bucket.getValue() >= wanted)
                    .mapToDouble(bucket -> bucket.getKey() * 1e3)
                    .findFirst()
                    .orElse(Double.POSITIVE_INFINITY);
        }
    }

    /** The operations a {@code /metrics} answer has timed so far; other meters and failed operations are left out. */
    static StoreOperations in(Scrape scrape) {
        Map<String, Double> seconds = new HashMap<>();
        Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
        scrape.text().lines().map(SERIES::matcher).filter(Matcher::matches).forEach(line -> {
            double value = Double.parseDouble(line.group(4));
            if (line.group(1).equals("sum")) {
                seconds.put(line.group(2), value);
            } else {
                double bound = line.group(3).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(line.group(3));
                buckets.computeIfAbsent(line.group(2), ignored -> new TreeMap<>()).put(bound, value);
            }
        });
        Map<String, Operation> operations = new TreeMap<>();
        buckets.forEach((name, atMost) -> operations.put(name, new Operation(seconds.getOrDefault(name, 0.0), atMost)));
        return new StoreOperations(operations);
    }

    StoreOperations since(StoreOperations before) {
        Map<String, Operation> phase = new TreeMap<>();
        byName.forEach((name, now) -> {
            Operation then = before.byName.getOrDefault(name, NONE);
            Operation difference = now.since(then);
            if (difference.count() > 0) {
                phase.put(name, difference);
            }
        });
        return new StoreOperations(phase);
    }

    /** Each operation of the phase, most frequent first: {@code updateHost 21000 (mean 1.52 ms, p99 at most 12.59 ms)}. */
    @Override
    public String toString() {
        if (byName.isEmpty()) {
            return "none";
        }
        return byName.entrySet().stream()
                .sorted((a, b) -> Double.compare(b.getValue().count(), a.getValue().count()))
                .map(named -> named.getKey() + " " + named.getValue())
                .collect(Collectors.joining("; "));
    }
}
