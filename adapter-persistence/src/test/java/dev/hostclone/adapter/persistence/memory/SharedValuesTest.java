package dev.hostclone.adapter.persistence.memory;

import static dev.hostclone.adapter.persistence.HostBuilder.ACTOR;
import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.HostBuilder.creationOf;
import static dev.hostclone.adapter.persistence.HostBuilder.updateOf;
import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The memory store keeps one instance of each text and number that hosts are created with. */
class SharedValuesTest {

    private static final long REVISION = HostBuilder.MODEL.revision();

    private final SharedValues values = new SharedValues();

    @Test
    void givenEqualTextsAndNumbers_whenShared_thenTheFirstInstanceServesForAll() {
        String debian = new String("Debian");
        Long memory = Long.valueOf(65_536L);

        assertThat(values.of(debian)).isSameAs(debian);
        assertThat(values.of(new String("Debian"))).isSameAs(debian);
        assertThat(values.of(memory)).isSameAs(memory);
        assertThat(values.of(Long.valueOf(65_536L))).isSameAs(memory);
        Double half = Double.valueOf(2.5);
        assertThat(values.of(half)).isSameAs(half);
        assertThat(values.of(Double.valueOf(2.5))).isSameAs(half);
    }

    @Test
    void givenValuesOfOtherKinds_whenShared_thenTheyComeBackAsTheyAre() {
        List<String> list = List.of("a");
        Long eight = 8L;

        assertThat(values.of(list)).isSameAs(list);
        assertThat(values.of(null)).isNull();
        // a number equal in value but of another type is another value
        assertThat(values.of(8)).isInstanceOf(Integer.class);
        assertThat(values.of(eight)).isSameAs(eight);
    }

    @Test
    void givenEqualRecordsBesideTheDocuments_whenShared_thenTheFirstInstanceServesForAll() {
        BusinessId business = BusinessId.of(7);

        assertThat(values.instance(business)).isSameAs(business);
        assertThat(values.instance(BusinessId.of(7))).isSameAs(business);
        assertThat(values.instance((String) null)).isNull();
    }

    @Test
    void givenAHostWhoseValuesAreSharedAlready_whenShared_thenTheSameHostComesBack() {
        Host host = values.shared(aHost().with("bk_os_name", new String("Debian")).build());

        assertThat(values.shared(host)).isSameAs(host);
    }

    @Test
    void givenHostsCreatedWithEqualValues_whenLoaded_thenTheyHoldOneInstanceOfEach() {
        MemoryStore store = new MemoryStore(Clock.systemUTC());
        Host first = aHost().with("bk_os_name", new String("Debian")).with("bk_mem", Long.valueOf(65_536L)).build();
        Host second = aHost().with("bk_os_name", new String("Debian")).with("bk_mem", Long.valueOf(65_536L)).build();
        await(store.createHosts(REVISION, List.of(creationOf(first), creationOf(second))));

        List<Host> loaded = await(store.loadHosts(List.of(first.id(), second.id())));

        assertThat(loaded.get(0)).isEqualTo(first);
        assertThat(loaded.get(1)).isEqualTo(second);
        assertThat(loaded.get(1).value("bk_os_name")).isSameAs(loaded.get(0).value("bk_os_name"));
        assertThat(loaded.get(1).value("bk_mem")).isSameAs(loaded.get(0).value("bk_mem"));
        // the creation's audit record keeps the document stored, not a second copy of it
        assertThat(await(store.loadAuditTrail("host", first.id().value())).get(0).curData())
                .isSameAs(loaded.get(0).document());
    }

    @Test
    void givenAnUpdateCopyingAnotherHostsValue_whenWritten_thenBothHostsHoldTheSharedInstance() {
        MemoryStore store = new MemoryStore(Clock.systemUTC());
        Host first = aHost().with("bk_os_name", new String("Debian")).build();
        Host second = aHost().with("bk_os_name", "Ubuntu").build();
        await(store.createHosts(REVISION, List.of(creationOf(first), creationOf(second))));
        Host source = await(store.loadHosts(List.of(first.id()))).get(0);

        // as a clone does: the new value is the source's own
        await(store.updateHost(updateOf(second, Map.of("bk_os_name", source.value("bk_os_name")), ACTOR,
                HostBuilder.now(), false)));
        List<Host> loaded = await(store.loadHosts(List.of(first.id(), second.id())));

        assertThat(loaded.get(1).value("bk_os_name")).isSameAs(loaded.get(0).value("bk_os_name"));
        assertThat(loaded.get(1).version()).isEqualTo(second.version() + 1);
    }

    @Test
    void givenUpdatesByOneUserThroughRequestsOfTheirOwn_whenWritten_thenEveryHostAndRecordHoldsOneInstanceOfTheName() {
        MemoryStore store = new MemoryStore(Clock.systemUTC());
        Host first = aHost().with("bk_os_name", "Debian").build();
        Host second = aHost().with("bk_os_name", "Ubuntu").build();
        await(store.createHosts(REVISION, List.of(creationOf(first), creationOf(second))));

        // each request parses its own copy of the caller's name
        await(store.updateHost(updateOf(first, Map.of("bk_comment", "one"), new Actor("app", new String("bob"), "rid-1"),
                HostBuilder.now(), false)));
        await(store.updateHost(updateOf(second, Map.of("bk_comment", "two"), new Actor("app", new String("bob"), "rid-2"),
                HostBuilder.now(), false)));
        List<Host> loaded = await(store.loadHosts(List.of(first.id(), second.id())));
        Object updater = loaded.get(0).value(HostFields.UPDATED_BY);

        assertThat(updater).isEqualTo("bob");
        assertThat(loaded.get(1).value(HostFields.UPDATED_BY)).isSameAs(updater);
        assertThat(await(store.loadAuditTrail("host", second.id().value())).get(1).user()).isSameAs(updater);
        assertThat(loaded.get(1).value("bk_comment")).isEqualTo("two");
        assertThat(loaded.get(1).version()).isEqualTo(second.version() + 1);
    }
}
