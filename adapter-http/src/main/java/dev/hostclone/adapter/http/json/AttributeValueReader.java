package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblem.JsonType;
import dev.hostclone.adapter.http.error.HttpProblemException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a free-form JSON value into the domain's value set: String, Long, Double, Boolean, List of
 * these, or null. Objects are refused in an attribute value ({@link #read}); a definition
 * ({@link #readDefinition}, e.g. an attribute's {@code option}) may nest them as maps.
 */
final class AttributeValueReader {

    private AttributeValueReader() {
    }

    /** @param field the value's path, named by a refusal */
    static Object read(JsonNode value, String field) {
        return read(value, field, false);
    }

    /** Like {@link #read}, with JSON objects as ordered maps of such values. */
    static Object readDefinition(JsonNode value, String field) {
        return read(value, field, true);
    }

    private static Object read(JsonNode value, String field, boolean objectsAllowed) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            if (!value.canConvertToLong()) {
                throw wrong(field, JsonType.NUMBER_IN_RANGE);
            }
            return value.longValue();
        }
        if (value.isNumber()) {
            double number = value.doubleValue();
            if (!Double.isFinite(number)) {
                throw wrong(field, JsonType.NUMBER_IN_RANGE);
            }
            return number;
        }
        if (value.isArray()) {
            List<Object> items = new ArrayList<>(value.size());
            for (int i = 0; i < value.size(); i++) {
                items.add(read(value.get(i), field + "[" + i + "]", objectsAllowed));
            }
            return Collections.unmodifiableList(items);
        }
        if (objectsAllowed && value.isObject()) {
            Map<String, Object> entries = new LinkedHashMap<>();
            value.fields().forEachRemaining(entry ->
                    entries.put(entry.getKey(), read(entry.getValue(), field + "." + entry.getKey(), true)));
            return Collections.unmodifiableMap(entries);
        }
        throw wrong(field, JsonType.ATTRIBUTE_VALUE);
    }

    private static HttpProblemException wrong(String field, JsonType expected) {
        return new HttpProblemException(new HttpProblem.WrongJsonType(field, expected));
    }
}
