package dev.hostclone.adapter.persistence.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.model.UniqueKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A change the heap runs out in the middle of closes the store, whose every later call then fails as unavailable
 * saying why: what the change left (a host without its audit record, an address held by a host never stored) is
 * never served. The error is made by a value that throws it when the store first looks at it, after the change has
 * begun. Until 2026-12-07 the store went on serving such half-made changes (read-only review of the memory store).
 */
class MemoryStoreOutOfMemoryTest {

    private static final String HALF_MADE =
            "the in-memory store is closed: the heap ran out in the middle of a change, which may be half made";

    private final MemoryStore store = new MemoryStore(Clock.systemUTC());
    private final long revision = HostBuilder.MODEL.revision();

    @Test
    void givenAnUpdateTheHeapRunsOutIn_whenTheStoreIsCalledAfter_thenEveryCallFailsAsUnavailableSayingWhy() {
        Host host = HostBuilder.aHost().withInnerIp("10.9.1.1").build();
        join(store.createHosts(revision, List.of(HostBuilder.creationOf(host))));

        assertThatThrownBy(() -> store.updateHost(HostBuilder.updateOf(host, Map.of("bk_comment", new OutOfMemoryOnRead()))))
                .isInstanceOf(OutOfMemoryError.class);

        assertUnavailable(store.loadHosts(List.of(host.id())));
        assertUnavailable(store.loadAuditTrail("host", host.id().value()));
        assertUnavailable(store.checkStoreReadiness());
        assertUnavailable(store.updateHost(HostBuilder.updateOf(host, Map.of("bk_comment", "again"))));
    }

    @Test
    void givenAnAddTheHeapRunsOutIn_whenTheStoreIsCalledAfter_thenEveryCallFailsAsUnavailableSayingWhy() {
        Host first = HostBuilder.aHost().withInnerIp("10.9.0.1").build();
        Host second = HostBuilder.aHost().withInnerIp("10.9.0.2").build();
        Map<String, Object> document = new LinkedHashMap<>(second.document());
        document.put(HostFields.INNER_IP, new OutOfMemoryOnRead());
        HostCreation failing = new HostCreation(new Host(second.id(), second.business(), 1, document),
                UniqueKeys.of(second, HostBuilder.MODEL), AuditRecord.hostCreate(HostBuilder.ACTOR, second, Instant.now()));
        Host third = HostBuilder.aHost().withInnerIp("10.9.0.3").build();

        assertThatThrownBy(() -> store.createHosts(revision,
                List.of(HostBuilder.creationOf(first), failing, HostBuilder.creationOf(third))))
                .isInstanceOf(OutOfMemoryError.class);

        assertUnavailable(store.loadHosts(List.of(first.id(), second.id(), third.id())));
        assertUnavailable(store.createHosts(revision,
                List.of(HostBuilder.creationOf(HostBuilder.aHost().withInnerIp("10.9.0.3").build()))));
    }

    /**
     * A call already waiting for the store's lock as the change holding it runs out of memory finds the store closed
     * once it has the lock, not what the change left (found by a review of the first version, which looked only
     * before taking the lock).
     */
    @Test
    void givenACallWaitingForTheLockAsAChangeRunsOutOfMemory_whenItGetsTheLock_thenItFindsTheStoreClosed()
            throws Exception {
        Host host = HostBuilder.aHost().withInnerIp("10.9.2.1").build();
        join(store.createHosts(revision, List.of(HostBuilder.creationOf(host))));
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch runOut = new CountDownLatch(1);
        Map<String, Object> heldValue = new AbstractMap<>() {
            @Override
            public Set<Entry<String, Object>> entrySet() {
                changing.countDown();
                awaitQuietly(runOut);
                throw new OutOfMemoryError("injected: the heap ran out");
            }
        };
        Thread changer = new Thread(() -> {
            try {
                store.updateHost(HostBuilder.updateOf(host, Map.of("bk_comment", heldValue)));
            } catch (OutOfMemoryError expected) {
                // the change's own caller gets the error
            }
        });
        changer.start();
        changing.await();
        CompletableFuture<CompletionStage<List<Host>>> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> read.complete(store.loadHosts(List.of(host.id()))));
        reader.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> reader.getState() == Thread.State.BLOCKED);

        runOut.countDown();

        assertUnavailable(read.get(30, TimeUnit.SECONDS));
        changer.join();
    }

    @Test
    void givenAClosedStore_whenCalled_thenItSaysItIsClosedAndNoMore() {
        store.close();

        assertThatThrownBy(() -> join(store.checkStoreReadiness())).cause()
                .isInstanceOf(StoreUnavailableException.class).hasMessage("the in-memory store is closed");
    }

    private static void assertUnavailable(CompletionStage<?> call) {
        assertThatThrownBy(() -> join(call)).cause()
                .isInstanceOf(StoreUnavailableException.class).hasMessage(HALF_MADE);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** A value the heap runs out on as it is read: a map whose entries cannot be had, a text that cannot be shown. */
    private static final class OutOfMemoryOnRead extends AbstractMap<String, Object> {

        @Override
        public Set<Entry<String, Object>> entrySet() {
            throw new OutOfMemoryError("injected: the heap ran out");
        }

        @Override
        public String toString() {
            throw new OutOfMemoryError("injected: the heap ran out");
        }
    }
}
