package dev.hostclone.bootstrap.http;

import dev.hostclone.bootstrap.config.Configuration;

/** Probes and metrics on the in-memory store. */
class MemoryObservabilityTest extends ObservabilityScenarios {

    @Override
    Configuration configuration() {
        return Configuration.inMemory(testApps(), testAdministrators());
    }

    @Override
    boolean storeIsPostgres() {
        return false;
    }
}
