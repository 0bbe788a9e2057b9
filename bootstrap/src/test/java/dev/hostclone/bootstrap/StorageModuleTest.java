package dev.hostclone.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.hostclone.adapter.persistence.memory.MemoryStore;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import java.time.Clock;
import java.util.List;
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
        }));

        assertThat(asked).hasValue(0);
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
}
