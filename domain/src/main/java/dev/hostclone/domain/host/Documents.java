package dev.hostclone.domain.host;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Frozen field maps: unmodifiable, in insertion order, null values allowed. A host document travels
 * from the host to its clone plan, the write, the audit record and the next version of the host;
 * each of those freezes what it is given, and a map frozen here is passed on as it is instead of
 * being copied again at every step.
 */
public final class Documents {

    private Documents() {
    }

    /** {@code fields} itself when frozen here already, otherwise a frozen copy of it. */
    public static Map<String, Object> frozen(Map<String, Object> fields) {
        return fields instanceof Frozen ? fields : new Frozen(new LinkedHashMap<>(fields));
    }

    /** {@code base} with {@code changes} put over it (new fields last), frozen; one copy. */
    public static Map<String, Object> merged(Map<String, Object> base, Map<String, Object> changes) {
        LinkedHashMap<String, Object> merged = new LinkedHashMap<>(base);
        merged.putAll(changes);
        return new Frozen(merged);
    }

    /** Takes ownership of {@code fields}: the caller must not keep or change it. */
    static Map<String, Object> adopt(LinkedHashMap<String, Object> fields) {
        return new Frozen(fields);
    }

    /** Only ever wraps a map nobody else holds, so sharing one is as safe as copying it. */
    private static final class Frozen extends AbstractMap<String, Object> {

        private final Map<String, Object> fields;

        private Frozen(LinkedHashMap<String, Object> owned) {
            this.fields = Collections.unmodifiableMap(owned);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return fields.entrySet();
        }

        @Override
        public int size() {
            return fields.size();
        }

        @Override
        public boolean containsKey(Object key) {
            return fields.containsKey(key);
        }

        @Override
        public Object get(Object key) {
            return fields.get(key);
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            fields.forEach(action);
        }
    }
}
