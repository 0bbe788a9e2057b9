package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.application.testing.CapturedLog;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.adapter.persistence.HostModelChangeContract;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.UniqueRule;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The host model each PostgreSQL store caches, and how it learns of a change made elsewhere: notified, read along with
 * hosts, found under a write's locks, or once the cached copy is too old.
 */
class PostgresHostModelCacheTest extends PostgresStoreFixture {

    @Test
    void givenTheListenConnectionEnds_whenPostgresqlSaysWhy_thenTheLogSaysSoAndTheStoreListensAgain() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        CapturedLog logged = CapturedLog.of(ModelChangeListener.class);
        try (logged; Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND query LIKE 'LISTEN%'");

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logged.events())
                    .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                    .contains(tuple(Level.WARN, "the LISTEN connection for host-model changes failed (FATAL: terminating"
                            + " connection due to administrator command (57P01)); it connects again")));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                try (ResultSet listening = statement.executeQuery("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND query LIKE 'LISTEN%'")) {
                    listening.next();
                    assertThat(listening.getInt(1)).as("listening again").isEqualTo(1);
                }
            });
        } finally {
            await(store.close());
        }
    }

    @Test
    void givenCachedModel_whenAnotherServerChangesItAndNotifies_thenTheNextReadSeesTheChange() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);
        assertThat(await(store.loadHostModel())).as("cached until notified").isSameAs(before);

        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("NOTIFY " + PostgresHostModel.CHANNEL);
        }

        HostModel after = eventually(() -> await(store.loadHostModel()), model -> model.revision() == before.revision() + 1);
        assertThat(after.attributeById(1).orElseThrow().nameEn()).isEqualTo("Renamed");
        await(store.close());
    }

    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenHostsAreRead_thenTheNextModelReadSeesTheChange() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);

        await(store.findHostsByInnerIp(CloudAreaId.DEFAULT, List.of(IpAddress.of("10.5.0.1"))));
        HostModel after = await(store.loadHostModel());

        assertThat(after.revision()).as("no notification needed").isEqualTo(before.revision() + 1);
        assertThat(after.attributeById(1).orElseThrow().nameEn()).isEqualTo("Renamed");
        await(store.close());
    }

    /**
     * A request that reads no host (adding hosts, a unique rule naming a new attribute) had only the
     * notification to learn of another server's change, and refused what the change allowed.
     */
    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenTheCurrentModelIsAskedFor_thenItHasTheChange() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);

        HostModel cached = await(store.loadHostModel());
        HostModel current = await(store.loadCurrentHostModel());

        assertThat(cached.revision()).as("the cached copy, no notification having come").isEqualTo(before.revision());
        assertThat(current.revision()).isEqualTo(before.revision() + 1);
        assertThat(current.attributeById(1).orElseThrow().nameEn()).isEqualTo("Renamed");
        await(store.close());
    }

    /** Adding hosts reads no host: its stale write must tell the cache, or its retries plan on the same model. */
    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenCreatingHostsIsStale_thenTheNextModelReadSeesTheChange()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);

        HostsWriteResult created = await(store.createHosts(before.revision(),
                List.of(HostBuilder.creationOf(aHost().withInnerIp("10.5.1.1").build(), before))));
        HostModel after = await(store.loadHostModel());

        assertThat(created).isInstanceOf(HostsWriteResult.Stale.class);
        assertThat(after.revision()).as("no notification needed").isEqualTo(before.revision() + 1);
        await(store.close());
    }

    /**
     * A clone whose first write went stale is planned again on its hosts as locked, and reads no host before
     * that: the locked write must tell the cache the revision it found, or each retry plans on the same cached
     * model, stale again until a notification comes (without notifications, for up to five seconds: it gives
     * up, 1199066).
     */
    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenALockedCloneIsStale_thenTheNextModelReadSeesTheChange()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        Host source = aHost().withInnerIp("10.5.2.1").with("operator", "alice").build();
        Host destination = aHost().withInnerIp("10.5.2.2").with("operator", "bob").build();
        await(store.createHosts(before.revision(),
                List.of(HostBuilder.creationOf(source, before), HostBuilder.creationOf(destination, before))));
        renameFirstAttributeWithoutNotifying(settings);

        HostsWriteResult cloned = await(store.updateHosts(List.of(destination.id()), List.of(source.id()),
                (lockedModel, locked) -> Optional.of(List.of(cloneOf(source, destination, before)))));
        HostModel after = await(store.loadHostModel());

        assertThat(cloned).isInstanceOf(HostsWriteResult.Stale.class);
        assertThat(after.revision()).as("no notification needed").isEqualTo(before.revision() + 1);
        await(store.close());
    }

    /**
     * The locks find a revision newer than the cached model (another server's change, not yet notified): the
     * write is handed the model read under its locks, not the cached one, so that a plan on it is written.
     * Until 2026-12-06 the plan got only the hosts, and one planned on the model read before the locks was
     * stale whenever a change committed meanwhile: under a steady stream of changes, until it gave up.
     */
    @Test
    void givenModelChangedElsewhereAndNotYetNotified_whenPlannedUnderTheLocks_thenThePlanGetsTheChangedModelAndIsWritten()
            throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(vertx, settings));
        HostModel before = await(store.loadHostModel());
        Host host = aHost().withInnerIp("10.5.3.1").build();
        await(store.createHosts(before.revision(), List.of(HostBuilder.creationOf(host, before))));
        renameFirstAttributeWithoutNotifying(settings);
        List<HostModel> handed = new ArrayList<>();

        HostsWriteResult written = await(store.updateHosts(List.of(host.id()), List.of(), (lockedModel, locked) -> {
            handed.add(lockedModel);
            return Optional.of(List.of(HostBuilder.updateOf(locked.get(0), Map.of("bk_comment", "planned locked"), lockedModel)));
        }));

        assertThat(written).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(handed).singleElement().satisfies(model -> {
            assertThat(model.revision()).isEqualTo(before.revision() + 1);
            assertThat(model.attributes().get(0).nameEn()).isEqualTo("Renamed");
            assertThat(model.attributes()).hasSameSizeAs(before.attributes());
            assertThat(model.uniqueRules()).isEqualTo(before.uniqueRules());
        });
        assertThat(await(store.loadHosts(List.of(host.id())))).singleElement()
                .satisfies(stored -> assertThat(stored.document()).containsEntry("bk_comment", "planned locked"));
        await(store.close());
    }

    @Test
    void givenNoNotifications_whenTheCachedModelIsOlderThanItsMaxAge_thenItIsReadAgain() throws SQLException {
        PgSettings settings = TestPostgres.database();
        TimedPool pool = TestPostgres.pool(vertx, settings, 4, 5_000);
        AtomicLong clock = new AtomicLong();
        PostgresHostModel model = new PostgresHostModel(pool, Duration.ofSeconds(5), () -> true, clock::get);
        HostModel first = await(model.loadHostModel());
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE host_model_state SET revision = revision + 1");
        }

        clock.addAndGet(Duration.ofSeconds(4).toNanos());
        HostModel young = await(model.loadHostModel());
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        HostModel old = await(model.loadHostModel());

        assertThat(young).isSameAs(first);
        assertThat(old.revision()).isEqualTo(first.revision() + 1);
        await(pool.close().toCompletionStage());
    }

    @Test
    void givenNotificationsExpectedButNotListening_whenLoadingTheModel_thenNothingIsCachedUntilListeningAgain()
            throws SQLException {
        PgSettings settings = TestPostgres.database();
        TimedPool pool = TestPostgres.pool(vertx, settings, 4, 5_000);
        AtomicBoolean listening = new AtomicBoolean(true);
        PostgresHostModel model = new PostgresHostModel(pool, null, listening::get, System::nanoTime);
        HostModel cached = await(model.loadHostModel());

        listening.set(false);
        try (Connection connection = TestPostgres.jdbc(settings); Statement statement = connection.createStatement()) {
            statement.execute("UPDATE host_model_state SET revision = revision + 1");
        }
        HostModel whileDeaf = await(model.loadHostModel());
        listening.set(true);
        HostModel listeningAgain = await(model.loadHostModel());

        assertThat(await(model.loadHostModel())).as("cached again").isSameAs(listeningAgain);
        assertThat(whileDeaf.revision()).isEqualTo(cached.revision() + 1);
        assertThat(listeningAgain.revision()).isEqualTo(cached.revision() + 1);
        await(pool.close().toCompletionStage());
    }

    @Test
    void givenNoNotifications_whenThisServerChangesTheModel_thenItsNextReadSeesTheChangeAtOnce() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database().withListenForModelChanges(false)));
        HostModel cached = await(store.loadHostModel());

        Attribute created = await(store.createAttribute(HostModelChangeContract.attribute("rack", "Rack", null)));
        HostModel afterAttribute = await(store.loadHostModel());
        boolean deleted = await(store.deleteUniqueRule(HostModelChangeContract.OUTER_IP_RULE));
        HostModel afterDeletion = await(store.loadHostModel());

        assertThat(afterAttribute.revision()).isEqualTo(cached.revision() + 1);
        assertThat(afterAttribute.attributeById(created.id())).contains(created);
        assertThat(deleted).isTrue();
        assertThat(afterDeletion.uniqueRule(HostModelChangeContract.OUTER_IP_RULE)).isEmpty();
        await(store.close());
    }

    @Test
    void givenTwoServersOnOneDatabase_whenEitherChangesTheModel_thenTheOtherSeesItAndRefusesWritesPlannedBefore() throws Exception {
        PgSettings settings = TestPostgres.database();
        PostgresStore one = await(PostgresStore.start(vertx, settings));
        PostgresStore two = await(PostgresStore.start(vertx, settings));
        Host host = aHost().withInnerIp("10.50.0.1").with("bk_sn", "SN-50").build();
        await(one.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        HostModel cachedByTwo = await(two.loadHostModel());

        Attribute created = await(one.createAttribute(HostModelChangeContract.attribute("rack", "Rack", null)));

        assertThat(await(one.loadHostModel()).attributeById(created.id())).as("at once where it changed").contains(created);
        HostModel seenByTwo = eventually(() -> await(two.loadHostModel()), model -> model.revision() == cachedByTwo.revision() + 1);
        assertThat(seenByTwo.attributeById(created.id())).contains(created);
        assertThat(await(two.updateHost(HostBuilder.updateOf(host, Map.of("bk_comment", "late"), cachedByTwo))))
                .isInstanceOf(HostWriteResult.Stale.class);

        UniqueRule rule = await(two.createUniqueRule(HostModelChangeContract.SN_RULE,
                HostModelChangeContract.keysUnder(seenByTwo, HostModelChangeContract.SN_RULE)));

        HostModel seenByOne = eventually(() -> await(one.loadHostModel()), model -> model.revision() == seenByTwo.revision() + 1);
        assertThat(seenByOne.uniqueRule(rule.id())).contains(rule);
        Host copy = aHost().withInnerIp("10.50.0.2").with("bk_sn", "SN-50").build();
        Throwable refused = failureOf(one.createHosts(seenByOne.revision(), List.of(HostBuilder.creationOf(copy, seenByOne))));
        assertThat(refused).isInstanceOf(RejectedException.class);
        await(one.close());
        await(two.close());
    }

    /** A clone's write of {@code source}'s operator onto {@code destination}, both as read, planned on {@code model}. */
    private static HostUpdate cloneOf(Host source, Host destination, HostModel model) {
        HostUpdate update = HostBuilder.updateOf(destination, Map.of("operator", source.value("operator")), model,
                HostBuilder.ACTOR, HostBuilder.now(), false);
        return new HostUpdate(update.host(), update.expectedVersion(), update.modelRevision(), update.changes(), null,
                update.audit(), new HostUpdate.CopiedFrom(source.id(), source.version()));
    }

    private static <T> T eventually(Callable<T> read, Predicate<T> done) {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(read, done);
    }
}
