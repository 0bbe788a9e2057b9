package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.auth.CommonParameters;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.host.HostFields;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneOffsetTransition;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/**
 * An audit record in BlueKing's shape (API.md §7), the one encoding of list_operation_audit (the
 * summary: {@code operation_detail} null) and find_audit_by_id (the full record).
 * {@code operation_time} is {@code YYYY-MM-DD HH:MM:SS} in the server's time zone ({@code HttpSettings.timeZone},
 * UTC unless configured), as BlueKing shows its server's; list_operation_audit reads its time range in the same zone,
 * each bound as far as the records it shows reach.
 * {@code extend_resource_name} is the host's inner IPv6, as BlueKing fills it.
 */
final class AuditRecordJson {

    /**
     * How {@code operation_time} is written, and read in list_operation_audit's time range: the year in four digits,
     * as BlueKing's Go layout {@code 2006-01-02 15:04:05} reads it. Until 2026-12-06 {@code uuuu} read a signed year
     * of more digits too, and a bound of {@code +294277-01-05}, past the last time PostgreSQL holds but short of the
     * one where its client clamps a time to infinity, was a 500 there (SQLSTATE 22008) and a page on memory.
     */
    private static final DateTimeFormatter OPERATION_TIME = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR, 4)
            .appendPattern("-MM-dd HH:mm:ss")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId zone;
    private final DateTimeFormatter operationTime;

    /** Operation times in {@code zone}. */
    AuditRecordJson(ZoneId zone) {
        this.zone = zone;
        this.operationTime = OPERATION_TIME.withZone(zone);
    }

    /**
     * The first instant a record may have been written at to show this operation time or a later one. Where the zone's
     * clock goes back, the time is shown twice, and this is its first pass; where it skips the time, the change.
     *
     * @throws DateTimeParseException when it is not an operation time as written
     */
    Instant startOf(String text) {
        return firstShowing(LocalDateTime.from(OPERATION_TIME.parse(text)), false);
    }

    /**
     * The last instant a record may have been written at to show this operation time or an earlier one: through the
     * whole second, as records are shown to the second and kept finer. Where the zone's clock goes back, the time is
     * shown twice, and this is through its second pass; where it skips the time, up to the change.
     *
     * @throws DateTimeParseException when it is not an operation time as written
     */
    Instant endOf(String text) {
        return firstShowing(LocalDateTime.from(OPERATION_TIME.parse(text)).plusSeconds(1), true).minusNanos(1);
    }

    /**
     * The first instant the zone's clock shows {@code local} at: where it skips that time, the change; where it shows
     * it twice, the first pass, or the second if {@code secondPass}.
     */
    private Instant firstShowing(LocalDateTime local, boolean secondPass) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        ZonedDateTime shown = ZonedDateTime.ofLocal(local, zone, null);
        return (secondPass ? shown.withLaterOffsetAtOverlap() : shown.withEarlierOffsetAtOverlap()).toInstant();
    }

    /** The record without its details, as list_operation_audit answers it. */
    ObjectNode summary(AuditRecord record) {
        ObjectNode data = common(record);
        data.putNull("operation_detail");
        return data;
    }

    /** The record with {@code operation_detail}, as find_audit_by_id answers it. */
    ObjectNode full(AuditRecord record) {
        ObjectNode data = common(record);
        ObjectNode detail = data.putObject("operation_detail");
        detail.put(HostObject.FIELD, HostObject.HOST);
        ObjectNode details = detail.putObject("details");
        details.set("pre_data", Json.MAPPER.valueToTree(record.preData()));
        details.set("cur_data", Json.MAPPER.valueToTree(record.curData()));
        details.set("update_fields", Json.MAPPER.valueToTree(record.updateFields()));
        return data;
    }

    private ObjectNode common(AuditRecord record) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("id", record.id());
        data.put("audit_type", record.auditType());
        data.put(CommonParameters.SUPPLIER_ACCOUNT, CommonParameters.DEFAULT_SUPPLIER_ACCOUNT);
        data.put("user", record.user());
        data.put("resource_type", record.resourceType());
        data.put("action", record.action().wireName());
        data.put("operate_from", record.operateFrom());
        data.put("operation_time", operationTime.format(record.operationTime()));
        data.put("bk_biz_id", record.business() == null ? 0 : record.business().value());
        data.put("resource_id", record.resourceId());
        data.put("resource_name", record.resourceName());
        data.put("extend_resource_name", innerIpV6(record));
        data.put("code", record.appCode());
        data.put("rid", record.requestId());
        return data;
    }

    private static String innerIpV6(AuditRecord record) {
        Map<String, Object> host = record.curData() != null ? record.curData() : record.preData();
        Object ips = host == null ? null : host.get(HostFields.INNER_IP_V6);
        return ips == null ? "" : ips.toString();
    }
}
