package dev.hostclone.bootstrap.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.Scrape;
import org.junit.jupiter.api.Test;

/** The load run's reading of the store's pools from the server's {@code /metrics}, on series as the server exposes them. */
class PoolUseTest {

    private static final String LOOP_0 = "{pool_name=\"hostclone-bench@vert.x-eventloop-thread-0\",pool_type=\"sql\"}";
    private static final String LOOP_1 = "{pool_name=\"hostclone-bench@vert.x-eventloop-thread-1\",pool_type=\"sql\"}";
    private static final String WORKER = "{pool_name=\"vert.x-worker-thread\",pool_type=\"worker\"}";

    @Test
    void givenTwoScrapesOfTheStorePoolsAndAWorkerPool_whenSubtracted_thenTheStorePoolsAreSummedAndTheWorkerPoolLeftOut() {
        ServerProcess.PoolUse before = ServerProcess.poolUseIn(scrape(100, 0.1, 0.001));
        ServerProcess.PoolUse after = ServerProcess.poolUseIn(scrape(1100, 1.3, 0.501));

        ServerProcess.PoolUse phase = after.since(before);

        // both event loops' pools: 2 × 1,000 takings holding 2 × 1.2 s and waiting 2 × 0.5 s; the worker's are not the store's
        assertThat(phase.toString()).isEqualTo(
                "2000 connections taken, each held 1.20 ms and waited for 0.500 ms on average");
    }

    @Test
    void givenAServerThatTookNoConnection_whenShown_thenNoneRatherThanNaN() {
        ServerProcess.PoolUse none = ServerProcess.poolUseIn(new Scrape(200, null, "# no store pools on memory\n"));

        assertThat(none.toString()).isEqualTo(
                "0 connections taken, each held 0.00 ms and waited for 0.000 ms on average");
    }

    /** Both event loops' pools alike, and a worker pool whose figures would show if it were counted. */
    private static Scrape scrape(double taken, double heldSeconds, double waitedSeconds) {
        StringBuilder text = new StringBuilder("# HELP vertx_pool_usage_seconds Time using a resource\n");
        for (String pool : new String[] {LOOP_0, LOOP_1}) {
            text.append("vertx_pool_usage_seconds_count").append(pool).append(' ').append(taken).append('\n')
                    .append("vertx_pool_usage_seconds_sum").append(pool).append(' ').append(heldSeconds).append('\n')
                    .append("vertx_pool_queue_time_seconds_count").append(pool).append(' ').append(taken).append('\n')
                    .append("vertx_pool_queue_time_seconds_sum").append(pool).append(' ').append(waitedSeconds).append('\n');
        }
        text.append("vertx_pool_usage_seconds_count").append(WORKER).append(" 7000.0\n")
                .append("vertx_pool_usage_seconds_sum").append(WORKER).append(" 7.0\n")
                .append("vertx_pool_queue_time_seconds_sum").append(WORKER).append(" 9.0\n");
        return new Scrape(200, null, text.toString());
    }
}
