package dev.hostclone.bootstrap.http;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;

/** The audit trail on PostgreSQL: a fresh database of the build's embedded server. */
class PostgresAuditTrailTest extends AuditTrailScenarios {

    @Override
    Configuration configuration() {
        return onPostgres(TestPostgres.databaseUrl());
    }
}
