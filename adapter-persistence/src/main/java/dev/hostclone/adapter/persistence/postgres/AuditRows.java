package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.BusinessId;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.Arrays;

/** How an audit record maps to the {@code audit_record} table: columns, typed placeholders, tuples, rows. */
final class AuditRows {

    /** The columns an INSERT fills, in tuple order; {@code id} comes from its sequence. */
    static final String COLUMNS = "audit_type, resource_type, action, bk_biz_id, resource_id, resource_name,"
            + " user_name, app_code, rid, operate_from, operation_time, pre_data, cur_data, update_fields";

    /** Every column, for reads. */
    static final String SELECT_COLUMNS = "id, " + COLUMNS;

    private static final String[] TYPES = {"text", "text", "text", "bigint", "bigint", "text", "text", "text",
        "text", "text", "timestamptz", "text::jsonb", "text::jsonb", "text::jsonb"};

    /** Parameters of a statement that reads {@code pre_data} from the row it replaces ({@link #addAllButPreDataTo}). */
    static final int PARAMETERS_BUT_PRE_DATA = TYPES.length - 1;
    /** Where {@code pre_data} sits in {@link #COLUMNS} and {@link #TYPES}. */
    private static final int PRE_DATA = 11;

    private AuditRows() {
    }

    /**
     * {@code $first::text, ...}: explicit casts, because in {@code INSERT ... SELECT $n FROM ...} the
     * server cannot infer a parameter's type from the target column.
     */
    static String placeholders(int first) {
        return placeholders(first, null);
    }

    /**
     * As {@link #placeholders(int)}, but {@code pre_data} is {@code preData}, an expression of the
     * statement, and takes no parameter: the tuple is {@link #addAllButPreDataTo}'s.
     */
    static String placeholders(int first, String preData) {
        StringBuilder out = new StringBuilder();
        int parameter = first;
        for (int i = 0; i < TYPES.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            if (i == PRE_DATA && preData != null) {
                out.append(preData);
            } else {
                out.append('$').append(parameter++).append("::").append(TYPES[i]);
            }
        }
        return out.toString();
    }

    static Tuple addTo(Tuple tuple, AuditRecord record) {
        return addAfterPreData(addUpToPreData(tuple, record).addString(JsonText.write(record.preData())), record);
    }

    /** {@link #addTo} without {@code pre_data}, for a statement that reads it from the row it replaces. */
    static Tuple addAllButPreDataTo(Tuple tuple, AuditRecord record) {
        return addAfterPreData(addUpToPreData(tuple, record), record);
    }

    private static Tuple addUpToPreData(Tuple tuple, AuditRecord record) {
        return tuple.addString(record.auditType())
                .addString(record.resourceType())
                .addString(record.action().wireName())
                .addLong(record.business() == null ? null : record.business().value())
                .addLong(record.resourceId())
                .addString(record.resourceName())
                .addString(record.user())
                .addString(record.appCode())
                .addString(record.requestId())
                .addString(record.operateFrom())
                .addOffsetDateTime(record.operationTime().atOffset(ZoneOffset.UTC));
    }

    private static Tuple addAfterPreData(Tuple tuple, AuditRecord record) {
        return tuple.addString(JsonText.write(record.curData()))
                .addString(JsonText.write(record.updateFields()));
    }

    static AuditRecord read(Row row) {
        Long business = row.getLong("bk_biz_id");
        String action = row.getString("action");
        return new AuditRecord(
                row.getLong("id"),
                row.getString("audit_type"),
                row.getString("resource_type"),
                Arrays.stream(AuditAction.values())
                        .filter(candidate -> candidate.wireName().equals(action))
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("unknown audit action in the store: " + action)),
                business == null ? null : BusinessId.of(business),
                row.getLong("resource_id"),
                row.getString("resource_name"),
                row.getString("user_name"),
                row.getString("app_code"),
                row.getString("rid"),
                row.getString("operate_from"),
                row.getOffsetDateTime("operation_time").toInstant(),
                JsonText.readObject(row.getValue("pre_data")),
                JsonText.readObject(row.getValue("cur_data")),
                JsonText.readObject(row.getValue("update_fields")));
    }
}
