package dev.hostclone.adapter.persistence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON values as the domain holds them: Map, List, String, Long, Double, Boolean, null. Vert.x and
 * the PostgreSQL client hand over {@link JsonObject}, {@link JsonArray} and whatever number type
 * the parser chose; the bundled host model (every store's first) and the PostgreSQL store's jsonb
 * columns are both read through here, so an option compares equal whichever of them it came from.
 */
public final class PlainJson {

    private PlainJson() {
    }

    /** {@code value} with every container copied into Java's and every number widened. */
    public static Object of(Object value) {
        if (value instanceof JsonObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.forEach(entry -> map.put(entry.getKey(), of(entry.getValue())));
            return map;
        }
        if (value instanceof JsonArray array) {
            List<Object> list = new ArrayList<>(array.size());
            array.forEach(item -> list.add(of(item)));
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, item) -> copy.put(String.valueOf(key), of(item)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(of(item)));
            return copy;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big) {
            return big.longValueExact();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        return value;
    }
}
