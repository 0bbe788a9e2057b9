package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.adapter.persistence.StoreContract;
import java.time.Clock;

/** The store contract against the in-memory store, which defines the behaviour. */
class MemoryStoreContractTest extends StoreContract<MemoryStore> {

    @Override
    protected MemoryStore emptyStore() {
        return new MemoryStore(Clock.systemUTC());
    }

    /** One lock serializes every write. */
    @Override
    protected boolean writesInterleave() {
        return false;
    }
}
