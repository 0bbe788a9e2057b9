package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.application.port.out.LoadAuditTrailPort;
import dev.hostclone.application.port.out.LoadAuditsPort;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import io.vertx.core.Future;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Reading audit records in PostgreSQL (they are written with the host writes they describe, by
 * {@link PostgresHosts}). A search names only the filters that are set, so each combination gets a
 * plan that uses its index (V1 and V3: time, business and time, user and time, resource).
 */
final class PostgresAudit implements LoadAuditTrailPort, SearchAuditPort, LoadAuditsPort {

    private static final String LOAD_TRAIL = "SELECT " + AuditRows.SELECT_COLUMNS
            + " FROM audit_record WHERE resource_type = $1 AND resource_id = $2 ORDER BY id";
    private static final String LOAD_BY_IDS = "SELECT " + AuditRows.SELECT_COLUMNS
            + " FROM audit_record WHERE id = ANY($1::bigint[])";
    /** An order for each of {@link AuditQuery#SORTABLE}. */
    private static final Map<String, String> ORDERS = Map.of(
            AuditQuery.OPERATION_TIME, "operation_time",
            AuditQuery.ID, "id");

    private final TimedPool pool;

    PostgresAudit(TimedPool pool) {
        this.pool = pool;
    }

    @Override
    public CompletionStage<List<AuditRecord>> loadAuditTrail(String resourceType, long resourceId) {
        return pool.execute(LOAD_TRAIL, Tuple.of(resourceType, resourceId))
                .map(rows -> {
                    List<AuditRecord> records = new ArrayList<>(rows.size());
                    rows.forEach(row -> records.add(AuditRows.read(row)));
                    return records;
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("load an audit trail", failure)))
                .toCompletionStage();
    }

    /** One statement; the time range is inclusive at both ends, and either end may be open. */
    @Override
    public CompletionStage<Page<AuditRecord>> searchAudit(AuditQuery query) {
        List<String> filters = new ArrayList<>();
        Tuple parameters = Tuple.tuple();
        if (query.from() != null) {
            parameters.addOffsetDateTime(query.from().atOffset(ZoneOffset.UTC));
            filters.add("operation_time >= $" + parameters.size());
        }
        if (query.to() != null) {
            parameters.addOffsetDateTime(query.to().atOffset(ZoneOffset.UTC));
            filters.add("operation_time <= $" + parameters.size());
        }
        if (query.business() != null) {
            parameters.addLong(query.business().value());
            filters.add("bk_biz_id = $" + parameters.size());
        }
        if (query.resourceType() != null) {
            parameters.addString(query.resourceType());
            filters.add("resource_type = $" + parameters.size());
        }
        if (query.resourceId() != null) {
            parameters.addLong(query.resourceId());
            filters.add("resource_id = $" + parameters.size());
        }
        if (!query.actions().isEmpty()) {
            parameters.addArrayOfString(query.actions().stream().map(AuditAction::wireName).sorted().toArray(String[]::new));
            filters.add("action = ANY($" + parameters.size() + "::text[])");
        }
        if (query.user() != null) {
            parameters.addString(query.user());
            filters.add("user_name = $" + parameters.size());
        }
        if (query.auditTypes() != null) {
            parameters.addArrayOfString(query.auditTypes().stream().sorted().toArray(String[]::new));
            filters.add("audit_type = ANY($" + parameters.size() + "::text[])");
        }
        if (query.operateFrom() != null) {
            parameters.addString(query.operateFrom());
            filters.add("operate_from = $" + parameters.size());
        }
        if (query.resourceName() != null) {
            parameters.addString(query.resourceName());
            // strpos, not ILIKE: the name is a literal; lower() folds as TextFolding does under builtin C.UTF-8
            filters.add(query.resourceNameFuzzy()
                    ? "strpos(lower(resource_name), lower($" + parameters.size() + ")) > 0"
                    : "resource_name = $" + parameters.size());
        }
        return SearchSql.search(pool, "search audit records", "audit_record", "id", String.join(" AND ", filters),
                parameters, ORDERS, query.page(), AuditRows::read);
    }

    /** The records in the order asked, each once; ids no record has are skipped. */
    @Override
    public CompletionStage<List<AuditRecord>> loadAudits(Collection<Long> ids) {
        List<Long> wanted = ids.stream().filter(Objects::nonNull).distinct().toList();
        return pool.execute(LOAD_BY_IDS, Tuple.tuple().addArrayOfLong(wanted.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, AuditRecord> found = new HashMap<>();
                    rows.forEach(row -> found.put(row.getLong("id"), AuditRows.read(row)));
                    return wanted.stream().map(found::get).filter(Objects::nonNull).toList();
                })
                .recover(failure -> Future.failedFuture(PostgresStoreException.wrap("load audit records", failure)))
                .toCompletionStage();
    }
}
