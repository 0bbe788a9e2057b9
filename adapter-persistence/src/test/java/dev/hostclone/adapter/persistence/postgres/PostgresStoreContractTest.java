package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.adapter.persistence.StoreContract;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against PostgreSQL: one migrated database for the class, emptied before each test. */
class PostgresStoreContractTest extends StoreContract<PostgresStore> {

    private static Vertx vertx;
    private static PgSettings settings;
    private static PostgresStore shared;

    @BeforeAll
    static void startStore() {
        vertx = Vertx.vertx();
        settings = TestPostgres.database();
        shared = await(PostgresStore.start(vertx, settings));
    }

    @AfterAll
    static void stopStore() {
        await(shared.close());
        await(vertx.close().toCompletionStage());
    }

    @Override
    protected PostgresStore emptyStore() {
        TestPostgres.truncate(settings);
        return shared;
    }

    @Override
    protected boolean writesInterleave() {
        return true;
    }
}
