package dev.hostclone.domain.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A frozen document: its values in one array, beside its field names and their hash index
 * ({@link FieldIndex}), which a document {@link #with merged} from it shares when the changes add no
 * field (every clone): one object per host version instead of one per field. The memory store keeps
 * every version of every host it wrote, and its young collections copied each one's map entry by
 * entry. Holds arrays nobody else changes, so sharing one is as safe as copying it.
 */
final class FrozenDocument extends PositionalMap {

    final FieldIndex names;
    final Object[] values;

    FrozenDocument(FieldIndex names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    static FrozenDocument copyOf(Map<String, Object> fields, boolean sharingNames) {
        String[] names = new String[fields.size()];
        Object[] values = new Object[names.length];
        int i = 0;
        for (Entry<String, Object> field : fields.entrySet()) {
            names[i] = FieldIndex.canonical(field.getKey());
            values[i++] = field.getValue();
        }
        return new FrozenDocument(sharingNames ? FieldIndex.shared(names) : new FieldIndex(names), values);
    }

    FrozenDocument with(Map<String, Object> changes) {
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
                addedNames.add(FieldIndex.canonical(change.getKey()));
                addedValues.add(change.getValue());
            }
        }
        if (addedNames == null) {
            return new FrozenDocument(names, merged);
        }
        String[] allNames = Arrays.copyOf(names.names, values.length + addedNames.size());
        Object[] allValues = Arrays.copyOf(merged, allNames.length);
        for (int i = 0; i < addedNames.size(); i++) {
            allNames[values.length + i] = addedNames.get(i);
            allValues[values.length + i] = addedValues.get(i);
        }
        return new FrozenDocument(new FieldIndex(allNames), allValues);
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
