package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.json.JsonFields;
import java.util.List;
import java.util.Set;

/**
 * BlueKing's {@code fields}: which keys of each found item to return. Empty means every key.
 * Applied when encoding, so the use case never depends on it.
 */
record Projection(Set<String> fields) {

    static final String FIELDS = "fields";
    static final Projection ALL = new Projection(Set.of());

    Projection {
        fields = Set.copyOf(fields);
    }

    /** The {@code fields} array of {@code body}; absent or empty: every key. */
    static Projection read(JsonFields body) {
        List<String> fields = body.optionalStringList(FIELDS);
        return fields == null ? ALL : new Projection(Set.copyOf(fields));
    }

    /** The item with only the projected keys, in the item's own order. */
    ObjectNode apply(ObjectNode item) {
        if (fields.isEmpty()) {
            return item;
        }
        ObjectNode projected = Json.MAPPER.createObjectNode();
        item.fields().forEachRemaining(entry -> {
            if (fields.contains(entry.getKey())) {
                projected.set(entry.getKey(), entry.getValue());
            }
        });
        return projected;
    }
}
