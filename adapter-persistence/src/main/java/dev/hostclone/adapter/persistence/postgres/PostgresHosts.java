package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.BatchKeys.Claim;
import dev.hostclone.domain.model.BatchKeys;
import dev.hostclone.domain.model.HostModel;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hosts, their inner-IP index and their unique keys in PostgreSQL, written together with their audit
 * records.
 *
 * <p>A host write is one statement whenever its inner addresses and cloud area stay put (every
 * clone, every batch update): a CTE chain that takes the host-model row {@code FOR SHARE} at the
 * revision the write was planned with ({@link ModelRevision}), updates the host only if it is still
 * at the expected version, moves its unique keys when they change, and inserts the audit record only
 * if the update happened. One statement is atomic on its own, so that is one round trip and no
 * explicit transaction. Unique keys live in {@code host_unique_key}, whose primary key refuses a
 * second owner however the writes interleave.
 *
 * <p>Batches (several updates, or new hosts) are one transaction whose statements are pipelined
 * behind BEGIN. Creations take two round trips with COMMIT; updates three (the locks and versions are
 * checked before any update is sent: {@link LockedHostUpdates}), one more when the cached model is older than the
 * revision the locks find (the model is read under them), and one more when an update moves inner addresses. Checks come in
 * the same order as in the memory store: two hosts of the batch claiming one key, then the model
 * revision, then host by host in input order (a moved host is stale, a taken key is a duplicate).
 */
final class PostgresHosts implements LoadHostsPort, UpdateHostPort, CreateHostsPort, AllocateHostIdsPort {

    static final String LOAD_BY_IDS = withModelRevision("SELECT " + HostRows.READ_COLUMNS + " FROM host WHERE bk_host_id = ANY($1::bigint[])");
    static final String FIND_BY_INNER_IP = withModelRevision("SELECT " + HostRows.READ_COLUMNS + " FROM host WHERE bk_host_id IN"
            + " (SELECT bk_host_id FROM host_inner_ip WHERE bk_cloud_id = $1 AND ip = ANY($2::text[]))"
            + " ORDER BY bk_host_id");
    private static final String ALLOCATE_IDS =
            "SELECT nextval('host_id_seq') AS id FROM generate_series(1, $1::int) ORDER BY 1";

    private static final String INSERT_HOST = "INSERT INTO host (" + HostRows.COLUMNS + ") VALUES ($1, $2, $3, $4::text::jsonb)";
    static final String INSERT_KEY = "INSERT INTO host_unique_key (rule_id, key_hash, key_text, bk_host_id)"
            + " VALUES ($1, sha256(convert_to($2::text, 'UTF8')), $2, $3)";
    private static final String INSERT_AUDIT = "INSERT INTO audit_record (" + AuditRows.COLUMNS + ") VALUES ("
            + AuditRows.placeholders(1) + ") RETURNING id";

    private final TimedPool pool;
    private final KeyClaims keyClaims;
    private final LockedHostUpdates lockedUpdates;
    private final PostgresHostModel model;
    private final RolledBackWrites rolledBack;

    /**
     * {@code model} hears the model's revision as every host read found it, and gives a locked write the
     * model at the revision its locks found; {@code rolledBack}
     * counts the writes PostgreSQL rolled back for another's sake.
     */
    PostgresHosts(TimedPool pool, PostgresHostModel model, RolledBackWrites rolledBack) {
        this.pool = pool;
        this.model = model;
        this.keyClaims = new KeyClaims(pool);
        this.lockedUpdates = new LockedHostUpdates(pool, model);
        this.rolledBack = rolledBack;
    }

    @Override
    public CompletionStage<List<Host>> loadHosts(Collection<HostId> ids) {
        Long[] values = ids.stream().distinct().map(HostId::value).toArray(Long[]::new);
        return stage("load hosts", read(LOAD_BY_IDS, Tuple.tuple().addArrayOfLong(values)));
    }

    @Override
    public CompletionStage<List<Host>> findHostsByInnerIp(CloudAreaId cloud, Collection<IpAddress> ips) {
        String[] texts = ips.stream().map(IpAddress::text).distinct().toArray(String[]::new);
        return stage("find hosts by inner IP", read(FIND_BY_INNER_IP, Tuple.tuple().addLong(cloud.value()).addArrayOfString(texts)));
    }

    /** The hosts a query of {@link #withModelRevision} finds; the model hears the revision it read. */
    private Future<List<Host>> read(String query, Tuple parameters) {
        return pool.keyedRead(query, parameters).map(rows -> {
            model.observe(ModelRevision.revision(rows));
            return HostRows.hosts(rows);
        });
    }

    /**
     * {@code hosts} (a query of {@link HostRows#READ_COLUMNS}) with the model's revision on every row, read in
     * the same statement and so from the same snapshot; when no host is found, one row carries only the
     * revision. One statement rather than two pipelined: each statement costs the client a write to the
     * socket and PostgreSQL a bind, an execution and a sync.
     */
    private static String withModelRevision(String hosts) {
        return "SELECT m.revision, h.* FROM host_model_state m LEFT JOIN LATERAL (" + hosts + ") h ON true WHERE m.id = 1";
    }

    /** One statement, one round trip, when the inner addresses stay put; else a transaction of three. */
    @Override
    public CompletionStage<HostWriteResult> updateHost(HostUpdate update) {
        return stage("update a host", claimed(() -> write(update), () -> KeyClaims.of(List.of(update)),
                new HostWriteResult.Stale()));
    }

    /**
     * One transaction: BEGIN with the model lock and the host locks (those only read shared), the plan on
     * the model and the hosts as locked, every update if none moved, then COMMIT. A collision is named from
     * the claims of the plan last written.
     */
    @Override
    public CompletionStage<HostsWriteResult> updateHosts(Collection<HostId> ids, Collection<HostId> readOnly,
                                                         BiFunction<HostModel, List<Host>, Optional<List<HostUpdate>>> plan) {
        return writePlanned("update hosts", planned -> lockedUpdates.write(ids, readOnly, plan, planned));
    }

    /** One transaction: BEGIN, the model lock and every insert pipelined, then COMMIT. */
    @Override
    public CompletionStage<HostsWriteResult> createHosts(long modelRevision, List<HostCreation> creations) {
        List<Claim> claims = claimsOf(creations);
        try {
            BatchKeys.requireDistinct(claims);
        } catch (RejectedException rejected) {
            return Future.<HostsWriteResult>failedFuture(rejected).toCompletionStage();
        }
        if (creations.isEmpty()) {
            return Future.<HostsWriteResult>succeededFuture(new HostsWriteResult.AllWritten(List.of())).toCompletionStage();
        }
        return stage("create hosts", claimed(() -> insert(modelRevision, creations), () -> claims,
                new HostsWriteResult.Stale()));
    }

    /**
     * One transaction: BEGIN with the model lock, the model at the revision it found (the cached copy, or
     * read under the lock), the plan on it, every insert pipelined, then COMMIT: a round trip more than
     * {@link #createHosts(long, List)}, two when the model is read. A collision is named from the plan's claims.
     */
    @Override
    public CompletionStage<HostsWriteResult> createHostsUnderModelLock(Function<HostModel, List<HostCreation>> plan) {
        return writePlanned("create hosts", planned -> insertPlanned(plan, planned));
    }

    /**
     * A write planned inside its transaction ({@code write}, handed what it planned to keep): written again
     * when a key collision needs naming ({@link KeyClaims#withCollisionsNamed}, from the claims of the plan
     * last run), stale when PostgreSQL rolled it back for another's sake, and a failure wrapped as the
     * store's naming {@code operation}, but for what the plan threw, which is the caller's own, as the
     * ports promise.
     */
    private CompletionStage<HostsWriteResult> writePlanned(String operation, Function<PlannedWrite, Future<HostsWriteResult>> write) {
        PlannedWrite planned = new PlannedWrite();
        return claimed(() -> write.apply(planned), planned::claims, new HostsWriteResult.Stale())
                .recover(failure -> Future.failedFuture(planned.threw(failure) ? failure
                        : PostgresStoreException.wrap(operation, failure)))
                .toCompletionStage();
    }

    @Override
    public CompletionStage<List<HostId>> allocateHostIds(int count) {
        if (count <= 0) {
            return Future.succeededFuture(List.<HostId>of()).toCompletionStage();
        }
        return stage("allocate host ids", pool.execute(ALLOCATE_IDS, Tuple.of(count)).map(rows -> {
            List<HostId> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(HostId.of(row.getLong("id"))));
            return ids;
        }));
    }

    /** One statement, or a transaction of three round trips when the inner-IP index must follow. */
    private Future<HostWriteResult> write(HostUpdate update) {
        Tuple parameters = HostUpdateStatements.parameters(update);
        if (!HostUpdateStatements.movesInnerIps(update)) {
            return pool.write(HostUpdateStatements.statementFor(update), parameters).map(HostUpdateStatements::written);
        }
        return Transactions.run(pool, connection -> connection.preparedQuery(HostUpdateStatements.statementFor(update))
                .execute(parameters)
                .compose(rows -> {
                    HostWriteResult result = HostUpdateStatements.written(rows);
                    if (!(result instanceof HostWriteResult.Written)) {
                        return Future.succeededFuture(result);
                    }
                    return HostRows.reindexInnerIps(connection, List.of(HostRows.after(update.host(), rows))).map(result);
                }), result -> result instanceof HostWriteResult.Written);
    }

    /**
     * The batch of new hosts behind the model lock; when the revision moved, the inserts (already
     * sent) roll back and the batch is stale, even if one of them collided.
     */
    private Future<HostsWriteResult> insert(long modelRevision, List<HostCreation> creations) {
        return Transactions.run(pool, connection -> {
            Future<RowSet<Row>> model = connection.preparedQuery(ModelRevision.SHARE).execute();
            Inserts inserts = Inserts.send(connection, creations);
            List<Future<?>> statements = new ArrayList<>(inserts.statements().size() + 1);
            statements.add(model);
            statements.addAll(inserts.statements());
            return Future.join(statements).transform(done -> {
                if (model.succeeded() && ModelRevision.revision(model.result()) != modelRevision) {
                    // as a host read would: the caller reads no host before planning its retry, only the model
                    this.model.observe(ModelRevision.revision(model.result()));
                    return Future.succeededFuture(new HostsWriteResult.Stale());
                }
                return Transactions.firstFailure(statements)
                        .map(ok -> (HostsWriteResult) new HostsWriteResult.AllWritten(ids(inserts.audited().result())));
            });
        }, result -> result instanceof HostsWriteResult.AllWritten);
    }

    /**
     * The new hosts {@code plan} makes of the model as the lock holds it: the lock, the model at its
     * revision, the plan, then the inserts. The plan's claims and what it threw go to {@code planned}.
     */
    private Future<HostsWriteResult> insertPlanned(Function<HostModel, List<HostCreation>> plan, PlannedWrite planned) {
        return Transactions.run(pool, connection -> connection.preparedQuery(ModelRevision.SHARE).execute()
                .compose(locked -> model.heldAt(locked, connection))
                .compose(heldModel -> planned.plan(() -> plan.apply(heldModel)))
                .compose(creations -> planned.claim(() -> claimsOf(creations)).compose(distinct -> {
                    if (creations.isEmpty()) {
                        return Future.succeededFuture(new HostsWriteResult.AllWritten(List.of()));
                    }
                    Inserts inserts = Inserts.send(connection, creations);
                    return Transactions.allInOrder(inserts.statements())
                            .map(ok -> (HostsWriteResult) new HostsWriteResult.AllWritten(ids(inserts.audited().result())));
                })), result -> result instanceof HostsWriteResult.AllWritten);
    }

    private static List<Claim> claimsOf(List<HostCreation> creations) {
        return creations.stream().map(creation -> new Claim(creation.host().id(), creation.uniqueKeys())).toList();
    }

    /** The inserts of new hosts, sent: each kind of row in one batch, the audit records' last, their ids in {@code audited}. */
    private record Inserts(List<Future<?>> statements, Future<RowSet<Row>> audited) {

        static Inserts send(SqlConnection connection, List<HostCreation> creations) {
            List<Tuple> hosts = new ArrayList<>(creations.size());
            List<Tuple> ips = new ArrayList<>();
            List<Tuple> audits = new ArrayList<>(creations.size());
            for (HostCreation creation : creations) {
                Host host = creation.host();
                hosts.add(Tuple.of(host.id().value(), host.business().value(), host.version(), JsonText.write(host.document())));
                ips.addAll(HostRows.innerIpRows(host));
                audits.add(AuditRows.addTo(Tuple.tuple(), creation.audit()));
            }
            List<Tuple> keys = creations.stream()
                    .flatMap(creation -> creation.uniqueKeys().stream().map(key -> Map.entry(key, creation.host().id().value())))
                    .sorted(Map.Entry.comparingByKey(KeyClaims.ORDER))
                    .map(claim -> Tuple.of(claim.getKey().ruleId(), claim.getKey().text(), claim.getValue()))
                    .toList();
            List<Future<?>> statements = new ArrayList<>(4);
            statements.add(connection.preparedQuery(INSERT_HOST).executeBatch(hosts));
            if (!ips.isEmpty()) {
                statements.add(connection.preparedQuery(HostRows.INSERT_INNER_IP).executeBatch(ips));
            }
            if (!keys.isEmpty()) {
                statements.add(connection.preparedQuery(INSERT_KEY).executeBatch(keys));
            }
            Future<RowSet<Row>> audited = connection.preparedQuery(INSERT_AUDIT).executeBatch(audits);
            statements.add(audited);
            return new Inserts(statements, audited);
        }
    }

    /**
     * A host write with its key claims: a collision named ({@link KeyClaims#withCollisionsNamed}), and {@code stale}
     * when it met another writer in the key table or PostgreSQL rolled it back for another's sake.
     */
    private <T> Future<T> claimed(Supplier<Future<T>> write, Supplier<List<Claim>> claims, T stale) {
        return staleWhenRolledBackForAnother(keyClaims.withCollisionsNamed(write, claims, stale), stale);
    }

    /**
     * A write PostgreSQL rolled back so that another could go on: two writes claiming the same unique keys
     * in opposite orders deadlock (40P01; the keys of a host, or of a batch's hosts, are claimed in the
     * order they come), and under serializable isolation one of two overlapping writes fails (40001; no
     * longer met since the store's sessions run read committed, {@link PostgresConnections#ISOLATION}).
     * Nothing of it was written, and the caller reads again and plans anew as after any stale write: it then
     * finds the key taken (1199014) or free. Each is counted, since the retry hides it from the caller.
     */
    private <T> Future<T> staleWhenRolledBackForAnother(Future<T> write, T stale) {
        return write.recover(failure -> {
            RolledBackWrites.Cause cause = failure instanceof PgException pg ? RolledBackWrites.Cause.of(pg.getSqlState()) : null;
            if (cause == null) {
                return Future.failedFuture(failure);
            }
            rolledBack.rolledBack(cause);
            return Future.succeededFuture(stale);
        });
    }

    /** The ids an INSERT ... RETURNING id sent as a batch returned, in batch order. */
    private static List<Long> ids(RowSet<Row> batch) {
        List<Long> ids = new ArrayList<>();
        for (RowSet<Row> rows = batch; rows != null; rows = rows.next()) {
            rows.forEach(row -> ids.add(row.getLong("id")));
        }
        return ids;
    }

    private static <T> CompletionStage<T> stage(String operation, Future<T> future) {
        return future.recover(failure -> Future.failedFuture(PostgresStoreException.wrap(operation, failure)))
                .toCompletionStage();
    }
}
