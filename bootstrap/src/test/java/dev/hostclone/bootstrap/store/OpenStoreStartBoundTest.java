package dev.hostclone.bootstrap.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.TestPostgres;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A PostgreSQL store's opening within the start's bound, on the tests' PostgreSQL: the migration under way when the
 * bound passes is left to end, and what it opens then is closed, while the caller's Vert.x instance lives on.
 */
class OpenStoreStartBoundTest {

    private static final OpenStore.StartBound ONE_SECOND = new OpenStore.StartBound(Duration.ofSeconds(1), "the test's bound");
    /** Clients' connections alone: an autovacuum worker on the database is none of the store's. */
    private static final String CONNECTIONS = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
            + " AND backend_type = 'client backend' AND pid <> pg_backend_pid()";

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void closeVertx() {
        vertx.close().await();
    }

    /**
     * V10 to apply again, held up by a lock it needs, past the bound: refused naming what sets the
     * bound, nothing committed; once the lock goes the migration commits, and the store it opened is closed (until
     * 2026-12-06 its pools and LISTEN connection stayed open on the caller's Vert.x instance), and its opening said
     * settled.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void givenAMigrationOutlastingTheBound_whenOpened_thenRefusedNamingItAndTheStoreOpenedLaterIsClosed()
            throws SQLException {
        // Flyway's lock_timeout is the store timeout: long enough to outlast the bound
        PgSettings settings = TestPostgres.database().withTimeout(Duration.ofSeconds(30));
        TestPostgres.undoV10(settings);
        Throwable thrown;
        try (Connection holder = TestPostgres.jdbc(settings); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.execute(TestPostgres.HOLD_V10);

            thrown = catchThrowable(() -> OpenStore.external(vertx, settings, 1, ONE_SECOND));

            assertThat(thrown).isExactlyInstanceOf(OpenStore.StartTimedOut.class)
                    .hasMessageStartingWith("could not start the PostgreSQL store within 1 s (the test's bound):");
            assertThat(TestPostgres.number(settings, TestPostgres.V10_APPLIED))
                    .as("nothing committed while it waits").isZero();
            holder.commit();
        }

        ((OpenStore.StartTimedOut) thrown).settled().toCompletableFuture().join();
        assertThat(TestPostgres.number(settings, TestPostgres.V10_APPLIED))
                .as("the migration committed").isOne();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(TestPostgres.number(settings,
                CONNECTIONS)).as("connections left open on the database").isZero());
    }
}
