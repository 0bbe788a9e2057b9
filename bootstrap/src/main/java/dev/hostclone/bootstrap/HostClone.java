package dev.hostclone.bootstrap;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.hostclone.adapter.persistence.memory.MemoryStore;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.bootstrap.metrics.StaleWriteMeters;
import dev.hostclone.bootstrap.metrics.StoreMeters;
import dev.hostclone.bootstrap.store.OpenStore;
import dev.hostclone.bootstrap.vertx.VertxFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * HostClone as a library: the use cases without HTTP, for any JVM application. Use it as
 * {@code try (HostClone hostClone = HostClone.inMemory(Set.of("admin"))) { hostClone.cloneHostProperty()... }}.
 */
public final class HostClone implements AutoCloseable {

    /** Without a registry, a retry is reported to no one. */
    private static final ReportStaleWritePort UNCOUNTED = writer -> { };

    private final Injector injector;
    private final List<AutoCloseable> resources;

    private HostClone(Injector injector, List<AutoCloseable> resources) {
        this.injector = injector;
        this.resources = List.copyOf(resources);
    }

    /** In memory: nothing to set up, nothing survives {@link #close()}. */
    public static HostClone inMemory(Set<String> administrators) {
        Injector injector = Guice.createInjector(new ApplicationModule(administrators, UNCOUNTED),
                new StorageModule(new MemoryStore(Clock.systemUTC())));
        return new HostClone(injector, new ArrayList<>());
    }

    /**
     * On a PostgreSQL server at {@code postgresql://user:pass@host:port/db}: the schema is migrated
     * first, and the data is shared with every other HostClone on the same database. Blocks until the
     * store is ready; {@link #close()} releases the pool.
     */
    public static HostClone onPostgres(String postgresUrl, Set<String> administrators) {
        return open(postgresUrl, administrators, null, UNCOUNTED);
    }

    /**
     * As {@link #onPostgres(String, Set)}, timing each storage operation into the application's
     * {@code registry} as a server on PostgreSQL does ({@code hostclone.store.operations}, by
     * operation and outcome), and counting the host writes planned again after a stale answer
     * ({@code hostclone.host.write.retries}, by API). The meters only count: they hold nothing of this
     * HostClone, outlive its {@link #close()} with their counts, and two HostClones on one registry add into
     * the same ones.
     */
    public static HostClone onPostgres(String postgresUrl, Set<String> administrators, MeterRegistry registry) {
        return open(postgresUrl, administrators, new StoreMeters(registry), new StaleWriteMeters(registry));
    }

    /** {@code meters} null: the ports are the store itself. */
    private static HostClone open(String postgresUrl, Set<String> administrators, StoreMeters meters,
                                  ReportStaleWritePort staleWrites) {
        Vertx vertx = Vertx.vertx(VertxFiles.options());
        OpenStore store;
        try {
            // the application's own threads call the store, not event loops: one pool
            store = OpenStore.external(vertx, PgSettings.fromUrl(postgresUrl), 1);
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
        StorageModule ports = new StorageModule(store.adapters().toArray());
        Injector injector = Guice.createInjector(new ApplicationModule(administrators, staleWrites),
                meters == null ? ports : ports.timedBy(meters));
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(store);
        resources.add(() -> vertx.close().toCompletionStage().toCompletableFuture().get());
        return new HostClone(injector, resources);
    }

    public CloneHostPropertyUseCase cloneHostProperty() {
        return injector.getInstance(CloneHostPropertyUseCase.class);
    }

    public CreateBusinessUseCase createBusiness() {
        return injector.getInstance(CreateBusinessUseCase.class);
    }

    public AddHostsToBusinessIdleUseCase addHostsToBusinessIdle() {
        return injector.getInstance(AddHostsToBusinessIdleUseCase.class);
    }

    public GetHostBaseInfoUseCase getHostBaseInfo() {
        return injector.getInstance(GetHostBaseInfoUseCase.class);
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("could not close " + resource, e);
            }
        }
    }
}
