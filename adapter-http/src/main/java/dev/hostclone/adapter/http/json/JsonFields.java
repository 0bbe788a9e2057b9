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
import java.util.function.BiFunction;

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

    /** Whether the field is a JSON object. */
    public boolean isObject(String name) {
        return node.get(name) instanceof ObjectNode;
    }

    /** The field as it was sent, for a caller that reads a value of several shapes; null when absent or null. */
    public JsonNode optionalNode(String name) {
        return present(name);
    }

    public Long optionalLong(String name) {
        JsonNode value = present(name);
        return value == null ? null : asLong(value, pathOf(name));
    }

    public String optionalString(String name) {
        JsonNode value = present(name);
        return value == null ? null : asString(value, pathOf(name));
    }

    public Boolean optionalBoolean(String name) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrong(pathOf(name), JsonType.BOOLEAN);
        }
        return value.booleanValue();
    }

    public Optional<JsonFields> optionalObject(String name) {
        JsonNode value = present(name);
        return value == null ? Optional.empty() : Optional.of(asObject(value, name));
    }

    /** The objects of an array field, in order; empty when the field is absent. */
    public List<JsonFields> objectList(String name) {
        List<JsonFields> items = optionalList(name, (item, itemName) -> asObject(item, itemName));
        return items == null ? List.of() : items;
    }

    /** The strings of an array field, in order; null when the field is absent. */
    public List<String> optionalStringList(String name) {
        return optionalList(name, (item, itemName) -> asString(item, pathOf(itemName)));
    }

    /** The integers of an array field, in order; null when the field is absent. */
    public List<Long> optionalLongList(String name) {
        return optionalList(name, (item, itemName) -> asLong(item, pathOf(itemName)));
    }

    /** Every field as a free-form attribute value, in input order; JSON null stays null (it clears a value). */
    public Map<String, Object> attributes() {
        return entries(AttributeValueReader::read);
    }

    /**
     * Every field as a free-form definition value, in input order: like {@link #attributes()}, but
     * JSON objects are kept as ordered maps (an attribute's {@code option: {"min":1,"max":9}}).
     */
    public Map<String, Object> definition() {
        return entries(AttributeValueReader::readDefinition);
    }

    /** This object without the named fields (those another part of the request means), paths unchanged. */
    public JsonFields without(String... names) {
        ObjectNode rest = node.deepCopy();
        rest.remove(List.of(names));
        return new JsonFields(rest, path);
    }

    /** The names of this object's fields, in input order. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The full path of a field of this object, as refusals name it. */
    public String pathOf(String name) {
        return path + name;
    }

    private Map<String, Object> entries(BiFunction<JsonNode, String, Object> reader) {
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            entries.put(field.getKey(), reader.apply(field.getValue(), pathOf(field.getKey())));
        }
        return entries;
    }

    /** Reads each item of an array field with {@code reader(item, "name[i]")}; null when the field is absent. */
    private <T> List<T> optionalList(String name, BiFunction<JsonNode, String, T> reader) {
        JsonNode value = present(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw wrong(pathOf(name), JsonType.ARRAY);
        }
        List<T> items = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            items.add(reader.apply(value.get(i), name + "[" + i + "]"));
        }
        return List.copyOf(items);
    }

    private JsonNode present(String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value;
    }

    private JsonFields asObject(JsonNode value, String name) {
        if (!(value instanceof ObjectNode object)) {
            throw wrong(pathOf(name), JsonType.OBJECT);
        }
        return new JsonFields(object, pathOf(name) + ".");
    }

    private static Long asLong(JsonNode value, String fullPath) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw wrong(fullPath, JsonType.INTEGER);
        }
        return value.longValue();
    }

    private static String asString(JsonNode value, String fullPath) {
        if (!value.isTextual()) {
            throw wrong(fullPath, JsonType.STRING);
        }
        return value.textValue();
    }

    private static HttpProblemException wrong(String fullPath, JsonType expected) {
        return new HttpProblemException(new HttpProblem.WrongJsonType(fullPath, expected));
    }
}
