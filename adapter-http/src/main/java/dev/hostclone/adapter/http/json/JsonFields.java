package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblem.JsonType;
import dev.hostclone.adapter.http.error.HttpProblemException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed, strict reads of one JSON object: an integer field must be a JSON integer that fits a long,
 * a string field a JSON string; JSON {@code null} means absent. A wrong type throws an
 * {@link HttpProblemException} naming the field by its full path ({@code bk_host_list[2].bk_mem}).
 */
public final class JsonFields {

    private final ObjectNode node;
    private final String path;

    private JsonFields(ObjectNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public static JsonFields of(ObjectNode node) {
        return new JsonFields(node, "");
    }

    public static JsonFields empty() {
        return of(Json.MAPPER.createObjectNode());
    }

    /** Whether the field is present and not null. */
    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    public Long optionalLong(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrong(name, JsonType.INTEGER);
        }
        return value.longValue();
    }

    public String optionalString(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrong(name, JsonType.STRING);
        }
        return value.textValue();
    }

    public Optional<JsonFields> optionalObject(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!(value instanceof ObjectNode object)) {
            throw wrong(name, JsonType.OBJECT);
        }
        return Optional.of(new JsonFields(object, path + name + "."));
    }

    /** The objects of an array field, in order; empty when the field is absent. */
    public List<JsonFields> objectList(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrong(name, JsonType.ARRAY);
        }
        List<JsonFields> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            String itemName = name + "[" + i + "]";
            if (!(value.get(i) instanceof ObjectNode object)) {
                throw wrong(itemName, JsonType.OBJECT);
            }
            items.add(new JsonFields(object, path + itemName + "."));
        }
        return List.copyOf(items);
    }

    /** Every field as a free-form attribute value, in input order; JSON null stays null (it clears a value). */
    public Map<String, Object> attributes() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            attributes.put(field.getKey(), AttributeValueReader.read(field.getValue(), path + field.getKey()));
        }
        return attributes;
    }

    /** The full path of a field of this object, as refusals name it. */
    public String pathOf(String name) {
        return path + name;
    }

    private HttpProblemException wrong(String name, JsonType expected) {
        return new HttpProblemException(new HttpProblem.WrongJsonType(pathOf(name), expected));
    }
}
