package dev.hostclone.domain.model;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.Failure.UniqueRuleOverlaps.Overlap;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules for a host unique rule a caller creates (API.md §5, create_object_unique), in this order:
 * <ol>
 *   <li>each key is of kind {@code property} ({@code UniqueKeyKindInvalid} otherwise; see {@link #requirePropertyKind});</li>
 *   <li>at least one key ({@code MissingField("keys")}), none repeated ({@code InvalidCombination("keys")},
 *       as BlueKing answers);</li>
 *   <li>each key the id of an existing attribute ({@code InvalidValue("keys", DOES_NOT_EXIST, id)}) that
 *       every host sees, i.e. global: a business custom field cannot be a key
 *       ({@code InvalidValue("keys", NOT_ALLOWED, id)}); of a type BlueKing indexes, which is every
 *       type but {@code foreignkey} ({@code InvalidValue("keys", NOT_ALLOWED, id)});</li>
 *   <li>no existing rule with the same keys, a subset or a superset of them
 *       ({@code UniqueRuleOverlaps}, naming the first such rule in model order).</li>
 * </ol>
 * The rule is created neither built in nor bound to static addressing only: only the built-in inner
 * IP + cloud rules are, and a user rule can never be one, since {@code bk_cloud_id} is a
 * {@code foreignkey}. Whether existing hosts already violate it is decided by the store, which sees
 * every host at once.
 */
public final class UniqueRuleDefinition {

    public static final String KEYS = "keys";
    public static final String PROPERTY_KIND = "property";

    private UniqueRuleDefinition() {
    }

    /**
     * A key kind as sent ({@code key_kind}): only {@code property} is supported.
     *
     * @throws RejectedException {@code UniqueKeyKindInvalid(kind)} for any other kind
     */
    public static void requirePropertyKind(String kind) {
        if (!PROPERTY_KIND.equals(kind)) {
            throw RejectedException.because(new Failure.UniqueKeyKindInvalid(kind));
        }
    }

    /**
     * Checks a new rule over the attributes with these ids against {@code model} and returns it, made at
     * {@code now}, id 0 until the store assigns one.
     *
     * @throws RejectedException naming the first rule that fails
     */
    public static UniqueRule rule(List<Long> keyAttributeIds, HostModel model, Instant now) {
        if (keyAttributeIds.isEmpty()) {
            throw RejectedException.because(new Failure.MissingField(KEYS));
        }
        Set<Long> keys = new LinkedHashSet<>(keyAttributeIds);
        if (keys.size() != keyAttributeIds.size()) {
            throw RejectedException.because(new Failure.InvalidCombination(KEYS));
        }
        for (long id : keys) {
            Attribute attribute = model.attributeById(id).orElseThrow(() -> RejectedException.because(
                    new Failure.InvalidValue(KEYS, InvalidReason.DOES_NOT_EXIST, id)));
            if (!attribute.isGlobal() || attribute.type() == AttributeType.FOREIGNKEY) {
                throw RejectedException.because(new Failure.InvalidValue(KEYS, InvalidReason.NOT_ALLOWED, id));
            }
        }
        UniqueRule rule = new UniqueRule(0, List.copyOf(keys), false, false, now);
        requireNoOverlap(model.uniqueRules(), rule);
        return rule;
    }

    /**
     * Refuses {@code rule} when one of {@code existing} overlaps it ({@code UniqueRuleOverlaps}, naming the
     * first in their order). A store checks again with the rules it holds under its lock: the model the
     * rule was planned with may be older, another request's rule created since.
     *
     * @throws RejectedException naming the first rule that overlaps
     */
    public static void requireNoOverlap(Collection<UniqueRule> existing, UniqueRule rule) {
        Set<Long> keys = Set.copyOf(rule.keyAttributeIds());
        for (UniqueRule other : existing) {
            Optional<Overlap> overlap = overlap(Set.copyOf(other.keyAttributeIds()), keys);
            if (overlap.isPresent()) {
                throw RejectedException.because(new Failure.UniqueRuleOverlaps(other.id(), overlap.get()));
            }
        }
    }

    /**
     * How an existing rule's keys relate to a proposed rule's: the same set, a proper subset (the new
     * rule adds nothing: whatever it forbids, the existing one already forbids), a proper superset (the
     * new rule would make the existing one redundant), or neither (empty).
     */
    public static Optional<Overlap> overlap(Set<Long> existing, Set<Long> proposed) {
        if (existing.equals(proposed)) {
            return Optional.of(Overlap.SAME);
        }
        if (proposed.containsAll(existing)) {
            return Optional.of(Overlap.EXISTING_IS_SUBSET);
        }
        if (existing.containsAll(proposed)) {
            return Optional.of(Overlap.EXISTING_IS_SUPERSET);
        }
        return Optional.empty();
    }
}
