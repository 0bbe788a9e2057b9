package dev.hostclone.bootstrap;

import com.google.inject.AbstractModule;
import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.application.port.out.CreateCloudAreaPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.LoadAuditTrailPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.RegisterAppPort;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.application.port.out.SearchBusinessesPort;
import dev.hostclone.application.port.out.SearchCloudAreasPort;
import dev.hostclone.application.port.out.StoreReadinessPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.application.port.out.VerifyAppSecretPort;
import java.util.Arrays;
import java.util.List;

/**
 * Binds every storage out-port to the adapter object that implements it: the memory store, or the
 * PostgreSQL store. Fails at start, not at the first request, when a port has no adapter.
 */
final class StorageModule extends AbstractModule {

    static final List<Class<?>> PORTS = List.of(
            LoadHostsPort.class, UpdateHostPort.class, CreateHostsPort.class, AllocateHostIdsPort.class,
            LoadHostModelPort.class, ChangeHostModelPort.class, LoadBusinessPort.class, CreateBusinessPort.class,
            SearchBusinessesPort.class, LoadCloudAreasPort.class, CreateCloudAreaPort.class, SearchCloudAreasPort.class,
            VerifyAppSecretPort.class, RegisterAppPort.class, LoadAuditTrailPort.class, SearchAuditPort.class,
            StoreReadinessPort.class);

    private final List<Object> adapters;

    StorageModule(Object... adapters) {
        this.adapters = List.of(adapters);
    }

    @Override
    protected void configure() {
        PORTS.forEach(this::bindPort);
    }

    private <T> void bindPort(Class<T> port) {
        Object adapter = adapters.stream()
                .filter(port::isInstance)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no storage adapter implements " + port.getSimpleName()
                        + " among " + Arrays.toString(adapters.stream().map(a -> a.getClass().getSimpleName()).toArray())));
        bind(port).toInstance(port.cast(adapter));
    }
}
