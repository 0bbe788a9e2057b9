package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.query.TextFolding;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Search conditions on property maps, as PostgreSQL compares jsonb values: numbers by value (2 equals
 * 2.0), lists element by element, maps key by key, everything else by equality; a null condition
 * matches a property that is null or absent. With {@code fuzzy}, a string condition matches a string
 * value containing it, ignoring case as {@link TextFolding} folds it.
 */
final class PropertyConditions {

    private PropertyConditions() {
    }

    /** Whether {@code document} satisfies every entry of {@code condition}. */
    static boolean matches(Map<String, Object> document, Map<String, Object> condition, boolean fuzzy) {
        for (Map.Entry<String, Object> entry : condition.entrySet()) {
            Object actual = document.get(entry.getKey());
            Object wanted = entry.getValue();
            boolean satisfied = fuzzy && wanted instanceof String part
                    ? actual instanceof String text && TextFolding.contains(text, part)
                    : sameValue(actual, wanted);
            if (!satisfied) {
                return false;
            }
        }
        return true;
    }

    static boolean sameValue(Object one, Object other) {
        if (one == null || other == null) {
            return one == other;
        }
        if (one instanceof Number left && other instanceof Number right) {
            return new BigDecimal(left.toString()).compareTo(new BigDecimal(right.toString())) == 0;
        }
        if (one instanceof List<?> left && other instanceof List<?> right) {
            if (left.size() != right.size()) {
                return false;
            }
            for (int i = 0; i < left.size(); i++) {
                if (!sameValue(left.get(i), right.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (one instanceof Map<?, ?> left && other instanceof Map<?, ?> right) {
            return left.keySet().equals(right.keySet())
                    && left.entrySet().stream().allMatch(entry -> sameValue(entry.getValue(), right.get(entry.getKey())));
        }
        return one.equals(other);
    }
}
