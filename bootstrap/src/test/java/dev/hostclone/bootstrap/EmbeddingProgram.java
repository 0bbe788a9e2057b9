package dev.hostclone.bootstrap;

import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.HostId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an embedding application does with HostClone, run by {@link EmbedderClassPathTest} in a JVM of its own
 * on the class path such an application gets: every factory's options, a business, hosts given as Java writes
 * them, a clone; in memory, then on the PostgreSQL whose URL is the one argument. Prints each outcome.
 */
public final class EmbeddingProgram {

    private static final Actor ADMIN = new Actor("embedder", "admin", "job-1");

    private EmbeddingProgram() {
    }

    public static void main(String[] args) {
        HostClone.Options options = HostClone.Options.defaults().withRegistry(new SimpleMeterRegistry())
                .withAuditRetention(Duration.ofDays(90));
        try (HostClone hostClone = HostClone.inMemory(Set.of("admin"), options)) {
            System.out.println("memory: " + cloneIn(hostClone));
        }
        try (HostClone hostClone = HostClone.onPostgres(args[0], Set.of("admin"), options)) {
            System.out.println("postgres: " + cloneIn(hostClone));
        }
    }

    private static String cloneIn(HostClone hostClone) {
        Business shop = hostClone.createBusiness().createBusiness(ADMIN,
                new CreateBusinessCommand(
                        Map.of("bk_biz_name", "shop-" + System.nanoTime(), "bk_biz_maintainer", "alice")))
                .toCompletableFuture().join();
        List<HostId> hosts = hostClone.addHostsToBusinessIdle().addHostsToBusinessIdle(ADMIN, new AddHostsCommand(shop.id(),
                List.of(Map.of("bk_host_innerip", "10.0.0.1", "bk_cloud_id", 0, "bk_cpu", 16),
                        Map.of("bk_host_innerip", "10.0.0.2", "bk_cloud_id", 0)))).toCompletableFuture().join();
        CloneOutcome outcome = hostClone.cloneHostProperty().cloneHostProperty(ADMIN, CloneHostPropertyCommand.byHostId(
                shop.id(), CloudAreaId.DEFAULT, hosts.get(0), hosts.get(1))).toCompletableFuture().join();
        return outcome.getClass().getSimpleName();
    }
}
