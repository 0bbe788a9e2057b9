package dev.hostclone.bootstrap.http;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;

/** Input read strictly, on PostgreSQL: a fresh database of the build's embedded server. */
class PostgresStrictInputTest extends StrictInputScenarios {

    @Override
    Configuration configuration() {
        return onPostgres(TestPostgres.databaseUrl());
    }
}
