package dev.hostclone.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.hostclone.adapter.http.metrics.LatencyBuckets;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.HostModel;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class StoreMetersTest {

    private final MockClock clock = new MockClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
    private final StoreMeters meters = new StoreMeters(registry);
    private final CompletableFuture<HostModel> answer = new CompletableFuture<>();
    private final LoadHostModelPort models = meters.timed(LoadHostModelPort.class, () -> answer);

    @Test
    void givenAnOperationUnderWay_whenItsStageCompletes_thenTheTimeFromTheCallIsRecorded() {
        CompletionStage<HostModel> loading = models.loadHostModel();
        clock.add(3, TimeUnit.MILLISECONDS);

        answer.complete(null);

        assertThat(loading.toCompletableFuture()).isCompleted();
        assertThat(timer("loadHostModel", "ok").count()).isEqualTo(1);
        assertThat(timer("loadHostModel", "ok").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
    }

    /**
     * A model or a proven secret answered from the server's memory takes microseconds: the buckets began at 100 µs,
     * under which every such call fell, and a quantile read in them none shorter.
     */
    @Test
    void givenOperationsOfMicroseconds_whenTimedIntoTheServersRegistry_thenBucketsFrom10MicrosecondsTellThemApart() {
        PrometheusMeterRegistry servers = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        StoreMeters timing = new StoreMeters(servers, LatencyBuckets::on);
        CompletionStage<HostModel> first = timing.timed(LoadHostModelPort.class, () -> answer).loadHostModel();
        clock.add(8, TimeUnit.MICROSECONDS);
        answer.complete(null);
        CompletableFuture<HostModel> second = new CompletableFuture<>();
        timing.timed(LoadHostModelPort.class, () -> second).loadHostModel();
        clock.add(45, TimeUnit.MICROSECONDS);
        second.complete(null);

        assertThat(first.toCompletableFuture()).isCompleted();
        assertThat(servers.get(StoreMeters.OPERATIONS).tags("operation", "loadHostModel", "outcome", "ok").timer()
                .takeSnapshot().histogramCounts())
                .filteredOn(bucket -> bucket.bucket(TimeUnit.MICROSECONDS) <= 100)
                .extracting(bucket -> bucket.bucket(TimeUnit.MICROSECONDS), CountAtBucket::count)
                .containsExactly(tuple(10.0, 1.0), tuple(15.0, 1.0), tuple(20.0, 1.0), tuple(30.0, 1.0), tuple(50.0, 2.0),
                        tuple(70.0, 2.0), tuple(100.0, 2.0));
    }

    /** In another registry, an embedding application's, each bound would be a gauge of its own: none is made. */
    @Test
    void givenANonPrometheusRegistry_whenAnOperationIsTimed_thenItHasTheTimerAlone() {
        models.loadHostModel();
        answer.complete(null);

        assertThat(registry.getMeters()).singleElement().isInstanceOf(Timer.class);
    }

    @Test
    void givenTheCallersContinuation_whenTheStageCompletes_thenTheTimeIsTakenBeforeItRuns() {
        models.loadHostModel().thenRun(() -> clock.add(10, TimeUnit.MILLISECONDS));
        clock.add(3, TimeUnit.MILLISECONDS);

        answer.complete(null);

        // what the caller does with the answer (plan a clone, write an envelope) is not the store's time
        assertThat(timer("loadHostModel", "ok").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
    }

    @Test
    void givenABusinessRejection_whenTheStageFails_thenItIsCountedAsRejectedAndTheCallerGetsIt() {
        RejectedException duplicated = RejectedException.because(new Failure.Duplicated(List.of("bk_asset_id"), List.<Object>of(7L)));
        CompletionStage<HostModel> loading = models.loadHostModel();

        answer.completeExceptionally(duplicated);

        assertThatThrownBy(() -> loading.toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .hasCause(duplicated);
        assertThat(timer("loadHostModel", "rejected").count()).isEqualTo(1);
        assertThat(registry.find(StoreMeters.OPERATIONS).tags("outcome", "ok").timer()).isNull();
    }

    /**
     * A registry holding a counter where the timer belongs refuses the timer: the operation's answer stands, unmetered.
     * Until 2026-12-06 the caller's stage failed with Micrometer's refusal, a committed write reported as failed.
     */
    @Test
    void givenARegistryRefusingTheTimer_whenTheStageCompletes_thenTheCallerGetsItsAnswer() {
        registry.counter(StoreMeters.OPERATIONS, "operation", "loadHostModel", "outcome", "ok");
        CompletionStage<HostModel> loading = models.loadHostModel();

        answer.complete(null);

        assertThat(loading.toCompletableFuture()).isCompleted().isNotCompletedExceptionally();
        assertThat(registry.find(StoreMeters.OPERATIONS).timer()).isNull();
    }

    @Test
    void givenATechnicalFailure_whenTheStageFails_thenItIsCountedAsFailed() {
        models.loadHostModel();

        answer.completeExceptionally(new IllegalStateException("connection reset"));

        assertThat(timer("loadHostModel", "failed").count()).isEqualTo(1);
    }

    @Test
    void givenAnAdapterThatThrows_whenCalled_thenTheSameExceptionIsThrownAndCountedAsFailed() {
        IllegalStateException thrown = new IllegalStateException("an adapter's bug, thrown rather than failing its stage");
        LoadHostModelPort throwing = meters.timed(LoadHostModelPort.class, () -> {
            throw thrown;
        });

        assertThatThrownBy(throwing::loadHostModel).isSameAs(thrown);
        assertThat(timer("loadHostModel", "failed").count()).isEqualTo(1);
    }

    @Test
    void givenTwoOperationsOfOnePort_whenEachIsCalled_thenEachHasItsOwnSeries() {
        UpdateHostPort updates = meters.timed(UpdateHostPort.class, new UpdateHostPort() {
            @Override
            public CompletionStage<HostWriteResult> updateHost(HostUpdate update) {
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<HostsWriteResult> updateHosts(Collection<HostId> ids, Collection<HostId> readOnly,
                                                                 BiFunction<HostModel, List<Host>, Optional<List<HostUpdate>>> plan) {
                return CompletableFuture.completedFuture(null);
            }
        });

        updates.updateHost(null);
        updates.updateHosts(List.of(), List.of(), (model, locked) -> Optional.empty());
        updates.updateHosts(List.of(), List.of(), (model, locked) -> Optional.empty());

        assertThat(timer("updateHost", "ok").count()).isEqualTo(1);
        assertThat(timer("updateHosts", "ok").count()).isEqualTo(2);
    }

    @Test
    void givenATimedPort_whenComparedOrPrinted_thenItIsItselfAndNamesTheAdapter() {
        LoadHostModelPort other = meters.timed(LoadHostModelPort.class, () -> answer);

        assertThat(models).isEqualTo(models).isNotEqualTo(other).hasSameHashCodeAs(models);
        assertThat(models.toString()).startsWith("timed ");
        assertThat(registry.getMeters()).isEmpty();
    }

    private Timer timer(String operation, String outcome) {
        return registry.get(StoreMeters.OPERATIONS).tags("operation", operation, "outcome", outcome).timer();
    }
}
