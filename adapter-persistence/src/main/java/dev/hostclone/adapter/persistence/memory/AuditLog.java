package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.adapter.persistence.SortFields;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The memory store's audit records, ids 1, 2, 3… in order of writing. Records are immutable and their
 * data maps frozen documents ({@code Documents}), so each is kept as written: a host update's
 * {@code pre_data} and {@code cur_data} are the very documents of the host's versions before and
 * after, which the store holds anyway, and cost nothing more here. (Until 2026-11-29 the maps were
 * copies: fifty objects per write, then a flat array of keys and values, rebuilt when read.) Not
 * thread-safe: the store's lock guards it.
 */
final class AuditLog {

    private static final Map<String, Comparator<AuditRecord>> ORDERS = Map.of(
            SortFields.OPERATION_TIME, Comparator.comparing(AuditRecord::operationTime),
            SortFields.ID, Comparator.comparingLong(AuditRecord::id));

    private final List<AuditRecord> records = new ArrayList<>();
    /**
     * One instance of each user, app code and business the records name, in the store's table. Each
     * request brings its own copies, parsed from its header and body: kept per record they were about
     * 120 bytes of the 700 a clone added to the heap.
     */
    private final SharedValues shared;

    AuditLog(SharedValues shared) {
        this.shared = shared;
    }

    /** Stores {@code record} under the next id and returns that id. */
    long append(AuditRecord record) {
        return append(record, record.curData());
    }

    /**
     * As {@link #append(AuditRecord)}, keeping {@code curData}, a document equal to the record's, as
     * its {@code cur_data}: the very document the store holds for the host, rather than a copy of it.
     */
    long append(AuditRecord record, Map<String, Object> curData) {
        long id = records.size() + 1L;
        records.add(new AuditRecord(id, record.auditType(), record.resourceType(), record.action(),
                shared.instance(record.business()), record.resourceId(), record.resourceName(),
                shared.instance(record.user()), shared.instance(record.appCode()), record.requestId(),
                record.operateFrom(), record.operationTime(), record.preData(), curData, record.updateFields()));
        return id;
    }

    /** Every record of one resource, oldest first. */
    List<AuditRecord> trail(String resourceType, long resourceId) {
        return matching(record -> record.resourceType().equals(resourceType) && record.resourceId() == resourceId);
    }

    /** The records with these ids, in the order asked, each once; unknown ids are left out. */
    List<AuditRecord> withIds(Collection<Long> ids) {
        return ids.stream()
                .distinct()
                .filter(id -> id != null && id >= 1 && id <= records.size())
                .map(id -> records.get((int) (id - 1)))
                .toList();
    }

    /** One page of the records {@code query} matches. */
    Page<AuditRecord> search(AuditQuery query) {
        return Pages.of(matching(record -> matches(query, record)), ORDERS, AuditRecord::id, query.page());
    }

    private List<AuditRecord> matching(Predicate<AuditRecord> filter) {
        return records.stream().filter(filter).toList();
    }

    private static boolean matches(AuditQuery query, AuditRecord record) {
        return (query.from() == null || !record.operationTime().isBefore(query.from()))
                && (query.to() == null || !record.operationTime().isAfter(query.to()))
                && (query.business() == null || query.business().equals(record.business()))
                && (query.resourceType() == null || query.resourceType().equals(record.resourceType()))
                && (query.resourceId() == null || query.resourceId() == record.resourceId())
                && (query.actions().isEmpty() || query.actions().contains(record.action()))
                && (query.user() == null || query.user().equals(record.user()));
    }
}
