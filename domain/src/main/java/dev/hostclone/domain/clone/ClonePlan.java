package dev.hostclone.domain.clone;

import dev.hostclone.domain.host.Documents;
import dev.hostclone.domain.host.Host;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Steps 10 and 11 of API.md §4: for each cloneable field the source has a (non-null) value for, the
 * destination's value before and after. Fields the source lacks, and fields already equal, are not
 * in the plan; an empty plan means nothing to write.
 */
public final class ClonePlan {

    private final List<FieldChange> changes;
    private final Map<String, Object> updatedFields;

    /** Takes {@code changes} over: a list made for this plan, never changed after. */
    private ClonePlan(List<FieldChange> changes, Map<String, Object> updatedFields) {
        this.changes = Collections.unmodifiableList(changes);
        this.updatedFields = updatedFields;
    }

    public static ClonePlan between(Host source, Host destination, Set<String> cloneable) {
        return between(source.document(), destination.document(), cloneable);
    }

    public static ClonePlan between(Map<String, Object> source, Map<String, Object> destination,
                                    Set<String> cloneable) {
        // sized for every cloneable field: a clone between unrelated hosts changes most of them
        List<FieldChange> changes = new ArrayList<>(cloneable.size());
        List<String> changed = new ArrayList<>(cloneable.size());
        Documents.forEachFieldIn(cloneable, source, destination, (name, after, before) -> {
            if (after != null && !after.equals(before)) {
                changes.add(new FieldChange(name, before, after));
                changed.add(name);
            }
        });
        // each new value is the source's own, so the written fields are a view of the source document
        return new ClonePlan(changes, Documents.fieldsOf(source, changed));
    }

    public List<FieldChange> changes() {
        return changes;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The fields written and their new values, in plan order, frozen: an audit record's {@code update_fields}. */
    public Map<String, Object> updatedFields() {
        return updatedFields;
    }

    /** The destination document after the plan is applied. */
    public Map<String, Object> applyTo(Map<String, Object> destination) {
        Map<String, Object> after = new LinkedHashMap<>(destination);
        changes.forEach(change -> after.put(change.field(), change.after()));
        return after;
    }

    @Override
    public String toString() {
        return "ClonePlan" + changes;
    }
}
