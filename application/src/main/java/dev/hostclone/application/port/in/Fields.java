package dev.hostclone.application.port.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The copies the commands keep: of named values in the order given, a null value kept as JSON's null is; of a
 * list, each element named by its index when null.
 */
final class Fields {

    private Fields() {
    }

    /**
     * An unmodifiable copy of {@code given}, its values as given (a map or list among them is not copied); a null
     * map or a null name refused, naming {@code parameter}.
     */
    static Map<String, Object> copyOf(Map<String, Object> given, String parameter) {
        Objects.requireNonNull(given, parameter);
        Map<String, Object> copy = new LinkedHashMap<>(given.size() * 2);
        given.forEach((name, value) -> copy.put(Objects.requireNonNull(name, () -> parameter + " has a null name"),
                value));
        return Collections.unmodifiableMap(copy);
    }

    /** An unmodifiable copy of {@code given}; a null list refused naming {@code parameter}, a null element by index. */
    static <T> List<T> listCopyOf(List<T> given, String parameter) {
        Objects.requireNonNull(given, parameter);
        for (int index = 0; index < given.size(); index++) {
            if (given.get(index) == null) {
                throw new NullPointerException(parameter + "[" + index + "] is null");
            }
        }
        return List.copyOf(given);
    }
}
