package dev.hostclone.bootstrap.http;

import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.Storage;
import java.nio.file.Path;

/** The clone scenarios on PostgreSQL: a fresh database of the build's embedded server. */
class PostgresCloneHostPropertyTest extends CloneHostPropertyScenarios {

    @Override
    Configuration configuration() {
        return Configuration.inMemory(testApps(), testAdministrators())
                .withStorage(Storage.POSTGRES, Path.of("unused"), TestPostgres.databaseUrl());
    }
}
