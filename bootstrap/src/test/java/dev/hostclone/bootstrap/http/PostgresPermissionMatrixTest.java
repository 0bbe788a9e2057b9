package dev.hostclone.bootstrap.http;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;

/** Who may call each API, and that a refusal writes nothing, on PostgreSQL: a fresh database of the build's embedded server. */
class PostgresPermissionMatrixTest extends PermissionMatrixScenarios {

    @Override
    Configuration configuration() {
        return onPostgres(TestPostgres.databaseUrl());
    }
}
