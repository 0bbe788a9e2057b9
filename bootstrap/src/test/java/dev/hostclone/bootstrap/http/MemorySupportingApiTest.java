package dev.hostclone.bootstrap.http;

import dev.hostclone.bootstrap.config.Configuration;

/** The supporting APIs and protocol scenarios on the in-memory store. */
class MemorySupportingApiTest extends SupportingApiScenarios {

    @Override
    Configuration configuration() {
        return Configuration.inMemory(testApps(), testAdministrators());
    }
}
