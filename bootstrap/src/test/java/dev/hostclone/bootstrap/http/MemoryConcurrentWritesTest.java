package dev.hostclone.bootstrap.http;

import dev.hostclone.bootstrap.config.Configuration;

/** The concurrent-write scenarios on the in-memory store. */
class MemoryConcurrentWritesTest extends ConcurrentWritesScenarios {

    @Override
    Configuration configuration() {
        return Configuration.inMemory(testApps(), testAdministrators());
    }
}
