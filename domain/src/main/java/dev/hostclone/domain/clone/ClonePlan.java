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
public record ClonePlan(List<FieldChange> changes) {

    public ClonePlan {
        changes = List.copyOf(changes);
    }

    public static ClonePlan between(Host source, Host destination, Set<String> cloneable) {
        return between(source.document(), destination.document(), cloneable);
    }

    public static ClonePlan between(Map<String, Object> source, Map<String, Object> destination,
                                    Set<String> cloneable) {
        List<FieldChange> changes = new ArrayList<>();
        Documents.forEachFieldIn(cloneable, source, destination, (name, after, before) -> {
            if (after != null && !after.equals(before)) {
                changes.add(new FieldChange(name, before, after));
            }
        });
        return new ClonePlan(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The fields written and their new values, in plan order: an audit record's {@code update_fields}. */
    public Map<String, Object> updatedFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        changes.forEach(change -> fields.put(change.field(), change.after()));
        return Collections.unmodifiableMap(fields);
    }

    /** The destination document after the plan is applied. */
    public Map<String, Object> applyTo(Map<String, Object> destination) {
        Map<String, Object> after = new LinkedHashMap<>(destination);
        changes.forEach(change -> after.put(change.field(), change.after()));
        return after;
    }
}
