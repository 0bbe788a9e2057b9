package dev.hostclone.bootstrap;

import com.google.inject.AbstractModule;
import com.google.inject.Scopes;
import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.CreateCloudAreaPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.LoadAuditTrailPort;
import dev.hostclone.application.port.out.LoadAuditsPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.LoadCurrentHostModelPort;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.RegisterAppPort;
import dev.hostclone.application.port.out.RemoveAppsPort;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.application.port.out.SearchCloudAreasPort;
import dev.hostclone.application.port.out.StoreReadinessPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import dev.hostclone.bootstrap.metrics.StoreMeters;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Binds every storage out-port to the adapter object that implements it: the memory store, or the
 * PostgreSQL store. The adapters may come later than the injector: the server builds its injector
 * while the store opens, and the ports resolve once it has. Either way a port without an adapter
 * fails the start ({@link #requireComplete}), never the first request. A server on PostgreSQL binds each
 * port to its adapter behind {@link StoreMeters}, which times every operation.
 */
final class StorageModule extends AbstractModule {

    static final List<Class<?>> PORTS = List.of(
            LoadHostsPort.class, UpdateHostPort.class, CreateHostsPort.class, AllocateHostIdsPort.class,
            LoadHostModelPort.class, LoadCurrentHostModelPort.class, ChangeHostModelPort.class, LoadBusinessPort.class,
            CreateBusinessPort.class,
            SearchBusinessesPort.class, LoadCloudAreasPort.class, CreateCloudAreaPort.class, SearchCloudAreasPort.class,
            VerifyAppSecretPort.class, RegisterAppPort.class, RemoveAppsPort.class, LoadAuditTrailPort.class,
            SearchAuditPort.class, LoadAuditsPort.class, StoreReadinessPort.class);

    private final Supplier<List<Object>> adapters;
    /**
     * Times every operation of every port; null when nothing is timed (a server on memory, an embedding
     * without a registry: see {@link HostCloneServer} and {@link HostClone}).
     */
    private final StoreMeters meters;

    /** Adapters at hand: checked as the injector is built. */
    StorageModule(Object... adapters) {
        this(atHand(requireComplete(List.of(adapters))), null);
    }

    /** Adapters asked for when the first port is provided; whoever supplies them checks them with {@link #requireComplete}. */
    StorageModule(Supplier<List<Object>> adapters) {
        this(adapters, null);
    }

    private StorageModule(Supplier<List<Object>> adapters, StoreMeters meters) {
        this.adapters = adapters;
        this.meters = meters;
    }

    /** The same ports, each timed by {@code meters}. */
    StorageModule timedBy(StoreMeters meters) {
        return new StorageModule(adapters, meters);
    }

    private static Supplier<List<Object>> atHand(List<Object> adapters) {
        return () -> adapters;
    }

    /** {@code adapters}, if every port has one among them. */
    static List<Object> requireComplete(List<Object> adapters) {
        PORTS.forEach(port -> adapterFor(port, adapters));
        return adapters;
    }

    @Override
    protected void configure() {
        PORTS.forEach(this::bindPort);
    }

    private <T> void bindPort(Class<T> port) {
        bind(port).toProvider(() -> {
            T adapter = adapterFor(port, adapters.get());
            return meters == null ? adapter : meters.timed(port, adapter);
        }).in(Scopes.SINGLETON);
    }

    private static <T> T adapterFor(Class<T> port, List<Object> adapters) {
        return adapters.stream()
                .filter(port::isInstance)
                .map(port::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no storage adapter implements " + port.getSimpleName()
                        + " among " + Arrays.toString(adapters.stream().map(a -> a.getClass().getSimpleName()).toArray())));
    }
}
