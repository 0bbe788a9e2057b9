package dev.hostclone.adapter.persistence.postgres;

import static dev.hostclone.adapter.persistence.HostBuilder.aHost;
import static dev.hostclone.adapter.persistence.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.persistence.HostBuilder;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.adapter.persistence.HostModelChangeContract;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueRule;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL store sends for a write: a host update and its audit record in one statement, a batch's locks
 * before its updates, and a new unique rule's key fields alone, its keys computed off the event loop.
 */
class PostgresWriteStatementsTest extends PostgresStoreFixture {

    @Test
    void givenHost_whenACloneWritesIt_thenOneStatementCarriesTheUpdateAndItsAuditRecord() {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PostgresStore store = await(PostgresStore.start(traced, TestPostgres.database()));
        Host host = aHost().withInnerIp("10.4.0.1").with("bk_comment", "old").build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        await(store.loadHostModel());
        statements.clear();

        HostWriteResult result = await(store.updateHost(HostBuilder.updateOf(host, Map.of("bk_comment", "new"))));

        assertThat(result).isInstanceOf(HostWriteResult.Written.class);
        assertThat(statements).containsExactly(HostUpdateStatements.UPDATE);
        assertThat(HostUpdateStatements.UPDATE).as("the model check rides along").contains("FOR SHARE");
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    /**
     * A new rule's keys are computed for every host, seconds of CPU for a few hundred thousand: on a worker
     * thread, so that the event loop that runs the store's statements goes on serving other requests meanwhile.
     */
    @Test
    void givenHosts_whenAUniqueRuleIsCreated_thenTheirKeysAreComputedOffTheEventLoop() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));
        Host host = aHost().withInnerIp("10.66.0.1").with("bk_sn", "SN-66").build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        HostModel model = await(store.loadHostModel());
        Function<Host, Collection<UniqueKey>> keys = HostModelChangeContract.keysUnder(model, HostModelChangeContract.SN_RULE);
        List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();

        await(store.createUniqueRule(HostModelChangeContract.SN_RULE, keyed -> {
            onEventLoop.add(Context.isOnEventLoopThread());
            return keys.apply(keyed);
        }));

        assertThat(onEventLoop).containsExactly(false);
        await(store.close());
    }

    /**
     * While the worker computes every host's keys, the rule's transaction sends nothing, for seconds at a few hundred
     * thousand hosts: PostgreSQL, which ends a transaction idle for three store timeouts, lets this one idle as long
     * as its statements may take. Here a worker slower than three store timeouts of a second.
     */
    @Test
    void givenKeysComputedForLongerThanTheStoreTimeout_whenAUniqueRuleIsCreated_thenItIsCreated() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database().withTimeout(Duration.ofSeconds(1))));
        Host host = aHost().withInnerIp("10.68.0.1").with("bk_sn", "SN-68").build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        HostModel model = await(store.loadHostModel());
        Function<Host, Collection<UniqueKey>> keys = HostModelChangeContract.keysUnder(model, HostModelChangeContract.SN_RULE);

        UniqueRule rule = await(store.createUniqueRule(HostModelChangeContract.SN_RULE, keyed -> {
            long until = System.nanoTime() + Duration.ofMillis(4_000).toNanos();
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            return keys.apply(keyed);
        }));

        assertThat(rule.id()).isPositive();
        await(store.close());
    }

    /**
     * A new rule's keys are computed from every host, under the model's lock: read whole, a fleet's
     * documents filled the heap (100,000 hosts of 1.4 kB at 256 MB). Only the fields the keys come from
     * are read, and the keys are the ones the whole documents give.
     */
    @Test
    void givenHostsWithLongValues_whenAUniqueRuleIsCreated_thenOnlyTheKeyFieldsAreReadAndTheKeysAreRight() throws SQLException {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(traced, settings));
        Host first = aHost().withInnerIp("10.64.0.1").with("bk_sn", "SN-1").with("bk_comment", "x".repeat(1_000)).build();
        Host second = aHost().withInnerIp("10.64.0.2").with("bk_comment", "y".repeat(1_000)).build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(first),
                HostBuilder.creationOf(second))));
        HostModel model = await(store.loadHostModel());
        statements.clear();

        UniqueRule rule = await(store.createUniqueRule(HostModelChangeContract.SN_RULE,
                HostModelChangeContract.keysUnder(model, HostModelChangeContract.SN_RULE)));

        assertThat(statements).contains(PostgresModelChanges.LOAD_KEY_FIELDS);
        try (Connection connection = TestPostgres.jdbc(settings)) {
            assertThat(TestPostgres.column(connection, "SELECT key_text || '@' || bk_host_id FROM host_unique_key"
                    + " WHERE rule_id = " + rule.id()))
                    .containsExactly(UniqueKey.of(rule.id(), List.of("bk_sn"), List.of("SN-1")).text() + "@" + first.id().value());
        }
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    /**
     * The update statement reads {@code pre_data} from the row it replaces and takes none from the
     * record: a record claiming another one shows it (the application's records always carry the
     * stored document, see {@code HostUpdate}).
     */
    @Test
    void givenAnUpdateWhoseRecordClaimsAnotherPreviousDocument_whenWritten_thenTheAuditHasTheRowItReplaced() {
        PostgresStore store = await(PostgresStore.start(vertx, TestPostgres.database()));
        Host host = aHost().withInnerIp("10.4.0.2").with("bk_comment", "stored").build();
        await(store.createHosts(HostBuilder.MODEL.revision(), List.of(HostBuilder.creationOf(host))));
        HostUpdate update = HostBuilder.updateOf(host, Map.of("bk_comment", "new"));
        AuditRecord planned = update.audit();
        AuditRecord claiming = new AuditRecord(0, planned.auditType(), planned.resourceType(), planned.action(),
                planned.business(), planned.resourceId(), planned.resourceName(), planned.user(), planned.appCode(),
                planned.requestId(), planned.operateFrom(), planned.operationTime(),
                Map.of("bk_comment", "not what is stored"), planned.curData(), planned.updateFields());

        HostWriteResult result = await(store.updateHost(new HostUpdate(update.host(), update.expectedVersion(),
                update.modelRevision(), update.changes(), update.uniqueKeys(), claiming)));

        assertThat(result).isInstanceOf(HostWriteResult.Written.class);
        List<AuditRecord> trail = await(store.loadAuditTrail(AuditRecord.HOST, host.id().value()));
        assertThat(trail.get(trail.size() - 1).preData()).isEqualTo(host.document());
        assertThat(trail.get(trail.size() - 1).updateFields()).isEqualTo(Map.of("bk_comment", "new"));
        await(store.close());
    }

    /** The model cached at the revision the locks find (a batch reads it before): the transaction reads none. */
    @Test
    void givenHostsAndTheModelCached_whenABatchUpdatesThem_thenOneTransactionTakesTheLocksThenSendsEachUpdate() {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PostgresStore store = await(PostgresStore.start(traced, TestPostgres.database()));
        Host first = aHost().withInnerIp("10.4.1.1").build();
        Host second = aHost().withInnerIp("10.4.1.2").build();
        createBoth(store, first, second);
        await(store.loadHostModel());
        statements.clear();

        HostsWriteResult result = commentBoth(store, first, second);

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(statements).containsExactly(ModelRevision.SHARE, LockedHostUpdates.LOCK_HOSTS, HostUpdateStatements.UPDATE, HostUpdateStatements.UPDATE);
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    /** The cached model older than the revision the locks find: the transaction reads the model after its locks, before its updates. */
    @Test
    void givenTheCachedModelOlderThanTheLocksFind_whenABatchUpdatesHosts_thenTheTransactionReadsTheModelBetweenLocksAndUpdates()
            throws SQLException {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PgSettings settings = TestPostgres.database();
        PostgresStore store = await(PostgresStore.start(traced, settings));
        Host first = aHost().withInnerIp("10.4.3.1").build();
        Host second = aHost().withInnerIp("10.4.3.2").build();
        createBoth(store, first, second);
        await(store.loadHostModel());
        renameFirstAttributeWithoutNotifying(settings);
        statements.clear();

        HostsWriteResult result = await(store.updateHosts(List.of(first.id(), second.id()), List.of(),
                (lockedModel, locked) -> Optional.of(locked.stream()
                        .map(host -> HostBuilder.updateOf(host, Map.of("bk_comment", "c"), lockedModel, HostBuilder.ACTOR,
                                HostBuilder.now(), false)).toList())));

        assertThat(result).isInstanceOf(HostsWriteResult.AllWritten.class);
        assertThat(statements).containsExactly(ModelRevision.SHARE, LockedHostUpdates.LOCK_HOSTS,
                PostgresHostModel.ATTRIBUTES, PostgresHostModel.RULES, HostUpdateStatements.UPDATE, HostUpdateStatements.UPDATE);
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    @Test
    void givenABatchWhoseSecondHostMoved_whenUpdated_thenNoUpdateIsSentSoNoRowIsLeftToVacuum() {
        List<String> statements = new CopyOnWriteArrayList<>();
        Vertx traced = recording(statements);
        PostgresStore store = await(PostgresStore.start(traced, TestPostgres.database()));
        Host first = aHost().withInnerIp("10.4.2.1").build();
        Host second = aHost().withInnerIp("10.4.2.2").build();
        createBoth(store, first, second);
        await(store.updateHost(HostBuilder.updateOf(second, Map.of("bk_comment", "moved on"))));
        await(store.loadHostModel());
        statements.clear();

        HostsWriteResult result = commentBoth(store, first, second);

        assertThat(result).isInstanceOf(HostsWriteResult.Stale.class);
        // an update sent, then rolled back, would leave a dead host row and a dead audit row behind
        assertThat(statements).containsExactly(ModelRevision.SHARE, LockedHostUpdates.LOCK_HOSTS);
        assertThat(await(store.loadHosts(List.of(first.id()))).get(0).version()).isEqualTo(first.version());
        await(store.close());
        await(traced.close().toCompletionStage());
    }

    /** One batch setting the comment of {@code first} and {@code second}, planned on them as given. */
    private static HostsWriteResult commentBoth(PostgresStore store, Host first, Host second) {
        return await(store.updateHosts(List.of(first.id(), second.id()), List.of(), (lockedModel, locked) -> Optional.of(List.of(
                HostBuilder.updateOf(first, Map.of("bk_comment", "a")), HostBuilder.updateOf(second, Map.of("bk_comment", "b"))))));
    }
}
