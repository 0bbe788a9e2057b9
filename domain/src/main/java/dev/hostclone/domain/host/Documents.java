package dev.hostclone.domain.host;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Frozen field maps: unmodifiable, in insertion order, null values allowed, null keys not. A host
 * document travels from the host to its clone plan, the write, the audit record and the next version
 * of the host; each of those freezes what it is given, and a map frozen here is passed on as it is
 * instead of being copied again at every step.
 *
 * <p>How a frozen map is held is {@link FrozenDocument}'s (its values in one array, its field names
 * and their index a {@link FieldIndex} shared by documents alike); some fields picked from one
 * ({@link #fieldsOf}) are a {@link PickedFields} view of its arrays.
 */
public final class Documents {

    private Documents() {
    }

    /** {@code fields} itself when frozen here already, otherwise a frozen copy of it. */
    public static Map<String, Object> frozen(Map<String, Object> fields) {
        return fields instanceof PositionalMap ? fields : FrozenDocument.copyOf(fields, false);
    }

    /**
     * The named fields of {@code document}, in the order named, frozen; each name must be a field of
     * the document, and named once. Over a document frozen here (of up to 256 fields) nothing is
     * copied: the map keeps the document's arrays and the positions named. (An audit record's
     * {@code update_fields} are some fields of the source host, and the memory store keeps every
     * record.)
     */
    public static Map<String, Object> fieldsOf(Map<String, Object> document, List<String> names) {
        if (document instanceof FrozenDocument frozen && frozen.size() <= PickedFields.MAX_DOCUMENT_FIELDS) {
            return PickedFields.of(frozen, names);
        }
        Map<String, Object> picked = new LinkedHashMap<>();
        for (String name : names) {
            if (!document.containsKey(name)) {
                throw new IllegalArgumentException("not a field of the document: " + name);
            }
            picked.put(name, document.get(name));
        }
        return FrozenDocument.copyOf(picked, false);
    }

    /**
     * As {@link #frozen}, and a copy shares its field index with every other document of the same
     * fields in the same order: for host documents, of which a store keeps thousands alike. (Not for
     * any map: the subsets of fields that audit records and patches hold would fill the shared table.)
     */
    static Map<String, Object> frozenSharingFields(Map<String, Object> fields) {
        if (fields instanceof FrozenDocument frozen) {
            return frozen.names.shared
                    ? frozen
                    : new FrozenDocument(FieldIndex.shared(frozen.names.names), frozen.values);
        }
        return FrozenDocument.copyOf(fields, true);
    }

    /**
     * A host document built field by field, in the order put, straight into the frozen form a
     * {@link Host} keeps, sharing its field index as {@link Host} does: for an adapter that decodes
     * documents itself (a store reading JSON text), with no map made on the way only to be copied.
     */
    public static HostDocumentBuilder hostDocument() {
        return new HostDocumentBuilder();
    }

    /** {@code base} with {@code changes} put over it (new fields last), frozen; one copy. */
    static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> changes) {
        if (base instanceof FrozenDocument frozen) {
            return frozen.with(changes);
        }
        // each field looked up in the other map, which has an index already, not in one made for this copy
        String[] names = new String[base.size() + changes.size()];
        Object[] values = new Object[names.length];
        int count = 0;
        // a picked view's names are a frozen document's, canonical already: a clone stamps its picked
        // changes, and looking each name up again was most of what that cost
        boolean canonicalNames = base instanceof PositionalMap;
        for (Map.Entry<String, Object> field : base.entrySet()) {
            String name = field.getKey();
            names[count] = canonicalNames ? name : FieldIndex.canonical(name);
            Object changed = changes.get(name);
            values[count++] = changed != null || changes.containsKey(name) ? changed : field.getValue();
        }
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            if (!base.containsKey(change.getKey())) {
                names[count] = FieldIndex.canonical(change.getKey());
                values[count++] = change.getValue();
            }
        }
        return new FrozenDocument(new FieldIndex(Arrays.copyOf(names, count)), Arrays.copyOf(values, count));
    }

    /**
     * {@code document} with each value replaced by {@code mapping}'s for it, in order, frozen: a value
     * mapped to another (equal) instance, as a store sharing one instance of each value does. When
     * every value maps to itself, {@code document} itself if frozen here; a frozen document's field
     * names are kept as they are.
     */
    public static Map<String, Object> withValues(Map<String, Object> document, UnaryOperator<Object> mapping) {
        if (document instanceof FrozenDocument frozen) {
            Object[] mapped = null;
            for (int i = 0; i < frozen.values.length; i++) {
                Object value = mapping.apply(frozen.values[i]);
                if (value != frozen.values[i]) {
                    if (mapped == null) {
                        mapped = frozen.values.clone();
                    }
                    mapped[i] = value;
                }
            }
            return mapped == null ? frozen : new FrozenDocument(frozen.names, mapped);
        }
        Map<String, Object> mapped = new LinkedHashMap<>();
        document.forEach((name, value) -> mapped.put(name, mapping.apply(value)));
        return FrozenDocument.copyOf(mapped, false);
    }

    /** What {@link #forEachFieldIn} hands over: a field of the first document, and both documents' values of it. */
    @FunctionalInterface
    public interface FieldPair {
        void accept(String name, Object value, Object otherValue);
    }

    /**
     * Every field of {@code document} that {@code fields} holds, in order, with its value there and in
     * {@code other} (null when absent). Two documents with the same fields in the same order (hosts of
     * one model, nearly always) are walked side by side, and which of their fields the set holds is
     * worked out on the first walk with that set and kept with their field index: such a walk looks no
     * name up and reads no value outside the set. So {@code fields} must never change (a host model's
     * cloneable fields).
     */
    public static void forEachFieldIn(Set<String> fields, Map<String, Object> document, Map<String, Object> other,
                                      FieldPair action) {
        if (document instanceof FrozenDocument one && other instanceof FrozenDocument two
                && one.names == two.names) {
            boolean[] held = one.names.heldBy(fields);
            for (int i = 0; i < held.length; i++) {
                if (held[i]) {
                    action.accept(one.names.names[i], one.values[i], two.values[i]);
                }
            }
        } else {
            document.forEach((name, value) -> {
                if (fields.contains(name)) {
                    action.accept(name, value, other.get(name));
                }
            });
        }
    }
}
