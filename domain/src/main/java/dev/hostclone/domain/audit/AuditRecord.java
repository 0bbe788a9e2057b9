package dev.hostclone.domain.audit;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.Documents;
import dev.hostclone.domain.host.Host;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One audit record (API.md §7). {@code id} is 0 until the store assigns one; it is written in the
 * same transaction as the change it describes.
 */
public record AuditRecord(
        long id,
        String auditType,
        String resourceType,
        AuditAction action,
        BusinessId business,
        long resourceId,
        String resourceName,
        String user,
        String appCode,
        String requestId,
        String operateFrom,
        Instant operationTime,
        Map<String, Object> preData,
        Map<String, Object> curData,
        Map<String, Object> updateFields) {

    public static final String HOST = "host";
    public static final String FROM_USER = "user";

    public AuditRecord {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(operationTime, "operationTime");
        preData = frozen(preData);
        curData = frozen(curData);
        updateFields = frozen(updateFields);
    }

    /** A host was written: {@code pre_data} is its state before, {@code update_fields} what changed. */
    public static AuditRecord hostUpdate(Actor actor, BusinessId business, Host before,
                                         Map<String, Object> updateFields, Instant when) {
        return new AuditRecord(0, HOST, HOST, AuditAction.UPDATE, business, before.id().value(),
                before.resourceName(), actor.user(), actor.appCode(), actor.requestId(), FROM_USER, when,
                before.document(), null, updateFields);
    }

    /** A host was created: {@code cur_data} is the new host. */
    public static AuditRecord hostCreate(Actor actor, Host created, Instant when) {
        return new AuditRecord(0, HOST, HOST, AuditAction.CREATE, created.business(), created.id().value(),
                created.resourceName(), actor.user(), actor.appCode(), actor.requestId(), FROM_USER, when,
                null, created.document(), null);
    }

    public AuditRecord withId(long newId) {
        return new AuditRecord(newId, auditType, resourceType, action, business, resourceId, resourceName, user,
                appCode, requestId, operateFrom, operationTime, preData, curData, updateFields);
    }

    private static Map<String, Object> frozen(Map<String, Object> data) {
        return data == null ? null : Documents.frozen(data);
    }
}
