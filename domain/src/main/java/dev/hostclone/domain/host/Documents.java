package dev.hostclone.domain.host;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * Frozen field maps: unmodifiable, in insertion order, null values allowed, null keys not. A host
 * document travels from the host to its clone plan, the write, the audit record and the next version
 * of the host; each of those freezes what it is given, and a map frozen here is passed on as it is
 * instead of being copied again at every step.
 *
 * <p>A frozen map is its values in one array, beside its field names and their hash index, which a
 * map {@link #merged} from it shares when the changes add no field (every clone): one object per
 * host version instead of one per field. The memory store keeps every version of every host it
 * wrote, and its young collections copied each one's map entry by entry. Some fields picked from a
 * frozen map ({@link #fieldsOf}) share its arrays too.
 */
public final class Documents {

    private Documents() {
    }

    /** {@code fields} itself when frozen here already, otherwise a frozen copy of it. */
    public static Map<String, Object> frozen(Map<String, Object> fields) {
        return fields instanceof Positional ? fields : Frozen.copyOf(fields, false);
    }

    /**
     * The named fields of {@code document}, in the order named, frozen; each name must be a field of
     * the document, and named once. Over a document frozen here (of up to 256 fields) nothing is
     * copied: the map keeps the document's arrays and the positions named. (An audit record's
     * {@code update_fields} are some fields of the source host, and the memory store keeps every
     * record.)
     */
    public static Map<String, Object> fieldsOf(Map<String, Object> document, List<String> names) {
        if (document instanceof Frozen frozen && frozen.size() <= Picked.MAX_DOCUMENT_FIELDS) {
            byte[] positions = new byte[names.size()];
            for (int i = 0; i < positions.length; i++) {
                int position = frozen.names.indexOf(names.get(i));
                if (position < 0) {
                    throw new IllegalArgumentException("not a field of the document: " + names.get(i));
                }
                positions[i] = (byte) position;
            }
            return new Picked(frozen, positions);
        }
        Map<String, Object> picked = new LinkedHashMap<>();
        for (String name : names) {
            if (!document.containsKey(name)) {
                throw new IllegalArgumentException("not a field of the document: " + name);
            }
            picked.put(name, document.get(name));
        }
        return Frozen.copyOf(picked, false);
    }

    /**
     * As {@link #frozen}, and a copy shares its field index with every other document of the same
     * fields in the same order: for host documents, of which a store keeps thousands alike. (Not for
     * any map: the subsets of fields that audit records and patches hold would fill the shared table.)
     */
    static Map<String, Object> frozenSharingFields(Map<String, Object> fields) {
        if (fields instanceof Frozen frozen) {
            return frozen.names.shared ? frozen : new Frozen(Names.shared(frozen.names.names), frozen.values);
        }
        return Frozen.copyOf(fields, true);
    }

    /**
     * A host document built field by field, in the order put, straight into the frozen form a
     * {@link Host} keeps, sharing its field index as {@link Host} does: for an adapter that decodes
     * documents itself (a store reading JSON text), with no map made on the way only to be copied.
     */
    public static HostDocumentBuilder hostDocument() {
        return new HostDocumentBuilder();
    }

    /** See {@link #hostDocument}; each builder builds one document. */
    public static final class HostDocumentBuilder {

        /** Room for the built-in host fields and a few custom ones; grown as needed. */
        private static final int INITIAL_FIELDS = 64;

        private String[] names = new String[INITIAL_FIELDS];
        private Object[] values = new Object[INITIAL_FIELDS];
        private int count;

        private HostDocumentBuilder() {
        }

        /** Adds a field after those added before; a field must be added once. */
        public HostDocumentBuilder put(String name, Object value) {
            if (count == names.length) {
                names = Arrays.copyOf(names, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            names[count] = Objects.requireNonNull(name, "a field name");
            values[count++] = value;
            return this;
        }

        /** The document: unmodifiable, in the order the fields were put; a field put twice is refused. */
        public Map<String, Object> build() {
            return new Frozen(Names.sharedDistinct(Arrays.copyOf(names, count)), Arrays.copyOf(values, count));
        }
    }

    /** {@code base} with {@code changes} put over it (new fields last), frozen; one copy. */
    public static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> changes) {
        if (base instanceof Frozen frozen) {
            return frozen.with(changes);
        }
        // each field looked up in the other map, which has an index already, not in one made for this copy
        String[] names = new String[base.size() + changes.size()];
        Object[] values = new Object[names.length];
        int count = 0;
        // a picked view's names are a frozen document's, canonical already: a clone stamps its picked
        // changes, and looking each name up again was most of what that cost
        boolean canonicalNames = base instanceof Positional;
        for (Map.Entry<String, Object> field : base.entrySet()) {
            String name = field.getKey();
            names[count] = canonicalNames ? name : Names.canonical(name);
            Object changed = changes.get(name);
            values[count++] = changed != null || changes.containsKey(name) ? changed : field.getValue();
        }
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            if (!base.containsKey(change.getKey())) {
                names[count] = Names.canonical(change.getKey());
                values[count++] = change.getValue();
            }
        }
        return new Frozen(new Names(Arrays.copyOf(names, count)), Arrays.copyOf(values, count));
    }

    /**
     * {@code document} with each value replaced by {@code mapping}'s for it, in order, frozen: a value
     * mapped to another (equal) instance, as a store sharing one instance of each value does. When
     * every value maps to itself, {@code document} itself if frozen here; a frozen document's field
     * names are kept as they are.
     */
    public static Map<String, Object> withValues(Map<String, Object> document, UnaryOperator<Object> mapping) {
        if (document instanceof Frozen frozen) {
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
            return mapped == null ? frozen : new Frozen(frozen.names, mapped);
        }
        Map<String, Object> mapped = new LinkedHashMap<>();
        document.forEach((name, value) -> mapped.put(name, mapping.apply(value)));
        return Frozen.copyOf(mapped, false);
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
        if (document instanceof Frozen one && other instanceof Frozen two && one.names == two.names) {
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

    /**
     * Field names in order, with an open-addressing index from name to position. Each name is one
     * string shared by all documents, and host documents with the same names in the same order share
     * one instance (up to a bound each, past which they are simply not shared): ten thousand hosts
     * decoded from JSON held 450,000 copies of forty-five names and ten thousand indexes of them, so
     * every lookup of a field read cold memory. A document merged from another shares its instance
     * unless the changes add a field.
     */
    private static final class Names {

        /** Far more than any host model needs; a bound only against documents of made-up field names. */
        private static final int SHARED_MAX = 16_384;
        private static final Map<String, String> CANONICAL = new ConcurrentHashMap<>();
        private static final Map<List<String>, Names> SHARED = new ConcurrentHashMap<>();

        private final String[] names;
        /**
         * Open-addressing index from name to position, made on the first lookup: many documents are
         * only ever walked (a write's changes, an audit record's {@code update_fields}). Made up
         * front, it was most of what freezing those cost, and in the memory store each audit record
         * kept one, about a fifth of what a clone added to the heap.
         */
        private volatile int[] slots;
        /** Whether this is the instance in the shared table. */
        private final boolean shared;
        /** Which names the set last asked about holds: one host model's cloneable fields, nearly always. */
        private volatile Selection lastSelection;

        /** Which of {@code names} a set holds, by position. */
        private record Selection(Set<String> of, boolean[] held) {
        }

        /** The shared instance for these names (in this order), made on first use. */
        static Names shared(String[] names) {
            List<String> key = Arrays.asList(names);
            Names shared = SHARED.get(key);
            if (shared != null) {
                return shared;
            }
            if (SHARED.size() >= SHARED_MAX) {
                return new Names(names, false);
            }
            Names made = new Names(names, true);
            shared = SHARED.putIfAbsent(key, made);
            return shared == null ? made : shared;
        }

        /**
         * As {@link #shared}, for names not yet known to be distinct: a list already in the table was
         * checked when it entered it, so only a new one is checked, and its names made canonical.
         */
        static Names sharedDistinct(String[] names) {
            Names shared = SHARED.get(Arrays.asList(names));
            if (shared != null) {
                return shared;
            }
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < names.length; i++) {
                names[i] = canonical(names[i]);
                if (!seen.add(names[i])) {
                    throw new IllegalArgumentException("a document names a field twice: " + names[i]);
                }
            }
            return shared(names);
        }

        /** The one string all documents use for this name. */
        static String canonical(String name) {
            String shared = CANONICAL.get(Objects.requireNonNull(name, "a field name"));
            if (shared != null) {
                return shared;
            }
            if (CANONICAL.size() >= SHARED_MAX) {
                return name;
            }
            shared = CANONICAL.putIfAbsent(name, name);
            return shared == null ? name : shared;
        }

        private Names(String[] names) {
            this(names, false);
        }

        private Names(String[] names, boolean shared) {
            for (String name : names) {
                Objects.requireNonNull(name, "a field name");
            }
            this.names = names;
            this.shared = shared;
        }

        private int[] slots() {
            int[] table = slots;
            if (table == null) {
                // a power of two at least twice the number of names: probes stay short
                table = new int[Integer.highestOneBit(Math.max(1, names.length)) << 2];
                for (int i = 0; i < names.length; i++) {
                    int slot = home(names[i], table);
                    while (table[slot] != 0) {
                        slot = (slot + 1) & (table.length - 1);
                    }
                    table[slot] = i + 1;
                }
                slots = table;
            }
            return table;
        }

        /** Which names {@code fields} holds, by position; worked out again only when asked about another set. */
        boolean[] heldBy(Set<String> fields) {
            Selection selection = lastSelection;
            if (selection == null || selection.of() != fields) {
                boolean[] held = new boolean[names.length];
                for (int i = 0; i < names.length; i++) {
                    held[i] = fields.contains(names[i]);
                }
                selection = new Selection(fields, held);
                lastSelection = selection;
            }
            return selection.held();
        }

        /** The name's position, or -1. */
        int indexOf(Object name) {
            if (!(name instanceof String)) {
                return -1;
            }
            int[] table = slots();
            for (int slot = home(name, table); ; slot = (slot + 1) & (table.length - 1)) {
                int position = table[slot] - 1;
                if (position < 0) {
                    return -1;
                }
                String candidate = names[position];
                if (candidate == name || candidate.equals(name)) {
                    return position;
                }
            }
        }

        private static int home(Object name, int[] table) {
            int hash = name.hashCode();
            return (hash ^ (hash >>> 16)) & (table.length - 1);
        }
    }

    /**
     * A frozen map as positions 0 … size - 1 of arrays nobody changes: walked position by position,
     * each entry made as it is read. Looking a key up is the subclass's.
     */
    private abstract static class Positional extends AbstractMap<String, Object> {

        @Override
        public abstract int size();

        abstract String nameAt(int index);

        abstract Object valueAt(int index);

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, Object>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size();
                        }

                        @Override
                        public Entry<String, Object> next() {
                            if (next >= size()) {
                                throw new NoSuchElementException();
                            }
                            int index = next++;
                            return new SimpleImmutableEntry<>(nameAt(index), valueAt(index));
                        }
                    };
                }

                @Override
                public int size() {
                    return Positional.this.size();
                }
            };
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            for (int i = 0; i < size(); i++) {
                action.accept(nameAt(i), valueAt(i));
            }
        }
    }

    /** Holds arrays nobody else changes, so sharing one is as safe as copying it. */
    private static final class Frozen extends Positional {

        private final Names names;
        private final Object[] values;

        private Frozen(Names names, Object[] values) {
            this.names = names;
            this.values = values;
        }

        static Frozen copyOf(Map<String, Object> fields, boolean sharingNames) {
            String[] names = new String[fields.size()];
            Object[] values = new Object[names.length];
            int i = 0;
            for (Entry<String, Object> field : fields.entrySet()) {
                names[i] = Names.canonical(field.getKey());
                values[i++] = field.getValue();
            }
            return new Frozen(sharingNames ? Names.shared(names) : new Names(names), values);
        }

        Frozen with(Map<String, Object> changes) {
            Object[] merged = values.clone();
            List<String> addedNames = null;
            List<Object> addedValues = null;
            for (Entry<String, Object> change : changes.entrySet()) {
                int position = names.indexOf(change.getKey());
                if (position >= 0) {
                    merged[position] = change.getValue();
                } else {
                    if (addedNames == null) {
                        addedNames = new ArrayList<>();
                        addedValues = new ArrayList<>();
                    }
                    addedNames.add(Names.canonical(change.getKey()));
                    addedValues.add(change.getValue());
                }
            }
            if (addedNames == null) {
                return new Frozen(names, merged);
            }
            String[] allNames = Arrays.copyOf(names.names, values.length + addedNames.size());
            Object[] allValues = Arrays.copyOf(merged, allNames.length);
            for (int i = 0; i < addedNames.size(); i++) {
                allNames[values.length + i] = addedNames.get(i);
                allValues[values.length + i] = addedValues.get(i);
            }
            return new Frozen(new Names(allNames), allValues);
        }

        @Override
        String nameAt(int index) {
            return names.names[index];
        }

        @Override
        Object valueAt(int index) {
            return values[index];
        }

        @Override
        public int size() {
            return values.length;
        }

        @Override
        public boolean containsKey(Object key) {
            return names.indexOf(key) >= 0;
        }

        @Override
        public Object get(Object key) {
            int position = names.indexOf(key);
            return position < 0 ? null : values[position];
        }
    }

    /**
     * Some fields of a frozen document, by position, in the order picked: the document's arrays
     * shared, each position one byte. The memory store keeps one of these in every audit record, and
     * with four-byte positions they were 76 of the 514 bytes a clone added to the heap; a document
     * of more fields than a byte numbers is picked by copying instead.
     */
    private static final class Picked extends Positional {

        static final int MAX_DOCUMENT_FIELDS = 256;

        private final Frozen document;
        private final byte[] positions;

        private Picked(Frozen document, byte[] positions) {
            this.document = document;
            this.positions = positions;
        }

        private int positionAt(int index) {
            return positions[index] & 0xFF;
        }

        @Override
        String nameAt(int index) {
            return document.names.names[positionAt(index)];
        }

        @Override
        Object valueAt(int index) {
            return document.values[positionAt(index)];
        }

        @Override
        public int size() {
            return positions.length;
        }

        @Override
        public boolean containsKey(Object key) {
            return position(key) >= 0;
        }

        @Override
        public Object get(Object key) {
            int position = position(key);
            return position < 0 ? null : document.values[position];
        }

        /** The key's position in the document when it is one of those picked, or -1. */
        private int position(Object key) {
            int position = document.names.indexOf(key);
            for (int i = 0; position >= 0 && i < positions.length; i++) {
                if (positionAt(i) == position) {
                    return position;
                }
            }
            return -1;
        }
    }
}
