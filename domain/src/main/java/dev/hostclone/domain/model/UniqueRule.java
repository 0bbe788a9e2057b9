package dev.hostclone.domain.model;

import java.util.List;

/**
 * A host unique rule: no two hosts may share the values of all its key attributes. A rule binds a
 * host only when every key has a value; {@code staticAddressingOnly} rules (inner IP + cloud)
 * bind only hosts with {@code bk_addressing = static}.
 */
public record UniqueRule(long id, List<Long> keyAttributeIds, boolean builtIn, boolean staticAddressingOnly) {

    public UniqueRule {
        keyAttributeIds = List.copyOf(keyAttributeIds);
        if (keyAttributeIds.isEmpty()) {
            throw new IllegalArgumentException("a unique rule needs at least one key");
        }
    }

    public UniqueRule withId(long newId) {
        return new UniqueRule(newId, keyAttributeIds, builtIn, staticAddressingOnly);
    }
}
