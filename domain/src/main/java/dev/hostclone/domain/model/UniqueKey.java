package dev.hostclone.domain.model;

import java.util.List;

/**
 * The values one host holds for one unique rule; two hosts with equal keys violate the rule.
 * {@code text} encodes the rule id and the values ({@link UniqueKeyText}), usable as a database key.
 */
public record UniqueKey(long ruleId, List<String> fields, List<Object> values, String text) {

    public UniqueKey {
        fields = List.copyOf(fields);
        values = List.copyOf(values);
    }

    /** The key of these values under rule {@code ruleId}. */
    public static UniqueKey of(long ruleId, List<String> fields, List<Object> values) {
        return new UniqueKey(ruleId, fields, values, UniqueKeyText.of(ruleId, values));
    }

    /**
     * The same values filed under another rule id: a store that assigns a new rule's id files the keys
     * computed for the rule as given (id 0) under the id it assigned.
     */
    public UniqueKey underRule(long newRuleId) {
        return of(newRuleId, fields, values);
    }
}
