package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.adapter.persistence.Stages;
import dev.hostclone.application.port.in.StoreUnavailableException;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.host.Host;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A write whose connection is lost while PostgreSQL commits it: applied whole or not at all, and the answer that would
 * say which never comes. The store says so (unavailable, its outcome unknown), where until 2026-12-07 it said only
 * unavailable, which a server answered "retry later": an add sent again then added its hosts again. Each write's
 * commit is held by a deferred trigger that waits for an advisory lock the test holds, and the link between the store
 * and PostgreSQL is reset meanwhile; PostgreSQL, which hears nothing of it while it waits, commits once the lock is
 * let go.
 */
class PostgresWriteOutcomeTest extends PostgresStoreFixture {

    /** The advisory lock a commit waits for, which the test holds until the link is reset. */
    private static final long HELD = 7_919;
    private static final String SLOW_COMMIT = "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql"
            + " AS $$ BEGIN PERFORM pg_advisory_xact_lock(" + HELD + "); RETURN NULL; END $$";

    @Test
    void givenTheConnectionResetWhileABusinessIsCommitted_whenTheStoreAnswers_thenItsOutcomeIsUnknownAndItWasApplied()
            throws Exception {
        PgSettings database = TestPostgres.database();

        Throwable failure = resetWhileCommitting(database, "business",
                store -> store.createBusiness(Map.of(Business.NAME, "payments", Business.MAINTAINER, "alice")));

        assertOutcomeUnknown(failure, "create a business");
        awaitCount(database, "SELECT count(*) FROM business WHERE bk_biz_name = 'payments'", 1);
    }

    @Test
    void givenTheConnectionResetWhileAddedHostsAreCommitted_whenTheStoreAnswers_thenItsOutcomeIsUnknownAndTheyWereAdded()
            throws Exception {
        PgSettings database = TestPostgres.database();
        Host host = aHost().withInnerIp("10.66.0.1").build();

        Throwable failure = resetWhileCommitting(database, "host",
                store -> store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));

        assertOutcomeUnknown(failure, "create hosts");
        awaitCount(database, "SELECT count(*) FROM host WHERE bk_host_id = " + host.id().value(), 1);
    }

    /** A clone's write is one statement, committed as it ends: its connection lost meanwhile, the same unknown. */
    @Test
    void givenTheConnectionResetWhileAClonesWriteIsCommitted_whenTheStoreAnswers_thenItsOutcomeIsUnknownAndItWasApplied()
            throws Exception {
        PgSettings database = TestPostgres.database();
        Host source = aHost().withInnerIp("10.66.0.2").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.66.0.3").with("operator", "bob").build();
        PostgresStore seeding = await(PostgresStore.start(vertx, database));
        await(seeding.createHosts(HostBuilder.MODEL.revision(),
                List.of(HostBuilder.creationOf(source), HostBuilder.creationOf(destination))));
        await(seeding.close());

        Throwable failure = resetWhileCommitting(database, "audit_record",
                store -> store.updateHost(HostBuilder.copyOf(source, destination)));

        assertOutcomeUnknown(failure, "update a host");
        awaitCount(database, "SELECT count(*) FROM host WHERE bk_host_id = " + destination.id().value()
                + " AND doc->>'operator' = 'alice'", 1);
    }

    /**
     * How {@code write} ended, sent by a store whose connections go through a link that is reset while the write's
     * commit waits, each commit of a row of {@code table} waiting for the lock the test holds meanwhile.
     */
    private static Throwable resetWhileCommitting(PgSettings database, String table,
                                                  Function<PostgresStore, CompletionStage<?>> write) throws Exception {
        try (SilenceableLink link = SilenceableLink.to(database.port());
             Connection holder = TestPostgres.jdbc(database); Statement holding = holder.createStatement()) {
            PostgresStore store = await(PostgresStore.start(vertx, through(link, database)));
            slowCommitsOf(database, table);
            holding.execute("SELECT pg_advisory_lock(" + HELD + ")");
            CompletionStage<?> writing = write.apply(store);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.number(database,
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'") == 1);
            link.resetConnections();
            Throwable failure = Stages.outcome(writing);
            holding.execute("SELECT pg_advisory_unlock(" + HELD + ")");
            await(store.close());
            return failure;
        }
    }

    /** The store's connections through {@code link}, and a store timeout well past the commit's sleep. */
    private static PgSettings through(SilenceableLink link, PgSettings database) {
        return new PgSettings("127.0.0.1", link.port(), database.database(), database.user(), database.password(), 1,
                Duration.ofSeconds(30), true, database.tls());
    }

    /** Every commit of a row of {@code table} waits for the lock {@link #HELD} first, in a trigger deferred to the commit. */
    private static void slowCommitsOf(PgSettings database, String table) throws Exception {
        try (Connection owner = TestPostgres.jdbc(database); Statement statement = owner.createStatement()) {
            statement.execute(SLOW_COMMIT);
            statement.execute("CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON " + table
                    + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()");
        }
    }

    private static void assertOutcomeUnknown(Throwable failure, String operation) {
        assertThat(failure).isInstanceOf(StoreUnavailableException.class);
        assertThat(((StoreUnavailableException) failure).outcomeUnknown()).as(failure.toString()).isTrue();
        assertThat(failure.getMessage()).startsWith("PostgreSQL's connection was lost while committing to " + operation
                + ", which is applied whole or not at all, not known which (");
    }

    /** Until {@code sql} counts {@code expected}: the commit goes on once its trigger has the lock. */
    private static void awaitCount(PgSettings database, String sql, long expected) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> TestPostgres.number(database, sql) == expected);
    }
}
