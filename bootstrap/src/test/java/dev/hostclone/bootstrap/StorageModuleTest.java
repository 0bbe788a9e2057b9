package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.hostclone.adapter.persistence.memory.MemoryStore;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.bootstrap.metrics.StoreMeters;
import dev.hostclone.domain.model.HostModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Method;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StorageModuleTest {

    @Test
    void givenAdaptersNotOpenYet_whenTheInjectorIsBuilt_thenTheyAreAskedForOnlyWhenAPortIs() {
        MemoryStore store = new MemoryStore(Clock.systemUTC());
        AtomicInteger asked = new AtomicInteger();

        // the server builds its injector while the store opens: building it must not wait for the store
        Injector injector = Guice.createInjector(new StorageModule(() -> {
            asked.incrementAndGet();
            return List.of(store);
        }).timedBy(new StoreMeters(new SimpleMeterRegistry())));

        assertThat(asked).hasValue(0);
        assertThat(injector.getInstance(LoadHostsPort.class)).isNotNull();
        assertThat(asked).hasValue(1);
    }

    @Test
    void givenMeters_whenAPortIsUsed_thenItReachesTheAdapterAndIsTimed() {
        MemoryStore store = new MemoryStore(Clock.systemUTC());
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Injector injector = Guice.createInjector(new StorageModule(store).timedBy(new StoreMeters(registry)));

        HostModel model = injector.getInstance(LoadHostModelPort.class).loadHostModel().toCompletableFuture().join();

        assertThat(model).isSameAs(store.loadHostModel().toCompletableFuture().join());
        assertThat(registry.get(StoreMeters.OPERATIONS).tags("operation", "loadHostModel", "outcome", "ok").timer().count())
                .isEqualTo(1);
    }

    @Test
    void givenNoMeters_whenAPortIsAskedFor_thenItIsTheAdapterItself() {
        MemoryStore store = new MemoryStore(Clock.systemUTC());

        // a server on memory, or an embedding application that gave no registry: the ports are the store itself
        Injector injector = Guice.createInjector(new StorageModule(store));

        assertThat(injector.getInstance(LoadHostsPort.class)).isSameAs(store);
        assertThat(injector.getInstance(UpdateHostPort.class)).isSameAs(store);
    }

    @Test
    void givenAStoreMissingAPort_whenChecked_thenTheStartFailsNamingThePort() {
        assertThatThrownBy(() -> StorageModule.requireComplete(List.of("not a store")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no storage adapter implements LoadHostsPort among [String]");
        assertThatThrownBy(() -> new StorageModule(new Object()))
                .hasMessage("no storage adapter implements LoadHostsPort among [Object]");
    }

    @Test
    void givenEveryStoragePort_whenItsOperationsAreNamed_thenEachNameIsUniqueAndEachResultIsAStage() {
        List<Method> operations = StorageModule.PORTS.stream().flatMap(port -> Arrays.stream(port.getMethods())).toList();

        // the method's name is the series' operation label: two ports with one name would share a series
        assertThat(operations).extracting(Method::getName).doesNotHaveDuplicates();
        // a result that is not a stage would go untimed
        assertThat(operations).allMatch(operation -> CompletionStage.class.isAssignableFrom(operation.getReturnType()));
    }
}
