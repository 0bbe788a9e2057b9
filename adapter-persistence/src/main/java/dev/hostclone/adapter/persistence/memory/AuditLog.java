package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.adapter.persistence.SortFields;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The memory store's audit records, ids 1, 2, 3… in order of writing. It only grows, so it is kept
 * compact: a record's data maps are held as flat key-value arrays and rebuilt when the record is read.
 * A host update's {@code pre_data} is the whole host, so a map per record would put some fifty objects
 * per write in the heap for good, and the garbage collector would trace them all again in every
 * marking cycle; an array is one object, about a fifth of the size. Not thread-safe: the store's lock
 * guards it.
 */
final class AuditLog {

    private static final Map<String, Comparator<Entry>> ORDERS = Map.of(
            SortFields.OPERATION_TIME, Comparator.comparing(entry -> entry.header().operationTime()),
            SortFields.ID, Comparator.comparingLong(entry -> entry.header().id()));

    private final List<Entry> entries = new ArrayList<>();

    /** Stores {@code record} under the next id and returns that id. */
    long append(AuditRecord record) {
        long id = entries.size() + 1L;
        entries.add(Entry.of(id, record));
        return id;
    }

    /** Every record of one resource, oldest first. */
    List<AuditRecord> trail(String resourceType, long resourceId) {
        return matching(header -> header.resourceType().equals(resourceType) && header.resourceId() == resourceId)
                .stream().map(Entry::record).toList();
    }

    /** The records with these ids, in the order asked, each once; unknown ids are left out. */
    List<AuditRecord> withIds(Collection<Long> ids) {
        return ids.stream()
                .distinct()
                .filter(id -> id != null && id >= 1 && id <= entries.size())
                .map(id -> entries.get((int) (id - 1)).record())
                .toList();
    }

    /** One page of the records {@code query} matches; only the page's records are rebuilt. */
    Page<AuditRecord> search(AuditQuery query) {
        Page<Entry> page = Pages.of(matching(header -> matches(query, header)), ORDERS,
                entry -> entry.header().id(), query.page());
        return new Page<>(page.count(), page.info().stream().map(Entry::record).toList());
    }

    private List<Entry> matching(Predicate<AuditRecord> header) {
        return entries.stream().filter(entry -> header.test(entry.header())).toList();
    }

    private static boolean matches(AuditQuery query, AuditRecord header) {
        return (query.from() == null || !header.operationTime().isBefore(query.from()))
                && (query.to() == null || !header.operationTime().isAfter(query.to()))
                && (query.business() == null || query.business().equals(header.business()))
                && (query.resourceType() == null || query.resourceType().equals(header.resourceType()))
                && (query.resourceId() == null || query.resourceId() == header.resourceId())
                && (query.actions().isEmpty() || query.actions().contains(header.action()))
                && (query.user() == null || query.user().equals(header.user()));
    }

    /**
     * One stored record: {@code header} is the record with its id and without data maps; each map is
     * {@code [key0, value0, key1, value1, …]} in the map's order, or null where the record has none.
     */
    private record Entry(AuditRecord header, Object[] preData, Object[] curData, Object[] updateFields) {

        static Entry of(long id, AuditRecord record) {
            AuditRecord header = new AuditRecord(id, record.auditType(), record.resourceType(), record.action(),
                    record.business(), record.resourceId(), record.resourceName(), record.user(), record.appCode(),
                    record.requestId(), record.operateFrom(), record.operationTime(), null, null, null);
            return new Entry(header, flat(record.preData()), flat(record.curData()), flat(record.updateFields()));
        }

        AuditRecord record() {
            return new AuditRecord(header.id(), header.auditType(), header.resourceType(), header.action(),
                    header.business(), header.resourceId(), header.resourceName(), header.user(), header.appCode(),
                    header.requestId(), header.operateFrom(), header.operationTime(),
                    map(preData), map(curData), map(updateFields));
        }

        private static Object[] flat(Map<String, Object> map) {
            if (map == null) {
                return null;
            }
            Object[] flat = new Object[map.size() * 2];
            int i = 0;
            for (Map.Entry<String, Object> field : map.entrySet()) {
                flat[i++] = field.getKey();
                flat[i++] = field.getValue();
            }
            return flat;
        }

        private static Map<String, Object> map(Object[] flat) {
            if (flat == null) {
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>(flat.length);
            for (int i = 0; i < flat.length; i += 2) {
                map.put((String) flat[i], flat[i + 1]);
            }
            return map;
        }
    }
}
