package dev.hostclone.bootstrap.http;

import dev.hostclone.bootstrap.config.Configuration;

/** The clone scenarios on the in-memory store. */
class MemoryCloneHostPropertyTest extends CloneHostPropertyScenarios {

    @Override
    Configuration configuration() {
        return Configuration.inMemory(testApps(), testAdministrators());
    }
}
