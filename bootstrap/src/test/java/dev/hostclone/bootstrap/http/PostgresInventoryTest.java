package dev.hostclone.bootstrap.http;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;

/** Businesses, cloud areas and batch_update_host on PostgreSQL: a fresh database of the build's embedded server. */
class PostgresInventoryTest extends InventoryScenarios {

    @Override
    Configuration configuration() {
        return onPostgres(TestPostgres.databaseUrl());
    }
}
