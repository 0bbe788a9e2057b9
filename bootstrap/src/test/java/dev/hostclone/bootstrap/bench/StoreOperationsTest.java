package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.Scrape;
import org.junit.jupiter.api.Test;

/** The load run's reading of the server's timing of its store operations, on series as the server exposes them. */
class StoreOperationsTest {

    @Test
    void givenTwoScrapes_whenSubtracted_thenEachOperationOfThePhaseWithItsMeanAndTheBucketOfItsP99() {
        StoreOperations before = StoreOperations.in(scrape(
                operation("updateHost", "ok", 100, 0.1, 90, 100, 100, 100)
                        + operation("findHostsByInnerIp", "ok", 50, 0.02, 50, 50, 50, 50)
                        + operation("loadHostModel", "ok", 3, 0.001, 3, 3, 3, 3)));
        StoreOperations after = StoreOperations.in(scrape(
                operation("updateHost", "ok", 1100, 1.6, 890, 1095, 1100, 1100)
                        + operation("findHostsByInnerIp", "ok", 1050, 0.52, 1045, 1050, 1050, 1050)
                        + operation("loadHostModel", "ok", 3, 0.001, 3, 3, 3, 3)
                        + operation("updateHost", "failed", 9, 9.0, 0, 0, 0, 9)));

        // updateHost: 1,000 in the phase, 995 within 10 ms (99.5 %); the model was not read again; failures are left out
        assertThat(after.since(before).toString()).isEqualTo(
                "findHostsByInnerIp 1000 (mean 0.50 ms, p99 at most 1.00 ms);"
                        + " updateHost 1000 (mean 1.50 ms, p99 at most 10.00 ms)");
    }

    @Test
    void givenAP99PastTheLastBucket_whenShown_thenItSaysSoRatherThanInfinity() {
        StoreOperations slow = StoreOperations.in(scrape(operation("updateHost", "ok", 100, 500, 0, 0, 0, 100)));

        assertThat(slow.toString()).isEqualTo("updateHost 100 (mean 5000.00 ms, p99 past the last bucket)");
    }

    @Test
    void givenAServerThatTimedNothing_whenShown_thenNone() {
        assertThat(StoreOperations.in(scrape("")).toString()).isEqualTo("none");
    }

    /** The lines of one series, with how many took at most 1 ms, 10 ms, 10 s, and in all (+Inf). */
    private static String operation(String name, String outcome, double count, double seconds, double... atMost) {
        String labels = "operation=\"" + name + "\",outcome=\"" + outcome + "\"";
        String meter = "hostclone_store_operations_seconds";
        String[] bounds = {"0.001", "0.01", "10.0", "+Inf"};
        StringBuilder lines = new StringBuilder();
        for (int bucket = 0; bucket < bounds.length; bucket++) {
            lines.append(meter).append("_bucket{").append(labels).append(",le=\"").append(bounds[bucket]).append("\"} ")
                    .append(atMost[bucket]).append('\n');
        }
        return lines.append(meter).append("_count{").append(labels).append("} ").append(count).append('\n')
                .append(meter).append("_sum{").append(labels).append("} ").append(seconds).append('\n')
                .append(meter).append("_max{").append(labels).append("} 0.25\n")
                .toString();
    }

    private static Scrape scrape(String series) {
        return new Scrape(200, null, "# HELP hostclone_store_operations_seconds storage operations\n" + series
                + "vertx_pool_usage_seconds_count{pool_name=\"hostclone-bench@vert.x-eventloop-thread-0\",pool_type=\"sql\"} 7.0\n");
    }
}
