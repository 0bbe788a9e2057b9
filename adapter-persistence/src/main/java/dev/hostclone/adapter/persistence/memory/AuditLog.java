package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.TextFolding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The memory store's audit records, ids 1, 2, 3… in order of writing, of which it keeps the newest
 * its {@link AuditRetention} says, by count and by weight: in a ring that grows to that many and then
 * turns, each new record taking the oldest's place (an array list would shift every record at each one
 * forgotten). A heavy record may take the places of several. Records
 * are immutable and their data maps frozen documents ({@code Documents}), so each is kept as written:
 * a host update's {@code pre_data} and {@code cur_data} are the very documents of the host's versions
 * before and after, which the store holds anyway while it keeps the record. (Until 2026-11-29 the maps
 * were copies: fifty objects per write, then a flat array of keys and values, rebuilt when read.) Not
 * thread-safe: the store's lock guards it.
 */
final class AuditLog {

    /** An order for each of {@link AuditQuery#SORTABLE}. */
    private static final Map<String, Comparator<AuditRecord>> ORDERS = Map.of(
            AuditQuery.OPERATION_TIME, Comparator.comparing(AuditRecord::operationTime),
            AuditQuery.ID, Comparator.comparingLong(AuditRecord::id));
    private static final int FIRST_CAPACITY = 1_024;
    /** The largest array a JVM allocates in every case. */
    private static final int LARGEST_CAPACITY = Integer.MAX_VALUE - 8;

    private final AuditRetention retention;
    /**
     * One instance of each user, app code and business the records name, in the store's table. Each
     * request brings its own copies, parsed from its header and body: kept per record they were about
     * 120 bytes of the 700 a clone added to the heap.
     */
    private final SharedValues shared;
    /** The kept records: the oldest at {@link #oldest}, the others after it, around the end. */
    private AuditRecord[] ring;
    /** What each record in the ring weighs ({@link RecordWeights}), at the record's index. */
    private long[] weights;
    /** What the kept records weigh together. */
    private long keptBytes;
    private int oldest;
    private int size;
    /** The oldest kept record's id: the ids before it are forgotten. */
    private long firstId = 1;

    AuditLog(SharedValues shared, AuditRetention retention) {
        this.shared = shared;
        this.retention = retention;
        this.ring = new AuditRecord[Math.min(FIRST_CAPACITY, retention.kept())];
        this.weights = new long[ring.length];
    }

    /** Stores {@code record} under the next id and returns that id. */
    long append(AuditRecord record) {
        return append(record, record.curData());
    }

    /**
     * As {@link #append(AuditRecord)}, keeping {@code curData}, a document equal to the record's, as
     * its {@code cur_data}: the very document the store holds for the host, rather than a copy of it.
     * The oldest records are forgotten first, as many as it takes for the new one to fit the retention's
     * count and weight.
     */
    long append(AuditRecord record, Map<String, Object> curData) {
        long id = firstId + size;
        AuditRecord kept = new AuditRecord(id, record.auditType(), record.resourceType(), record.action(),
                shared.instance(record.business()), record.resourceId(), record.resourceName(),
                shared.instance(record.user()), shared.instance(record.appCode()), record.requestId(),
                record.operateFrom(), record.operationTime(), record.preData(), curData, record.updateFields());
        long weight = RecordWeights.of(record, curData);
        while (size > 0 && (size >= Math.min(retention.kept(), LARGEST_CAPACITY)
                || keptBytes > retention.bytes() - weight)) {
            forgetOldest();
        }
        if (size == ring.length) {
            grow();
        }
        int slot = index(size);
        ring[slot] = kept;
        weights[slot] = weight;
        size++;
        keptBytes += weight;
        retention.counted(size, keptBytes, firstId - 1);
        return id;
    }

    /**
     * Forgets up to {@code limit} of the oldest records written before {@code cutoff}, and returns how many:
     * from the oldest on, stopping at the first not that old, since records are kept in the order they were
     * written (a clock set back may leave an older one behind a newer, until the newer is old enough too).
     */
    int forgetWrittenBefore(Instant cutoff, int limit) {
        int forgotten = 0;
        while (forgotten < limit && size > 0 && ring[oldest].operationTime().isBefore(cutoff)) {
            forgetOldest();
            forgotten++;
        }
        retention.counted(size, keptBytes, firstId - 1);
        return forgotten;
    }

    /** Every record of one resource, oldest first. */
    List<AuditRecord> trail(String resourceType, long resourceId) {
        return matching(record -> record.resourceType().equals(resourceType) && record.resourceId() == resourceId);
    }

    /** The records with these ids, in the order asked, each once; unknown and forgotten ids are left out. */
    List<AuditRecord> withIds(Collection<Long> ids) {
        return ids.stream()
                .distinct()
                .filter(id -> id != null && id >= firstId && id < firstId + size)
                .map(id -> ring[index((int) (id - firstId))])
                .toList();
    }

    /** One page of the records {@code query} matches. */
    Page<AuditRecord> search(AuditQuery query) {
        return Pages.of(matching(record -> matches(query, record)), ORDERS, AuditRecord::id, query.page());
    }

    private List<AuditRecord> matching(Predicate<AuditRecord> filter) {
        List<AuditRecord> found = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            AuditRecord record = ring[index(i)];
            if (filter.test(record)) {
                found.add(record);
            }
        }
        return Collections.unmodifiableList(found);
    }

    private void forgetOldest() {
        ring[oldest] = null;
        keptBytes -= weights[oldest];
        oldest = (oldest + 1) % ring.length;
        size--;
        firstId++;
    }

    /** Where the {@code nth} kept record, counted from the oldest, is in the ring. */
    private int index(int nth) {
        return (int) ((oldest + (long) nth) % ring.length);
    }

    /** Twice the room, at most what the retention keeps, the records and weights copied in order from the oldest. */
    private void grow() {
        int capacity = (int) Math.min(Math.min(2L * ring.length, retention.kept()), LARGEST_CAPACITY);
        AuditRecord[] larger = new AuditRecord[capacity];
        long[] heavier = new long[capacity];
        for (int i = 0; i < size; i++) {
            larger[i] = ring[index(i)];
            heavier[i] = weights[index(i)];
        }
        ring = larger;
        weights = heavier;
        oldest = 0;
    }

    private static boolean matches(AuditQuery query, AuditRecord record) {
        return (query.from() == null || !record.operationTime().isBefore(query.from()))
                && (query.to() == null || !record.operationTime().isAfter(query.to()))
                && (query.business() == null || query.business().equals(record.business()))
                && (query.resourceType() == null || query.resourceType().equals(record.resourceType()))
                && (query.resourceId() == null || query.resourceId() == record.resourceId())
                && (query.actions().isEmpty() || query.actions().contains(record.action()))
                && (query.user() == null || query.user().equals(record.user()))
                && (query.auditTypes() == null || query.auditTypes().contains(record.auditType()))
                && (query.operateFrom() == null || query.operateFrom().equals(record.operateFrom()))
                && (query.resourceName() == null || resourceNameMatches(query, record.resourceName()));
    }

    /** Equal, or with the query's fuzzy flag found anywhere in it ignoring case ({@link TextFolding}). */
    private static boolean resourceNameMatches(AuditQuery query, String resourceName) {
        if (!query.resourceNameFuzzy()) {
            return query.resourceName().equals(resourceName);
        }
        return resourceName != null && TextFolding.contains(resourceName, query.resourceName());
    }
}
