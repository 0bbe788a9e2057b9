package dev.hostclone.domain.host;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A host document built field by field, in the order put, straight into the frozen form a
 * {@link Host} keeps; made by {@link Documents#hostDocument}, each builder builds one document.
 */
public final class HostDocumentBuilder {

    /** Room for the built-in host fields and a few custom ones; grown as needed. */
    private static final int INITIAL_FIELDS = 64;

    private String[] names = new String[INITIAL_FIELDS];
    private Object[] values = new Object[INITIAL_FIELDS];
    private int count;

    HostDocumentBuilder() {
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
        return new FrozenDocument(FieldIndex.sharedDistinct(Arrays.copyOf(names, count)),
                Arrays.copyOf(values, count));
    }
}
