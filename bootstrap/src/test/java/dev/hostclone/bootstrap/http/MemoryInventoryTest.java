package dev.hostclone.bootstrap.http;

import dev.hostclone.bootstrap.config.Configuration;

/** Businesses, cloud areas and batch_update_host on the in-memory store. */
class MemoryInventoryTest extends InventoryScenarios {

    @Override
    Configuration configuration() {
        return inMemory();
    }
}
