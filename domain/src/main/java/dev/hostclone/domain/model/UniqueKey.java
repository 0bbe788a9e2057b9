package dev.hostclone.domain.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values one host holds for one unique rule; two hosts with equal keys violate the rule.
 * {@code text} encodes the rule id and the values ({@link UniqueKeyText}), usable as a database key.
 */
public record UniqueKey(long ruleId, List<String> fields, List<Object> values, String text) {

    /**
     * By rule id, then text: the order in which every store claims a host's keys, so that two writes meet at the
     * first key they share, and names the first one another host holds.
     */
    public static final Comparator<UniqueKey> ORDER =
            Comparator.comparingLong(UniqueKey::ruleId).thenComparing(UniqueKey::text);

    public UniqueKey {
        fields = List.copyOf(fields);
        values = List.copyOf(values);
    }

    /** The key of these values under rule {@code ruleId}. */
    public static UniqueKey of(long ruleId, List<String> fields, List<Object> values) {
        return new UniqueKey(ruleId, fields, values, UniqueKeyText.of(ruleId, values));
    }

    /**
     * {@code keys} in {@link #ORDER}, unmodifiable. A host colliding on two keys is refused naming the first: held in
     * a {@code Set.copyOf}, whose order changes with each start of the JVM, which one was named did too.
     */
    public static Set<UniqueKey> ordered(Collection<UniqueKey> keys) {
        List<UniqueKey> sorted = new ArrayList<>(List.copyOf(keys));
        sorted.sort(ORDER);
        return Collections.unmodifiableSet(new LinkedHashSet<>(sorted));
    }

    /**
     * The same values filed under another rule id: a store that assigns a new rule's id files the keys
     * computed for the rule as given (id 0) under the id it assigned.
     */
    public UniqueKey underRule(long newRuleId) {
        return of(newRuleId, fields, values);
    }
}
