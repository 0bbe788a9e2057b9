package dev.hostclone.domain.model;

import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The host model: every attribute (global and business-scoped) and every unique rule. Immutable;
 * {@code revision} grows with each change so caches can tell a stale copy.
 */
public record HostModel(List<Attribute> attributes, List<UniqueRule> uniqueRules, long revision) {

    public HostModel {
        attributes = List.copyOf(attributes);
        uniqueRules = List.copyOf(uniqueRules);
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
        Set<Long> keyIds = uniqueRules.stream()
                .flatMap(rule -> rule.keyAttributeIds().stream())
                .collect(Collectors.toSet());
        return attributes.stream()
                .filter(attribute -> keyIds.contains(attribute.id()))
                .map(Attribute::propertyId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    public HostModel withAttribute(Attribute attribute) {
        List<Attribute> next = new java.util.ArrayList<>(attributes);
        next.add(attribute);
        return new HostModel(next, uniqueRules, revision + 1);
    }

    public HostModel withUniqueRule(UniqueRule rule) {
        List<UniqueRule> next = new java.util.ArrayList<>(uniqueRules);
        next.add(rule);
        return new HostModel(attributes, next, revision + 1);
    }

    public HostModel withoutUniqueRule(long ruleId) {
        return new HostModel(attributes,
                uniqueRules.stream().filter(rule -> rule.id() != ruleId).toList(), revision + 1);
    }
}
