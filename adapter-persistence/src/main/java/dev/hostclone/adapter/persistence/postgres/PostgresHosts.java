package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.LoadAuditTrailPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.host.IpAddress;
import dev.hostclone.domain.model.UniqueKey;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Hosts, their inner-IP index, their unique keys and their audit records in PostgreSQL.
 *
 * <p>A host write is one statement whenever its inner addresses and cloud area stay put (every
 * clone, every batch update): a CTE chain that updates the host only if it is still at the expected
 * version, moves its unique keys when they change, and inserts the audit record only if the update
 * happened. One statement is atomic on its own, so that is one round trip and no explicit
 * transaction. Unique keys live in {@code host_unique_key}, whose primary key refuses a second owner
 * at commit time, however the writes interleave.
 */
final class PostgresHosts implements LoadHostsPort, UpdateHostPort, CreateHostsPort, AllocateHostIdsPort,
        LoadAuditTrailPort {

    private static final String HOST_COLUMNS = "bk_host_id, bk_biz_id, version, doc";
    private static final String KEY_CONSTRAINT = "host_unique_key_pkey";
    /** How often a write whose collision vanished before it could be named is tried again. */
    private static final int MAX_ATTEMPTS = 3;

    static final String LOAD_BY_IDS = "SELECT " + HOST_COLUMNS + " FROM host WHERE bk_host_id = ANY($1::bigint[])";
    static final String FIND_BY_INNER_IP = "SELECT " + HOST_COLUMNS + " FROM host WHERE bk_host_id IN"
            + " (SELECT bk_host_id FROM host_inner_ip WHERE bk_cloud_id = $1 AND ip = ANY($2::text[]))"
            + " ORDER BY bk_host_id";
    private static final String ALLOCATE_IDS =
            "SELECT nextval('host_id_seq') AS id FROM generate_series(1, $1::int) ORDER BY 1";
    private static final String LOAD_AUDIT_TRAIL = "SELECT " + AuditRows.SELECT_COLUMNS
            + " FROM audit_record WHERE resource_type = $1 AND resource_id = $2 ORDER BY id";
    private static final String KEY_OWNERS = "SELECT o.key_text, o.bk_host_id FROM host_unique_key o"
            + " JOIN unnest($1::bigint[], $2::text[]) AS k(rule_id, key_text)"
            + " ON o.rule_id = k.rule_id AND o.key_hash = sha256(convert_to(k.key_text, 'UTF8'))";

    private static final String INSERT_HOST = "INSERT INTO host (" + HOST_COLUMNS + ") VALUES ($1, $2, $3, $4::text::jsonb)";
    private static final String INSERT_INNER_IP = "INSERT INTO host_inner_ip (bk_cloud_id, ip, bk_host_id) VALUES ($1, $2, $3)";
    private static final String DELETE_INNER_IPS = "DELETE FROM host_inner_ip WHERE bk_host_id = $1";
    private static final String INSERT_KEY = "INSERT INTO host_unique_key (rule_id, key_hash, key_text, bk_host_id)"
            + " VALUES ($1, sha256(convert_to($2::text, 'UTF8')), $2, $3)";
    private static final String INSERT_AUDIT = "INSERT INTO audit_record (" + AuditRows.COLUMNS + ") VALUES ("
            + AuditRows.placeholders(1) + ")";

    /** Parameters $1..$3 of every update statement; the audit record follows, then the keys. */
    private static final int AUDIT_FIRST = 4;
    private static final int KEYS_FIRST = AUDIT_FIRST + AuditRows.PARAMETERS;

    static final String UPDATE = updateStatement(false, false);
    private static final String UPDATE_WITH_KEYS = updateStatement(true, false);
    private static final String UPDATE_RETURNING_DOC = updateStatement(false, true);
    private static final String UPDATE_WITH_KEYS_RETURNING_DOC = updateStatement(true, true);

    private final Pool pool;

    PostgresHosts(Pool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<List<Host>> loadHosts(Collection<HostId> ids) {
        Long[] values = ids.stream().distinct().map(HostId::value).toArray(Long[]::new);
        return stage("load hosts", pool.preparedQuery(LOAD_BY_IDS).execute(Tuple.tuple().addArrayOfLong(values)).map(PostgresHosts::hosts));
    }

    @Override
    public CompletionStage<List<Host>> findHostsByInnerIp(CloudAreaId cloud, Collection<IpAddress> ips) {
        String[] texts = ips.stream().map(IpAddress::text).distinct().toArray(String[]::new);
        return stage("find hosts by inner IP",
                pool.preparedQuery(FIND_BY_INNER_IP).execute(Tuple.tuple().addLong(cloud.value()).addArrayOfString(texts)).map(PostgresHosts::hosts));
    }

    @Override
    public CompletionStage<HostWriteResult> updateHost(HostUpdate update) {
        return stage("update a host", withCollisionsNamed(() -> write(update),
                update.uniqueKeys() == null ? List.of() : List.of(new Claim(update.host(), update.uniqueKeys())), 1));
    }

    @Override
    public CompletionStage<Void> createHosts(List<HostCreation> creations) {
        if (creations.isEmpty()) {
            return Future.<Void>succeededFuture().toCompletionStage();
        }
        Map<String, HostId> claimed = new HashMap<>();
        for (HostCreation creation : creations) {
            for (UniqueKey key : creation.uniqueKeys()) {
                // two hosts of one batch would collide with each other: refuse before any statement
                if (claimed.putIfAbsent(key.text(), creation.host().id()) != null) {
                    return Future.<Void>failedFuture(RejectedException.because(
                            new Failure.Duplicated(key.fields(), key.values()))).toCompletionStage();
                }
            }
        }
        List<Claim> claims = creations.stream()
                .map(creation -> new Claim(creation.host().id(), creation.uniqueKeys()))
                .toList();
        return stage("create hosts", withCollisionsNamed(() -> insert(creations), claims, 1));
    }

    @Override
    public CompletionStage<List<HostId>> allocateHostIds(int count) {
        if (count <= 0) {
            return Future.succeededFuture(List.<HostId>of()).toCompletionStage();
        }
        return stage("allocate host ids", pool.preparedQuery(ALLOCATE_IDS).execute(Tuple.of(count)).map(rows -> {
            List<HostId> ids = new ArrayList<>(rows.size());
            rows.forEach(row -> ids.add(HostId.of(row.getLong("id"))));
            return ids;
        }));
    }

    @Override
    public CompletionStage<List<AuditRecord>> loadAuditTrail(String resourceType, long resourceId) {
        return stage("load an audit trail", pool.preparedQuery(LOAD_AUDIT_TRAIL)
                .execute(Tuple.of(resourceType, resourceId))
                .map(rows -> {
                    List<AuditRecord> records = new ArrayList<>(rows.size());
                    rows.forEach(row -> records.add(AuditRows.read(row)));
                    return records;
                }));
    }

    /** One statement, or a transaction of three round trips when the inner-IP index must follow. */
    private Future<HostWriteResult> write(HostUpdate update) {
        boolean withKeys = update.uniqueKeys() != null;
        Tuple parameters = updateParameters(update);
        if (!movesInnerIps(update)) {
            return pool.preparedQuery(withKeys ? UPDATE_WITH_KEYS : UPDATE).execute(parameters).map(PostgresHosts::written);
        }
        String statement = withKeys ? UPDATE_WITH_KEYS_RETURNING_DOC : UPDATE_RETURNING_DOC;
        return Transactions.run(pool, connection -> connection.preparedQuery(statement).execute(parameters)
                .compose(rows -> {
                    HostWriteResult result = written(rows);
                    if (!(result instanceof HostWriteResult.Written)) {
                        return Future.succeededFuture(result);
                    }
                    Row row = rows.iterator().next();
                    Host after = new Host(update.host(), BusinessId.of(row.getLong("bk_biz_id")),
                            row.getLong("version"), JsonText.readObject(row.getValue("doc")));
                    Future<?> cleared = connection.preparedQuery(DELETE_INNER_IPS).execute(Tuple.of(update.host().value()));
                    List<Tuple> ips = innerIpRows(after);
                    Future<?> indexed = ips.isEmpty() ? Future.succeededFuture()
                            : connection.preparedQuery(INSERT_INNER_IP).executeBatch(ips);
                    return Transactions.allInOrder(List.of(cleared, indexed)).map(result);
                }), result -> result instanceof HostWriteResult.Written);
    }

    /** Every statement of the batch pipelined behind BEGIN in one flight, then COMMIT: two round trips. */
    private Future<Void> insert(List<HostCreation> creations) {
        List<Tuple> hosts = new ArrayList<>(creations.size());
        List<Tuple> ips = new ArrayList<>();
        List<Tuple> keys = new ArrayList<>();
        List<Tuple> audits = new ArrayList<>(creations.size());
        for (HostCreation creation : creations) {
            Host host = creation.host();
            hosts.add(Tuple.of(host.id().value(), host.business().value(), host.version(), JsonText.write(host.document())));
            ips.addAll(innerIpRows(host));
            creation.uniqueKeys().forEach(key -> keys.add(Tuple.of(key.ruleId(), key.text(), host.id().value())));
            audits.add(AuditRows.addTo(Tuple.tuple(), creation.audit()));
        }
        return Transactions.run(pool, connection -> {
            List<Future<?>> statements = new ArrayList<>(4);
            statements.add(connection.preparedQuery(INSERT_HOST).executeBatch(hosts));
            if (!ips.isEmpty()) {
                statements.add(connection.preparedQuery(INSERT_INNER_IP).executeBatch(ips));
            }
            if (!keys.isEmpty()) {
                statements.add(connection.preparedQuery(INSERT_KEY).executeBatch(keys));
            }
            statements.add(connection.preparedQuery(INSERT_AUDIT).executeBatch(audits));
            return Transactions.allInOrder(statements);
        }, done -> true);
    }

    /**
     * Runs a write; when the key table refuses it, names the colliding key as the memory store
     * would (the first claimed key another host owns). If that owner has let go meanwhile, the
     * write, which changed nothing, is simply tried again.
     */
    private <T> Future<T> withCollisionsNamed(Supplier<Future<T>> write, List<Claim> claims, int attempt) {
        return write.get().recover(failure -> {
            if (!isKeyCollision(failure)) {
                return Future.failedFuture(failure);
            }
            return ownersOf(claims).compose(owners -> {
                for (Claim claim : claims) {
                    for (UniqueKey key : claim.keys()) {
                        Long owner = owners.get(key.text());
                        if (owner != null && owner != claim.host().value()) {
                            return Future.failedFuture(RejectedException.because(
                                    new Failure.Duplicated(key.fields(), key.values())));
                        }
                    }
                }
                if (attempt >= MAX_ATTEMPTS) {
                    return Future.failedFuture(failure);
                }
                return withCollisionsNamed(write, claims, attempt + 1);
            });
        });
    }

    private Future<Map<String, Long>> ownersOf(List<Claim> claims) {
        List<Long> rules = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        claims.forEach(claim -> claim.keys().forEach(key -> {
            rules.add(key.ruleId());
            texts.add(key.text());
        }));
        return pool.preparedQuery(KEY_OWNERS)
                .execute(Tuple.tuple().addArrayOfLong(rules.toArray(Long[]::new)).addArrayOfString(texts.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> owners = new HashMap<>();
                    rows.forEach(row -> owners.put(row.getString("key_text"), row.getLong("bk_host_id")));
                    return owners;
                });
    }

    private static boolean isKeyCollision(Throwable failure) {
        return failure instanceof PgException pg && "23505".equals(pg.getSqlState())
                && KEY_CONSTRAINT.equals(pg.getConstraint());
    }

    private static boolean movesInnerIps(HostUpdate update) {
        return update.changes().containsKey(HostFields.INNER_IP) || update.changes().containsKey(HostFields.INNER_IP_V6)
                || update.changes().containsKey(HostFields.CLOUD_ID);
    }

    /** One row per distinct inner address (v4 and v6) in the host's cloud area, as {@link Host} reads them. */
    private static List<Tuple> innerIpRows(Host host) {
        Set<String> ips = new LinkedHashSet<>(host.innerIps());
        ips.addAll(host.innerIpsV6());
        long cloud = host.cloud().value();
        return ips.stream().map(ip -> Tuple.of(cloud, ip, host.id().value())).toList();
    }

    private static Tuple updateParameters(HostUpdate update) {
        Tuple tuple = Tuple.tuple()
                .addLong(update.host().value())
                .addLong(update.expectedVersion())
                .addString(JsonText.write(update.changes()));
        AuditRows.addTo(tuple, update.audit());
        if (update.uniqueKeys() != null) {
            tuple.addArrayOfLong(update.uniqueKeys().stream().map(UniqueKey::ruleId).toArray(Long[]::new));
            tuple.addArrayOfString(update.uniqueKeys().stream().map(UniqueKey::text).toArray(String[]::new));
        }
        return tuple;
    }

    private static HostWriteResult written(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return new HostWriteResult.Stale();
        }
        Row row = rows.iterator().next();
        return new HostWriteResult.Written(row.getLong("version"), row.getLong("audit_id"));
    }

    private static List<Host> hosts(RowSet<Row> rows) {
        List<Host> hosts = new ArrayList<>(rows.size());
        rows.forEach(row -> hosts.add(new Host(HostId.of(row.getLong("bk_host_id")), BusinessId.of(row.getLong("bk_biz_id")),
                row.getLong("version"), JsonText.readObject(row.getValue("doc")))));
        return hosts;
    }

    /**
     * The conditional write as one statement. {@code updated} is empty when the host moved on (or is
     * gone), and every later part joins on it, so then nothing at all is written. With keys, the
     * host's key rows become exactly the given set: rows it no longer holds are released and new
     * ones claimed (the two sets are disjoint, so the parts of the one statement never touch the
     * same row); a key another host owns fails the whole statement with 23505.
     */
    private static String updateStatement(boolean withKeys, boolean returningDoc) {
        StringBuilder sql = new StringBuilder()
                .append("WITH updated AS (UPDATE host SET doc = doc || $3::text::jsonb, version = version + 1")
                .append(" WHERE bk_host_id = $1 AND version = $2 RETURNING bk_host_id, bk_biz_id, version, doc)");
        if (withKeys) {
            int rules = KEYS_FIRST;
            int texts = KEYS_FIRST + 1;
            sql.append(", wanted_keys AS (SELECT k.rule_id, k.key_text, sha256(convert_to(k.key_text, 'UTF8')) AS key_hash")
                    .append(" FROM unnest($").append(rules).append("::bigint[], $").append(texts)
                    .append("::text[]) AS k(rule_id, key_text))")
                    .append(", released_keys AS (DELETE FROM host_unique_key o USING updated u")
                    .append(" WHERE o.bk_host_id = u.bk_host_id AND NOT EXISTS (SELECT 1 FROM wanted_keys w")
                    .append(" WHERE w.rule_id = o.rule_id AND w.key_hash = o.key_hash))")
                    .append(", claimed_keys AS (INSERT INTO host_unique_key (rule_id, key_hash, key_text, bk_host_id)")
                    .append(" SELECT w.rule_id, w.key_hash, w.key_text, u.bk_host_id FROM wanted_keys w CROSS JOIN updated u")
                    .append(" WHERE NOT EXISTS (SELECT 1 FROM host_unique_key o WHERE o.rule_id = w.rule_id")
                    .append(" AND o.key_hash = w.key_hash AND o.bk_host_id = u.bk_host_id))");
        }
        sql.append(", audit AS (INSERT INTO audit_record (").append(AuditRows.COLUMNS).append(") SELECT ")
                .append(AuditRows.placeholders(AUDIT_FIRST)).append(" FROM updated RETURNING id)")
                .append(" SELECT u.version, a.id AS audit_id").append(returningDoc ? ", u.bk_biz_id, u.doc" : "")
                .append(" FROM updated u CROSS JOIN audit a");
        return sql.toString();
    }

    private static <T> CompletionStage<T> stage(String operation, Future<T> future) {
        return future.recover(failure -> Future.failedFuture(PostgresStoreException.wrap(operation, failure)))
                .toCompletionStage();
    }

    /** The keys one host claims in a write. */
    private record Claim(HostId host, Collection<UniqueKey> keys) {
    }
}
