package dev.hostclone.bootstrap.bench;

import dev.hostclone.adapter.persistence.memory.MemoryStore;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.bootstrap.metrics.StoreMeters;
import dev.hostclone.domain.model.HostModel;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the server's timing of a storage operation costs: the memory store's cheapest operation (its
 * model, a completed stage) through the decorator that times every port ({@link StoreMeters}, into a
 * Prometheus registry as the server's). Baseline: the same call on the store itself. A clone makes four
 * such calls.
 */
@State(Scope.Benchmark)
public class StoreMetersBenchmark {

    private final MemoryStore store = new MemoryStore(Clock.systemUTC());
    private final LoadHostModelPort timed = new StoreMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .timed(LoadHostModelPort.class, store);

    @Benchmark
    public CompletionStage<HostModel> baselineUntimed() {
        return store.loadHostModel();
    }

    @Benchmark
    public CompletionStage<HostModel> timed() {
        return timed.loadHostModel();
    }
}
