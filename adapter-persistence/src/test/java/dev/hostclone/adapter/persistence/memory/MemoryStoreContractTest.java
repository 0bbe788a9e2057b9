package dev.hostclone.adapter.persistence.memory;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.Stages.await;
import static dev.hostclone.adapter.persistence.Stages.outcome;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.adapter.persistence.SecretChecks;
import dev.hostclone.adapter.persistence.StoreContract;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.domain.host.Host;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The store contract against the in-memory store, which defines the behaviour. */
class MemoryStoreContractTest extends StoreContract<MemoryStore> {

    @Override
    protected MemoryStore emptyStore() {
        return new MemoryStore(Clock.systemUTC());
    }

    @Override
    public CompletionStage<Integer> deleteAuditRecordsBefore(Instant cutoff, int limit) {
        return store().forgetAuditRecordsBefore(cutoff, limit);
    }

    /** One lock serializes every write. */
    @Override
    protected boolean writesInterleave() {
        return false;
    }

    /** The built-in model's times in whole microseconds, as PostgreSQL's seed holds them, whatever the clock gives. */
    @Test
    void givenAClockOfNanoseconds_whenTheStoreIsMade_thenItsSeedIsInWholeMicroseconds() {
        store = new MemoryStore(Clock.fixed(Instant.parse("2026-12-06T10:00:00.123456789Z"), ZoneOffset.UTC));

        assertThat(await(store.loadHostModel()).attributes()).allSatisfy(attribute ->
                assertThat(attribute.createdAt()).isEqualTo(Instant.parse("2026-12-06T10:00:00.123456Z")));
    }

    /**
     * As a closed PostgreSQL store's calls are (PostgresStoreLifecycleTest): an application keeping a use case past its
     * HostClone's close meets on memory what it would on PostgreSQL, where until 2026-12-06 memory went on serving.
     * Calls of each kind: under the store's lock, the model read without it, and the apps kept apart.
     */
    @Test
    void givenAClosedStore_whenItsPortsAreCalled_thenEachIsUnavailableSayingTheStoreIsClosedAndNothingIsWritten() {
        AuditRetention records = AuditRetention.all();
        store = new MemoryStore(Clock.systemUTC(), new SecretChecks(), records);
        Host source = aHost().withInnerIp("10.0.0.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.0.0.2").with("operator", "bob").build();
        create(source, destination);

        store.close();

        List<CompletionStage<?>> calls = List.of(store.loadHosts(List.of(source.id())),
                store.updateHost(HostBuilder.copyOf(source, destination)), store.loadHostModel(),
                store.loadCurrentHostModel(), store.createBusiness(Map.of("bk_biz_name", "shop")),
                store.verifyAppSecret("app", "secret"), store.removeAppsOtherThan(Set.of()), store.removeAppHolding("app", "hash"),
                store.checkStoreReadiness(), store.forgetAuditRecordsBefore(Instant.now(), 1));
        assertThat(calls).allSatisfy(call -> assertThat(outcome(call)).isInstanceOf(StoreUnavailableException.class)
                .hasMessage("the in-memory store is closed"));
        assertThat(records.keptNow()).as("the two hosts' creations only").isEqualTo(2);
    }
}
