package dev.hostclone.domain.host;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Field names in order, with an open-addressing index from name to position. Each name is one
 * string shared by all documents, and host documents with the same names in the same order share
 * one instance (up to a bound each, past which they are simply not shared): ten thousand hosts
 * decoded from JSON held 450,000 copies of forty-five names and ten thousand indexes of them, so
 * every lookup of a field read cold memory. A document merged from another shares its instance
 * unless the changes add a field.
 */
final class FieldIndex {

    /** Far more than any host model needs; a bound only against documents of made-up field names. */
    private static final int SHARED_MAX = 16_384;
    private static final Map<String, String> CANONICAL = new ConcurrentHashMap<>();
    private static final Map<List<String>, FieldIndex> SHARED = new ConcurrentHashMap<>();

    final String[] names;
    /**
     * Open-addressing index from name to position, made on the first lookup: many documents are
     * only ever walked (a write's changes, an audit record's {@code update_fields}). Made up
     * front, it was most of what freezing those cost, and in the memory store each audit record
     * kept one, about a fifth of what a clone added to the heap.
     */
    private volatile int[] slots;
    /** Whether this is the instance in the shared table. */
    final boolean shared;
    /** Which names the set last asked about holds: one host model's cloneable fields, nearly always. */
    private volatile Selection lastSelection;

    /** Which of {@code names} a set holds, by position. */
    private record Selection(Set<String> of, boolean[] held) {
    }

    /** The shared instance for these names (in this order), made on first use. */
    static FieldIndex shared(String[] names) {
        List<String> key = Arrays.asList(names);
        FieldIndex shared = SHARED.get(key);
        if (shared != null) {
            return shared;
        }
        if (SHARED.size() >= SHARED_MAX) {
            return new FieldIndex(names, false);
        }
        FieldIndex made = new FieldIndex(names, true);
        shared = SHARED.putIfAbsent(key, made);
        return shared == null ? made : shared;
    }

    /**
     * As {@link #shared}, for names not yet known to be distinct: a list already in the table was
     * checked when it entered it, so only a new one is checked, and its names made canonical.
     */
    static FieldIndex sharedDistinct(String[] names) {
        FieldIndex shared = SHARED.get(Arrays.asList(names));
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

    FieldIndex(String[] names) {
        this(names, false);
    }

    private FieldIndex(String[] names, boolean shared) {
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
