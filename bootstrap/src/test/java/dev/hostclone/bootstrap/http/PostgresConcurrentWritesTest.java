package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.config.Storage;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;

/**
 * The concurrent-write scenarios on PostgreSQL: a fresh database of the build's embedded server. Besides
 * what the scenarios check, no two of their writes deadlocked. The store answers a deadlock as a stale
 * write, planned again, so a lock taken out of order would pass every other check, a second late.
 */
class PostgresConcurrentWritesTest extends ConcurrentWritesScenarios {

    private final PgSettings database = TestPostgres.database();

    @Override
    Configuration configuration() {
        return Configuration.inMemory(testApps(), testAdministrators())
                .withStorage(Storage.POSTGRES, Path.of("unused"), database.url());
    }

    /**
     * Counted by PostgreSQL in {@code pg_stat_database}, per database: each backend reports what it counted
     * as it exits, so the server stops first and every client backend of the database is waited out (not an
     * autovacuum worker, which may be at work there).
     */
    @AfterAll
    void givenTheScenariosRun_whenTheServerHasStopped_thenNoTwoWritesDeadlocked() throws Exception {
        server.close();
        server = null;
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.number(database,
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                        + " AND backend_type = 'client backend'") == 0);

        assertThat(TestPostgres.number(database, "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()"))
                .as("deadlocks among the scenarios' writes").isZero();
    }
}
