package dev.hostclone.bootstrap.http;

import dev.hostclone.bootstrap.config.Configuration;

/** The host model and clone following it on the in-memory store. */
class MemoryHostModelTest extends HostModelScenarios {

    @Override
    Configuration configuration() {
        return inMemory();
    }
}
