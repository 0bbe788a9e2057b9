package dev.hostclone.domain.model;

import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Computes the unique keys of a host document. An IP-list field yields one key per address, so a
 * host holding 10.0.0.1 and 10.0.0.2 collides with any static host holding either (as BlueKing's
 * index on the array field does).
 */
public final class UniqueKeys {

    private UniqueKeys() {
    }

    public static Set<UniqueKey> of(Map<String, Object> document, HostModel model) {
        Set<UniqueKey> keys = new LinkedHashSet<>();
        for (UniqueRule rule : model.uniqueRules()) {
            keys.addAll(of(document, rule, model));
        }
        return keys;
    }

    public static Set<UniqueKey> of(Host host, HostModel model) {
        return of(host.document(), model);
    }

    /**
     * The host's keys after {@code changes} are applied, when a change gives a key field of some rule a
     * new value; empty when every key field keeps its value, so the stored keys stay valid.
     */
    public static Optional<Set<UniqueKey>> afterChange(Host host, Map<String, Object> changes, HostModel model) {
        Set<String> keyFields = model.uniqueKeyPropertyIds();
        boolean keyChanges = changes.entrySet().stream().anyMatch(change -> keyFields.contains(change.getKey())
                && !Objects.equals(change.getValue(), host.value(change.getKey())));
        return keyChanges ? Optional.of(of(host.with(changes), model)) : Optional.empty();
    }

    /**
     * What {@link #of(Map, UniqueRule, HostModel)} reads of a document besides the rule's key fields: a
     * store computing every host's keys under a new rule need load no other field of the documents.
     */
    public static final List<String> FIELDS_READ_BESIDES_KEYS = List.of(HostFields.ADDRESSING);

    /** The keys of one rule for one document: empty when the rule does not bind it. */
    public static List<UniqueKey> of(Map<String, Object> document, UniqueRule rule, HostModel model) {
        return of(document, rule, model.keyPropertyIds(rule));
    }

    /**
     * The keys of one rule, whose key attributes' property ids are {@code fields} in the rule's order, for
     * one document: for a reader that knows the rule's fields but holds no model.
     */
    public static List<UniqueKey> of(Map<String, Object> document, UniqueRule rule, List<String> fields) {
        if (rule.staticAddressingOnly() && !isStatic(document)) {
            return List.of();
        }
        List<List<Object>> choices = new ArrayList<>();
        for (String field : fields) {
            List<Object> values = valuesOf(field, document.get(field));
            if (values.isEmpty()) {
                return List.of();
            }
            choices.add(values);
        }
        List<UniqueKey> keys = new ArrayList<>();
        combine(rule.id(), fields, choices, 0, new ArrayList<>(), keys);
        return keys;
    }

    /** True when the key sets of two hosts share a key. */
    public static boolean overlap(Collection<UniqueKey> left, Collection<UniqueKey> right) {
        Set<String> texts = new LinkedHashSet<>();
        left.forEach(key -> texts.add(key.text()));
        return right.stream().anyMatch(key -> texts.contains(key.text()));
    }

    private static boolean isStatic(Map<String, Object> document) {
        Object addressing = document.get(HostFields.ADDRESSING);
        return addressing == null || HostFields.ADDRESSING_STATIC.equals(addressing);
    }

    private static List<Object> valuesOf(String field, Object value) {
        if (value == null) {
            return List.of();
        }
        if (HostFields.isIpList(field)) {
            return new ArrayList<>(Host.commaList(value));
        }
        if (value instanceof String text) {
            return text.isEmpty() ? List.of() : List.of(text);
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? List.of() : List.of(List.copyOf(list));
        }
        return List.of(value);
    }

    private static void combine(long ruleId, List<String> fields, List<List<Object>> choices, int index,
                                List<Object> picked, List<UniqueKey> keys) {
        if (index == choices.size()) {
            keys.add(UniqueKey.of(ruleId, fields, picked));
            return;
        }
        for (Object value : choices.get(index)) {
            picked.add(value);
            combine(ruleId, fields, choices, index + 1, picked, keys);
            picked.remove(picked.size() - 1);
        }
    }
}
