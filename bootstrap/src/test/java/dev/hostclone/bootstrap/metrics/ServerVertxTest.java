package dev.hostclone.bootstrap.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The server's Vert.x: one event loop for each HTTP instance, however many more than the default there are. */
class ServerVertxTest {

    @Test
    void givenMoreInstancesThanTheDefaultEventLoops_whenDeployed_thenEachRunsOnALoopOfItsOwn() {
        int instances = VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE + 3;
        Vertx vertx = Metrics.vertxReportingTo(new SimpleMeterRegistry(), instances);
        Set<String> loops = ConcurrentHashMap.newKeySet();
        try {
            vertx.deployVerticle(() -> new VerticleBase() {
                @Override
                public Future<?> start() {
                    loops.add(Thread.currentThread().getName());
                    return Future.succeededFuture();
                }
            }, new DeploymentOptions().setInstances(instances)).await();

            assertThat(loops).hasSize(instances);
        } finally {
            vertx.close().await();
        }
    }
}
