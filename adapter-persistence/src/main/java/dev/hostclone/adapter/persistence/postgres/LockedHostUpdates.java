package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.HostModel;
import io.vertx.core.Future;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Host updates planned on the hosts as a transaction locked them ({@link PostgresHosts#updateHosts}): the
 * locks in id order, the plan, the check, then the updates; and why two such writes cannot deadlock.
 */
final class LockedHostUpdates {

    /**
     * A batch locks its hosts in id order before writing any, so two batches cannot deadlock; the hosts
     * it returns, which the batch is planned on, cannot move until the batch ends.
     */
    static final String LOCK_HOSTS = "SELECT " + HostRows.READ_COLUMNS + " FROM host WHERE bk_host_id = ANY($1::bigint[])"
            + " ORDER BY bk_host_id FOR NO KEY UPDATE";
    /**
     * Hosts a locked write only reads (a clone's source), held as {@link #LOCK_HOSTS} holds the others but
     * shared: no write of them passes, while clones from the same source, which take it {@code FOR SHARE}
     * too, go on. See {@link #locksInIdOrder} for why the two kinds in one transaction cannot deadlock.
     */
    static final String SHARE_HOSTS = "SELECT " + HostRows.READ_COLUMNS + " FROM host WHERE bk_host_id = ANY($1::bigint[])"
            + " ORDER BY bk_host_id FOR SHARE";

    private final TimedPool pool;
    private final PostgresHostModel model;

    /** {@code model} hears the model's revision as the locks found it, and gives the model at that revision. */
    LockedHostUpdates(TimedPool pool, PostgresHostModel model) {
        this.pool = pool;
        this.model = model;
    }

    /**
     * The batch: the model lock and the host locks in id order, pipelined, the locks reading the hosts and
     * the model's revision; the model at that revision (one more round trip when the cached copy is older,
     * {@link PostgresHostModel#heldAt}); then the plan on both, and each update it makes as
     * {@link PostgresHosts#updateHost} would send it, pipelined,
     * unless the locks already show the batch stale. Checking before writing keeps a stale batch from
     * inserting rows it would roll back: in a soak with hot hosts 1.2 % of transactions rolled back, and
     * their dead audit rows made every vacuum of the audit table scan its indexes. The updates stay
     * conditional, and decide whenever the check alone cannot: the first in input order that found its
     * host moved makes the batch stale, the first that failed (a taken key) fails it; either way it rolls
     * back. The plan's claims and what it threw go to {@code planned}.
     */
    Future<HostsWriteResult> write(Collection<HostId> ids, Collection<HostId> readOnly,
                                   BiFunction<HostModel, List<Host>, Optional<List<HostUpdate>>> plan,
                                   PlannedWrite planned) {
        List<HostLocks> locks = locksInIdOrder(ids, readOnly);
        return Transactions.run(pool, connection -> {
            Future<RowSet<Row>> modelLock = connection.preparedQuery(ModelRevision.SHARE).execute();
            List<Future<RowSet<Row>>> locked = new ArrayList<>(locks.size());
            locks.forEach(lock -> locked.add(connection.preparedQuery(lock.statement()).execute(Tuple.tuple().addArrayOfLong(lock.ids()))));
            List<Future<RowSet<Row>>> statements = new ArrayList<>(locked.size() + 1);
            statements.add(modelLock);
            statements.addAll(locked);
            return Future.join(statements).transform(done -> {
                if (statements.stream().anyMatch(Future::failed)) {
                    return Transactions.<HostsWriteResult>firstFailure(statements);
                }
                return model.heldAt(modelLock.result(), connection).compose(heldModel ->
                        planAndWrite(connection, heldModel, locks, locked, plan, planned));
            });
        }, result -> result instanceof HostsWriteResult.AllWritten);
    }

    /** {@link #write} once the locks are held and the model at their revision is at hand. */
    private static Future<HostsWriteResult> planAndWrite(SqlConnection connection, HostModel heldModel, List<HostLocks> locks,
                                                         List<Future<RowSet<Row>>> locked,
                                                         BiFunction<HostModel, List<Host>, Optional<List<HostUpdate>>> plan,
                                                         PlannedWrite planned) {
        long revision = heldModel.revision();
        Map<HostId, Long> versions = new HashMap<>();
        Set<HostId> writable = new HashSet<>();
        Set<HostId> readable = new HashSet<>();
        List<Host> lockedHosts = new ArrayList<>();
        for (int i = 0; i < locks.size(); i++) {
            for (Host host : HostRows.hosts(locked.get(i).result())) {
                lockedHosts.add(host);
                versions.put(host.id(), host.version());
                (locks.get(i).shared() ? readable : writable).add(host.id());
            }
        }
        return planned.plan(() -> plan.apply(heldModel, Collections.unmodifiableList(lockedHosts))).compose(updates -> {
            // an update of a host not locked here, or copying from one, would lock it outside the batch's id
            // order; and one of a host held shared would lock it again, exclusively (see locksInIdOrder)
            if (updates.isEmpty() || !updates.get().stream().allMatch(update -> update.locksOnly(writable, readable))) {
                return Future.succeededFuture(new HostsWriteResult.Stale());
            }
            return planned.claim(() -> KeyClaims.of(updates.get())).compose(distinct -> {
                int stale = firstStale(updates.get(), revision, versions);
                // a taken key before the stale host would be the batch's answer: only the updates can tell
                if (stale >= 0 && updates.get().subList(0, stale).stream().allMatch(update -> update.uniqueKeys() == null)) {
                    return Future.succeededFuture(new HostsWriteResult.Stale());
                }
                return writeLocked(connection, updates.get());
            });
        });
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
                    moved.put(updates.get(i).host(), HostRows.after(updates.get(i).host(), statement.result()));
                }
            }
            HostsWriteResult result = new HostsWriteResult.AllWritten(auditIds);
            return moved.isEmpty() ? Future.succeededFuture(result)
                    : HostRows.reindexInnerIps(connection, moved.values()).map(result);
        });
    }
}
