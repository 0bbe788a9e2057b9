package dev.hostclone.bootstrap.http;

import dev.hostclone.bootstrap.config.Configuration;

/** Who may call each API, and that a refusal writes nothing, on the in-memory store. */
class MemoryPermissionMatrixTest extends PermissionMatrixScenarios {

    @Override
    Configuration configuration() {
        return inMemory();
    }
}
