package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.BatchKeys.Claim;
import dev.hostclone.domain.model.BatchKeys;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongConsumer;

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
 * checked before any update is sent), one more when an update moves inner addresses. Checks come in
 * the same order as in the memory store: two hosts of the batch claiming one key, then the model
 * revision, then host by host in input order (a moved host is stale, a taken key is a duplicate).
 */
final class PostgresHosts implements LoadHostsPort, UpdateHostPort, CreateHostsPort, AllocateHostIdsPort {

    private static final String HOST_COLUMNS = "bk_host_id, bk_biz_id, version, doc";
    /** As read: the document as text, parsed by {@link JsonText#readHostDocument} without the client's JSON objects. */
    private static final String HOST_READ_COLUMNS = "bk_host_id, bk_biz_id, version, doc::text AS doc";
    static final String LOAD_BY_IDS = withModelRevision("SELECT " + HOST_READ_COLUMNS + " FROM host WHERE bk_host_id = ANY($1::bigint[])");
    static final String FIND_BY_INNER_IP = withModelRevision("SELECT " + HOST_READ_COLUMNS + " FROM host WHERE bk_host_id IN"
            + " (SELECT bk_host_id FROM host_inner_ip WHERE bk_cloud_id = $1 AND ip = ANY($2::text[]))"
            + " ORDER BY bk_host_id");
    private static final String ALLOCATE_IDS =
            "SELECT nextval('host_id_seq') AS id FROM generate_series(1, $1::int) ORDER BY 1";
    /**
     * A batch locks its hosts in id order before writing any, so two batches cannot deadlock; the hosts
     * it returns, which the batch is planned on, cannot move until the batch ends.
     */
    static final String LOCK_HOSTS = "SELECT " + HOST_READ_COLUMNS + " FROM host WHERE bk_host_id = ANY($1::bigint[])"
            + " ORDER BY bk_host_id FOR NO KEY UPDATE";
    /**
     * Hosts a locked write only reads (a clone's source), held as {@link #LOCK_HOSTS} holds the others but
     * shared: no write of them passes, while clones from the same source, which take it {@code FOR SHARE}
     * too, go on. See {@link #locksInIdOrder} for why the two kinds in one transaction cannot deadlock.
     */
    static final String SHARE_HOSTS = "SELECT " + HOST_READ_COLUMNS + " FROM host WHERE bk_host_id = ANY($1::bigint[])"
            + " ORDER BY bk_host_id FOR SHARE";

    private static final String INSERT_HOST = "INSERT INTO host (" + HOST_COLUMNS + ") VALUES ($1, $2, $3, $4::text::jsonb)";
    private static final String INSERT_INNER_IP = "INSERT INTO host_inner_ip (bk_cloud_id, ip, bk_host_id) VALUES ($1, $2, $3)";
    private static final String DELETE_INNER_IPS = "DELETE FROM host_inner_ip WHERE bk_host_id = $1";
    static final String INSERT_KEY = "INSERT INTO host_unique_key (rule_id, key_hash, key_text, bk_host_id)"
            + " VALUES ($1, sha256(convert_to($2::text, 'UTF8')), $2, $3)";
    private static final String INSERT_AUDIT = "INSERT INTO audit_record (" + AuditRows.COLUMNS + ") VALUES ("
            + AuditRows.placeholders(1) + ") RETURNING id";

    private final TimedPool pool;
    private final KeyClaims keyClaims;
    private final LongConsumer modelRevisionSeen;
    private final RolledBackWrites rolledBack;

    /**
     * {@code modelRevisionSeen} hears the model's revision as every host read found it; {@code rolledBack}
     * counts the writes PostgreSQL rolled back for another's sake.
     */
    PostgresHosts(TimedPool pool, LongConsumer modelRevisionSeen, RolledBackWrites rolledBack) {
        this.pool = pool;
        this.keyClaims = new KeyClaims(pool);
        this.modelRevisionSeen = modelRevisionSeen;
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

    /** The hosts a query of {@link #withModelRevision} finds; the model's revision it read goes to {@code modelRevisionSeen}. */
    private Future<List<Host>> read(String query, Tuple parameters) {
        return pool.keyedRead(query, parameters).map(rows -> {
            modelRevisionSeen.accept(ModelRevision.revision(rows));
            return hosts(rows);
        });
    }

    /**
     * {@code hosts} (a query of {@link #HOST_READ_COLUMNS}) with the model's revision on every row, read in
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
        return stage("update a host", staleWhenRolledBackForAnother(
                keyClaims.withCollisionsNamed(() -> write(update), () -> KeyClaims.of(List.of(update))), new HostWriteResult.Stale()));
    }

    /**
     * One transaction: BEGIN with the model lock and the host locks (those only read shared), the plan on
     * the hosts as locked, every update if none moved, then COMMIT. A collision is named from the claims
     * of the plan last written.
     */
    @Override
    public CompletionStage<HostsWriteResult> updateHosts(Collection<HostId> ids, Collection<HostId> readOnly,
                                                         Function<List<Host>, Optional<List<HostUpdate>>> plan) {
        AtomicReference<List<Claim>> planned = new AtomicReference<>(List.of());
        AtomicReference<RuntimeException> planFailed = new AtomicReference<>();
        Future<HostsWriteResult> written = staleWhenRolledBackForAnother(keyClaims.withCollisionsNamed(
                () -> writeAll(ids, readOnly, plan, planned, planFailed), planned::get), new HostsWriteResult.Stale());
        // what the plan threw is the caller's own, as the port promises: not a fault of the store's to wrap
        return written.recover(failure -> Future.failedFuture(failure == planFailed.get() ? failure
                : PostgresStoreException.wrap("update hosts", failure))).toCompletionStage();
    }

    /** One transaction: BEGIN, the model lock and every insert pipelined, then COMMIT. */
    @Override
    public CompletionStage<HostsWriteResult> createHosts(long modelRevision, List<HostCreation> creations) {
        List<Claim> claims = creations.stream()
                .map(creation -> new Claim(creation.host().id(), creation.uniqueKeys()))
                .toList();
        try {
            BatchKeys.requireDistinct(claims);
        } catch (RejectedException rejected) {
            return Future.<HostsWriteResult>failedFuture(rejected).toCompletionStage();
        }
        if (creations.isEmpty()) {
            return Future.<HostsWriteResult>succeededFuture(new HostsWriteResult.AllWritten(List.of())).toCompletionStage();
        }
        return stage("create hosts", staleWhenRolledBackForAnother(
                keyClaims.withCollisionsNamed(() -> insert(modelRevision, creations), () -> claims), new HostsWriteResult.Stale()));
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
            return pool.execute(HostUpdateStatements.statementFor(update), parameters).map(HostUpdateStatements::written);
        }
        return Transactions.run(pool, connection -> connection.preparedQuery(HostUpdateStatements.statementFor(update))
                .execute(parameters)
                .compose(rows -> {
                    HostWriteResult result = HostUpdateStatements.written(rows);
                    if (!(result instanceof HostWriteResult.Written)) {
                        return Future.succeededFuture(result);
                    }
                    return reindexInnerIps(connection, List.of(after(update.host(), rows))).map(result);
                }), result -> result instanceof HostWriteResult.Written);
    }

    /**
     * The batch: the model lock and the host locks in id order, pipelined, the locks reading the hosts;
     * then the plan on them, and each update it makes as {@link #updateHost} would send it, pipelined,
     * unless the locks already show the batch stale. Checking before writing keeps a stale batch from
     * inserting rows it would roll back: in a soak with hot hosts 1.2 % of transactions rolled back, and
     * their dead audit rows made every vacuum of the audit table scan its indexes. The updates stay
     * conditional, and decide whenever the check alone cannot: the first in input order that found its
     * host moved makes the batch stale, the first that failed (a taken key) fails it; either way it rolls
     * back. The plan's claims go to {@code planned}, for {@link KeyClaims#withCollisionsNamed}, and what it
     * threw to {@code planFailed}.
     */
    private Future<HostsWriteResult> writeAll(Collection<HostId> ids, Collection<HostId> readOnly,
                                              Function<List<Host>, Optional<List<HostUpdate>>> plan,
                                              AtomicReference<List<Claim>> planned, AtomicReference<RuntimeException> planFailed) {
        List<HostLocks> locks = locksInIdOrder(ids, readOnly);
        return Transactions.run(pool, connection -> {
            Future<RowSet<Row>> model = connection.preparedQuery(ModelRevision.SHARE).execute();
            List<Future<RowSet<Row>>> locked = new ArrayList<>(locks.size());
            locks.forEach(lock -> locked.add(connection.preparedQuery(lock.statement()).execute(Tuple.tuple().addArrayOfLong(lock.ids()))));
            List<Future<RowSet<Row>>> statements = new ArrayList<>(locked.size() + 1);
            statements.add(model);
            statements.addAll(locked);
            return Future.join(statements).transform(done -> {
                if (statements.stream().anyMatch(Future::failed)) {
                    return Transactions.<HostsWriteResult>firstFailure(statements);
                }
                long revision = ModelRevision.revision(model.result());
                // as a host read does: a clone planned again here read no host before, only the (cached) model
                modelRevisionSeen.accept(revision);
                Map<HostId, Long> versions = new HashMap<>();
                Set<HostId> writable = new HashSet<>();
                Set<HostId> readable = new HashSet<>();
                List<Host> lockedHosts = new ArrayList<>();
                for (int i = 0; i < locks.size(); i++) {
                    for (Host host : hosts(locked.get(i).result())) {
                        lockedHosts.add(host);
                        versions.put(host.id(), host.version());
                        (locks.get(i).shared() ? readable : writable).add(host.id());
                    }
                }
                Optional<List<HostUpdate>> updates;
                try {
                    updates = plan.apply(Collections.unmodifiableList(lockedHosts));
                } catch (RuntimeException failed) {
                    planFailed.set(failed);
                    return Future.failedFuture(failed);
                }
                // an update of a host not locked here, or copying from one, would lock it outside the batch's id
                // order; and one of a host held shared would lock it again, exclusively (see locksInIdOrder)
                if (updates.isEmpty() || !updates.get().stream().allMatch(update -> update.locksOnly(writable, readable))) {
                    return Future.succeededFuture(new HostsWriteResult.Stale());
                }
                try {
                    planned.set(KeyClaims.of(updates.get()));
                    BatchKeys.requireDistinct(planned.get());
                } catch (RuntimeException refused) {
                    return Future.failedFuture(refused);
                }
                int stale = firstStale(updates.get(), revision, versions);
                // a taken key before the stale host would be the batch's answer: only the updates can tell
                if (stale >= 0 && updates.get().subList(0, stale).stream().allMatch(update -> update.uniqueKeys() == null)) {
                    return Future.succeededFuture(new HostsWriteResult.Stale());
                }
                return writeLocked(connection, updates.get());
            });
        }, result -> result instanceof HostsWriteResult.AllWritten);
    }

    /**
     * The host locks of a locked write, in the order sent: one statement per run of hosts, in id order,
     * locked alike, {@link #LOCK_HOSTS} for those named to be written, {@link #SHARE_HOSTS} for those only
     * read (a host named both ways is written). Pipelined on the transaction's connection, PostgreSQL runs
     * them one after the other, so the rows are locked in id order overall, in the same round trip. A
     * batch, which reads no host only, sends one statement, as it always has; a clone two at most.
     *
     * <p>Why no two host writes can wait for each other's host rows in a circle, now that a transaction
     * holds rows in two modes. Every host write takes the model row {@code FOR SHARE} before any host row, and host
     * writes never wait for each other there (a model change locks that table first, and holds no host
     * row while it waits for the writes in flight: {@link ModelRevision}). Then each takes its host rows in
     * ascending id, each row once and in the mode it keeps to the end: a clone's first write its source
     * {@code FOR SHARE} and its destination by the update, in id order ({@link HostUpdateStatements}); a
     * batch its hosts {@code FOR NO KEY UPDATE}; a clone planned under its locks its destination
     * {@code FOR NO KEY UPDATE} and its source {@code FOR SHARE}, here, and its update later takes each in
     * the mode it already holds. A transaction that waits for a row therefore holds only rows of lower
     * ids, and none waits for a row it holds, so no circle can close. What would close one is a row taken
     * shared here and written later, a lock made stronger: two clones holding one source shared would each
     * wait for the other's share to end. So an update that writes a host held shared makes the write stale
     * before any update is sent.
     */
    private static List<HostLocks> locksInIdOrder(Collection<HostId> written, Collection<HostId> readOnly) {
        Set<Long> writes = new HashSet<>();
        written.forEach(id -> writes.add(id.value()));
        List<Long> all = new ArrayList<>(writes);
        readOnly.forEach(id -> all.add(id.value()));
        List<Long> inOrder = all.stream().distinct().sorted().toList();
        List<HostLocks> locks = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= inOrder.size(); i++) {
            if (i == inOrder.size() || writes.contains(inOrder.get(i)) != writes.contains(inOrder.get(start))) {
                boolean shared = !writes.contains(inOrder.get(start));
                locks.add(new HostLocks(shared, inOrder.subList(start, i).toArray(Long[]::new)));
                start = i;
            }
        }
        return locks.isEmpty() ? List.of(new HostLocks(false, new Long[0])) : locks;
    }

    /** One statement of {@link #locksInIdOrder}: hosts locked shared ({@link #SHARE_HOSTS}) or not ({@link #LOCK_HOSTS}). */
    private record HostLocks(boolean shared, Long[] ids) {

        String statement() {
            return shared ? SHARE_HOSTS : LOCK_HOSTS;
        }
    }

    /**
     * The index of the first update, in input order, that would find its host moved (0 when the model
     * moved: it is checked before any host), or -1. Each host starts at its locked version, and each
     * update raises it by one, as the updates themselves will: a host may come twice in a batch.
     */
    private static int firstStale(List<HostUpdate> updates, long revision, Map<HostId, Long> lockedVersions) {
        if (updates.stream().anyMatch(update -> update.modelRevision() != revision)) {
            return 0;
        }
        Map<HostId, Long> versions = new HashMap<>(lockedVersions);
        for (int i = 0; i < updates.size(); i++) {
            HostUpdate update = updates.get(i);
            if (!Long.valueOf(update.expectedVersion()).equals(versions.get(update.host()))) {
                return i;
            }
            versions.put(update.host(), update.expectedVersion() + 1);
        }
        return -1;
    }

    /** Every update of the batch, pipelined on the connection holding its locks; then the moved hosts' inner IPs. */
    private static Future<HostsWriteResult> writeLocked(SqlConnection connection, List<HostUpdate> updates) {
        List<Future<RowSet<Row>>> writes = new ArrayList<>(updates.size());
        updates.forEach(update -> writes.add(connection.preparedQuery(HostUpdateStatements.statementFor(update))
                .execute(HostUpdateStatements.parameters(update))));
        return Future.join(writes).transform(done -> {
            List<Long> auditIds = new ArrayList<>(updates.size());
            Map<HostId, Host> moved = new LinkedHashMap<>();
            for (int i = 0; i < updates.size(); i++) {
                Future<RowSet<Row>> statement = writes.get(i);
                if (statement.failed()) {
                    return Future.failedFuture(statement.cause());
                }
                if (!(HostUpdateStatements.written(statement.result()) instanceof HostWriteResult.Written written)) {
                    return Future.succeededFuture(new HostsWriteResult.Stale());
                }
                auditIds.add(written.auditId());
                if (HostUpdateStatements.movesInnerIps(updates.get(i))) {
                    moved.put(updates.get(i).host(), after(updates.get(i).host(), statement.result()));
                }
            }
            HostsWriteResult result = new HostsWriteResult.AllWritten(auditIds);
            return moved.isEmpty() ? Future.succeededFuture(result)
                    : reindexInnerIps(connection, moved.values()).map(result);
        });
    }

    /**
     * The batch of new hosts behind the model lock; when the revision moved, the inserts (already
     * sent) roll back and the batch is stale, even if one of them collided.
     */
    private Future<HostsWriteResult> insert(long modelRevision, List<HostCreation> creations) {
        List<Tuple> hosts = new ArrayList<>(creations.size());
        List<Tuple> ips = new ArrayList<>();
        List<Tuple> audits = new ArrayList<>(creations.size());
        for (HostCreation creation : creations) {
            Host host = creation.host();
            hosts.add(Tuple.of(host.id().value(), host.business().value(), host.version(), JsonText.write(host.document())));
            ips.addAll(innerIpRows(host));
            audits.add(AuditRows.addTo(Tuple.tuple(), creation.audit()));
        }
        List<Tuple> keys = creations.stream()
                .flatMap(creation -> creation.uniqueKeys().stream().map(key -> Map.entry(key, creation.host().id().value())))
                .sorted(Map.Entry.comparingByKey(KeyClaims.ORDER))
                .map(claim -> Tuple.of(claim.getKey().ruleId(), claim.getKey().text(), claim.getValue()))
                .toList();
        return Transactions.run(pool, connection -> {
            Future<RowSet<Row>> model = connection.preparedQuery(ModelRevision.SHARE).execute();
            List<Future<?>> statements = new ArrayList<>(5);
            statements.add(model);
            statements.add(connection.preparedQuery(INSERT_HOST).executeBatch(hosts));
            if (!ips.isEmpty()) {
                statements.add(connection.preparedQuery(INSERT_INNER_IP).executeBatch(ips));
            }
            if (!keys.isEmpty()) {
                statements.add(connection.preparedQuery(INSERT_KEY).executeBatch(keys));
            }
            Future<RowSet<Row>> audited = connection.preparedQuery(INSERT_AUDIT).executeBatch(audits);
            statements.add(audited);
            return Future.join(statements).transform(done -> {
                if (model.succeeded() && ModelRevision.revision(model.result()) != modelRevision) {
                    // as a host read would: the caller reads no host before planning its retry, only the model
                    modelRevisionSeen.accept(ModelRevision.revision(model.result()));
                    return Future.succeededFuture(new HostsWriteResult.Stale());
                }
                return Transactions.firstFailure(statements)
                        .map(ok -> (HostsWriteResult) new HostsWriteResult.AllWritten(ids(audited.result())));
            });
        }, result -> result instanceof HostsWriteResult.AllWritten);
    }

    /** Replaces the inner-IP rows of hosts whose addresses or cloud area a write changed. */
    private static Future<Void> reindexInnerIps(SqlConnection connection, Collection<Host> after) {
        List<Tuple> cleared = after.stream().map(host -> Tuple.of(host.id().value())).toList();
        List<Tuple> ips = after.stream().flatMap(host -> innerIpRows(host).stream()).toList();
        Future<?> deleted = connection.preparedQuery(DELETE_INNER_IPS).executeBatch(cleared);
        Future<?> indexed = ips.isEmpty() ? Future.succeededFuture() : connection.preparedQuery(INSERT_INNER_IP).executeBatch(ips);
        return Transactions.allInOrder(List.of(deleted, indexed));
    }

    /**
     * A write PostgreSQL rolled back so that another could go on: two writes claiming the same unique keys
     * in opposite orders deadlock (40P01; the keys of a host, or of a batch's hosts, are claimed in the
     * order they come), and a database whose default isolation is serializable fails one of two
     * overlapping writes (40001). Nothing of it was written, and the caller reads again and plans anew
     * as after any stale write: it then finds the key taken (1199014) or free. Each is counted, since the
     * retry hides it from the caller.
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

    /** One row per distinct inner address (v4 and v6) in the host's cloud area, as {@link Host} reads them. */
    private static List<Tuple> innerIpRows(Host host) {
        Set<String> ips = new LinkedHashSet<>(host.innerIps());
        ips.addAll(host.innerIpsV6());
        long cloud = host.cloud().value();
        return ips.stream().map(ip -> Tuple.of(cloud, ip, host.id().value())).toList();
    }

    /** The host as a statement of the returning-doc kind left it. */
    private static Host after(HostId id, RowSet<Row> rows) {
        Row row = rows.iterator().next();
        return new Host(id, BusinessId.of(row.getLong("bk_biz_id")), row.getLong("version"), JsonText.readHostDocument(row.getString("doc")));
    }

    /** The ids an INSERT ... RETURNING id sent as a batch returned, in batch order. */
    private static List<Long> ids(RowSet<Row> batch) {
        List<Long> ids = new ArrayList<>();
        for (RowSet<Row> rows = batch; rows != null; rows = rows.next()) {
            rows.forEach(row -> ids.add(row.getLong("id")));
        }
        return ids;
    }

    /** The hosts of a host query's rows; a row without a host (see {@link #withModelRevision}) is skipped. */
    static List<Host> hosts(RowSet<Row> rows) {
        List<Host> hosts = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Long id = row.getLong("bk_host_id");
            if (id != null) {
                hosts.add(new Host(HostId.of(id), BusinessId.of(row.getLong("bk_biz_id")), row.getLong("version"),
                        JsonText.readHostDocument(row.getString("doc"))));
            }
        }
        return hosts;
    }

    private static <T> CompletionStage<T> stage(String operation, Future<T> future) {
        return future.recover(failure -> Future.failedFuture(PostgresStoreException.wrap(operation, failure)))
                .toCompletionStage();
    }
}
