package dev.hostclone.adapter.http.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps in the order written, for answers whose key order is asserted. Values may be null. */
public final class OrderedMap {

    private OrderedMap() {
    }

    /** {@code of("a", 1, "b", null)}: keys and values alternating. */
    public static Map<String, Object> of(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
