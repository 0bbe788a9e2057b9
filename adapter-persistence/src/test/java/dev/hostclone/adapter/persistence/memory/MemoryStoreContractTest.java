package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.adapter.persistence.StoreContract;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

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
}
