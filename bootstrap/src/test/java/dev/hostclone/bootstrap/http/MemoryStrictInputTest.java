package dev.hostclone.bootstrap.http;

import dev.hostclone.bootstrap.config.Configuration;

/** Input read strictly, on the in-memory store. */
class MemoryStrictInputTest extends StrictInputScenarios {

    @Override
    Configuration configuration() {
        return inMemory();
    }
}
