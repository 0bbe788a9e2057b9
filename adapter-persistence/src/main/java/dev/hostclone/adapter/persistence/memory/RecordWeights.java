package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.audit.AuditRecord;
import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What an audit record weighs in the memory store, in bytes of heap, about: what keeping it holds
 * that the hosts do not.
 *
 * <ul>
 *   <li>Every record: the record itself, its request id and time, and the array of the host version it
 *       names ({@link #RECORD} and four bytes a field).
 *   <li>An update's record, besides: the array its update fields hold, and every value the update
 *       brought. The host holds the values until the next write replaces them, and from then on only the
 *       records hold the version that had them. A clone's update fields are a view of the source host's
 *       whole document ({@code Documents.fieldsOf}), which only the record holds once the source has
 *       changed: that array is counted as one of the host's size, since both hosts share the model.
 *   <li>A creation's record nothing more: the host holds the values it was created with, and the store
 *       keeps one instance of each for as long as it runs ({@link SharedValues}).
 * </ul>
 *
 * Values are counted as if nothing shared them, and a text at two bytes a character, as the JVM holds
 * one with a character outside Latin-1. One record's weight is not what it holds: the version before an
 * update holds the values the update replaced, which an earlier write brought and was weighed for. But
 * the records a store keeps, the newest, together weigh about what they hold or more, whatever the
 * hosts' model and the callers' values: a clone of the load run's hosts (29 fields), which holds about
 * 420 bytes while the source is unchanged, weighs about 1,350 (10,000 of them weighed 13.5–13.6 MB at 8
 * connections; its values are the source's, which the source holds too).
 */
final class RecordWeights {

    /**
     * The record (15 fields, 80 bytes), its request id (32 characters, 72), its time (24) and the view
     * of its update fields with their positions (about 70): about 250 bytes on a 64-bit JVM with
     * compressed pointers.
     */
    static final int RECORD = 256;
    private static final int STRING = 24;
    private static final int ARRAY = 16;
    private static final int BOX = 24;
    private static final int POINTER = 4;
    /** A map's entry or a list's slot beyond its pointer: a {@code HashMap}'s node is 32 bytes. */
    private static final int ENTRY = 32;

    private RecordWeights() {
    }

    /** What keeping {@code record} holds, its {@code cur_data} being {@code curData}. */
    static long of(AuditRecord record, Map<String, Object> curData) {
        Map<String, Object> version = record.preData() != null ? record.preData() : curData;
        long array = aligned(ARRAY + (long) POINTER * (version == null ? 0 : version.size()));
        return record.preData() == null || record.updateFields() == null ? RECORD + array
                : RECORD + 2 * array + valuesOf(record.updateFields());
    }

    /**
     * What {@code value} holds, counted as if nothing shared any part of it. Classes are asked before
     * interfaces: a test against a class is one comparison, one against an interface a search of the
     * value's interfaces, whose one-entry cache two event loops asking about different interfaces
     * would keep overwriting.
     */
    static long of(Object value) {
        if (value instanceof String text) {
            return STRING + aligned(ARRAY + 2L * text.length());
        }
        if (value == null || value instanceof Boolean) {
            return 0;
        }
        if (value instanceof Number) {
            return BOX;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = ARRAY + (long) map.size() * (POINTER + ENTRY);
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += of(entry.getKey()) + of(entry.getValue());
            }
            return bytes;
        }
        if (value instanceof Collection<?> values) {
            long bytes = ARRAY + (long) values.size() * POINTER;
            for (Object each : values) {
                bytes += of(each);
            }
            return bytes;
        }
        return BOX;
    }

    private static long valuesOf(Map<String, Object> document) {
        Sum sum = new Sum();
        document.forEach(sum);
        return sum.bytes;
    }

    private static long aligned(long bytes) {
        return (bytes + 7) & ~7L;
    }

    /** Adds up a document's values; not its field names, which every document of the store shares. */
    private static final class Sum implements BiConsumer<String, Object> {

        private long bytes;

        @Override
        public void accept(String name, Object value) {
            bytes += of(value);
        }
    }
}
