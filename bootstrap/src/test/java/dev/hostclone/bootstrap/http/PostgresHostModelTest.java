package dev.hostclone.bootstrap.http;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;

/** The host model and clone following it on PostgreSQL: a fresh database of the build's embedded server. */
class PostgresHostModelTest extends HostModelScenarios {

    @Override
    Configuration configuration() {
        return onPostgres(TestPostgres.databaseUrl());
    }
}
