package dev.hostclone.domain.model;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

/**
 * The host model: every attribute (global and business-scoped) and every unique rule. Immutable;
 * {@code revision} grows with each change so caches can tell a stale copy. Because it never changes,
 * what every clone derives from it (the key fields, each business's cloneable fields) is worked out
 * once per model and business, not once per request.
 */
public final class HostModel {

    private final List<Attribute> attributes;
    private final List<UniqueRule> uniqueRules;
    private final long revision;
    private final Set<String> uniqueKeyPropertyIds;
    private final ConcurrentMap<BusinessId, Set<String>> cloneableFields = new ConcurrentHashMap<>();

    public HostModel(List<Attribute> attributes, List<UniqueRule> uniqueRules, long revision) {
        this.attributes = List.copyOf(attributes);
        this.uniqueRules = List.copyOf(uniqueRules);
        this.revision = revision;
        this.uniqueKeyPropertyIds = keyPropertyIdsOf(this.attributes, this.uniqueRules);
    }

    public List<Attribute> attributes() {
        return attributes;
    }

    public List<UniqueRule> uniqueRules() {
        return uniqueRules;
    }

    public long revision() {
        return revision;
    }

    /** The fields a clone copies within {@code biz}, by the rule of {@link CloneableFields}. */
    public Set<String> cloneableFields(BusinessId biz) {
        return cloneableFields.computeIfAbsent(biz, business -> CloneableFields.of(this, business));
    }

    /** Global attributes plus the custom fields of {@code biz}, in model order. */
    public List<Attribute> visibleIn(BusinessId biz) {
        return attributes.stream().filter(attribute -> attribute.isVisibleIn(biz)).toList();
    }

    public List<Attribute> global() {
        return attributes.stream().filter(Attribute::isGlobal).toList();
    }

    /** The attribute a host of {@code biz} knows under {@code propertyId}. */
    public Optional<Attribute> attribute(String propertyId, BusinessId biz) {
        return attributes.stream()
                .filter(attribute -> attribute.propertyId().equals(propertyId) && attribute.isVisibleIn(biz))
                .findFirst();
    }

    /**
     * The attribute a host of {@code biz} knows under {@code propertyId}.
     *
     * @throws RejectedException {@code InvalidValue(propertyId, UNKNOWN_ATTRIBUTE)} when there is none
     */
    public Attribute requireAttribute(String propertyId, BusinessId biz) {
        return attribute(propertyId, biz).orElseThrow(() -> RejectedException.because(
                new Failure.InvalidValue(propertyId, InvalidReason.UNKNOWN_ATTRIBUTE, null)));
    }

    public Optional<Attribute> attributeById(long id) {
        return attributes.stream().filter(attribute -> attribute.id() == id).findFirst();
    }

    public Optional<UniqueRule> uniqueRule(long id) {
        return uniqueRules.stream().filter(rule -> rule.id() == id).findFirst();
    }

    /** Property ids of a rule's keys, in key order. */
    public List<String> keyPropertyIds(UniqueRule rule) {
        Map<Long, String> byId = new HashMap<>();
        attributes.forEach(attribute -> byId.put(attribute.id(), attribute.propertyId()));
        return rule.keyAttributeIds().stream().map(byId::get).toList();
    }

    /** Every property id that is a key of some unique rule. */
    public Set<String> uniqueKeyPropertyIds() {
        return uniqueKeyPropertyIds;
    }

    public HostModel withAttribute(Attribute attribute) {
        List<Attribute> next = new ArrayList<>(attributes);
        next.add(attribute);
        return new HostModel(next, uniqueRules, revision + 1);
    }

    public HostModel withUniqueRule(UniqueRule rule) {
        List<UniqueRule> next = new ArrayList<>(uniqueRules);
        next.add(rule);
        return new HostModel(attributes, next, revision + 1);
    }

    public HostModel withoutUniqueRule(long ruleId) {
        return new HostModel(attributes,
                uniqueRules.stream().filter(rule -> rule.id() != ruleId).toList(), revision + 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostModel model && revision == model.revision && attributes.equals(model.attributes)
                && uniqueRules.equals(model.uniqueRules);
    }

    @Override
    public int hashCode() {
        return Objects.hash(attributes, uniqueRules, revision);
    }

    @Override
    public String toString() {
        return "HostModel[revision=" + revision + ", attributes=" + attributes.size() + ", uniqueRules=" + uniqueRules.size() + "]";
    }

    private static Set<String> keyPropertyIdsOf(List<Attribute> attributes, List<UniqueRule> uniqueRules) {
        Set<Long> keyIds = uniqueRules.stream()
                .flatMap(rule -> rule.keyAttributeIds().stream())
                .collect(Collectors.toSet());
        return Collections.unmodifiableSet(attributes.stream()
                .filter(attribute -> keyIds.contains(attribute.id()))
                .map(Attribute::propertyId)
                .collect(Collectors.<String, Set<String>>toCollection(LinkedHashSet::new)));
    }
}
