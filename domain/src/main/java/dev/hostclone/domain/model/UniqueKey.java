package dev.hostclone.domain.model;

import java.util.List;
import java.util.Objects;

/**
 * The values one host holds for one unique rule; two hosts with equal keys violate the rule.
 * {@code text} is a canonical encoding of the rule id and the values, usable as a database key.
 */
public record UniqueKey(long ruleId, List<String> fields, List<Object> values, String text) {

    private static final char SEPARATOR = '\u001f';

    public UniqueKey {
        fields = List.copyOf(fields);
        values = List.copyOf(values);
    }

    /** The key of these values under rule {@code ruleId}, its text encoded canonically. */
    public static UniqueKey of(long ruleId, List<String> fields, List<Object> values) {
        StringBuilder text = new StringBuilder().append(ruleId);
        values.forEach(value -> text.append(SEPARATOR).append(Objects.toString(value)));
        return new UniqueKey(ruleId, fields, values, text.toString());
    }

    /**
     * The same values filed under another rule id: a store that assigns a new rule's id files the keys
     * computed for the rule as given (id 0) under the id it assigned.
     */
    public UniqueKey underRule(long newRuleId) {
        return of(newRuleId, fields, values);
    }
}
