package dev.hostclone.bootstrap.http;

import dev.hostclone.bootstrap.config.Configuration;

/** The audit trail on the in-memory store. */
class MemoryAuditTrailTest extends AuditTrailScenarios {

    @Override
    Configuration configuration() {
        return inMemory();
    }
}
