package dev.hostclone.domain.model;

import java.util.List;

/**
 * The values one host holds for one unique rule; two hosts with equal keys violate the rule.
 * {@code text} is a canonical encoding, usable as a database key.
 */
public record UniqueKey(long ruleId, List<String> fields, List<Object> values, String text) {

    public UniqueKey {
        fields = List.copyOf(fields);
        values = List.copyOf(values);
    }
}
