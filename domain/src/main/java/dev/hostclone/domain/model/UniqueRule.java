package dev.hostclone.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A host unique rule: no two hosts may share the values of all its key attributes. A rule binds a
 * host only when every key has a value; {@code staticAddressingOnly} rules (inner IP + cloud)
 * bind only hosts with {@code bk_addressing = static}. {@code lastTime} is when it was made (BlueKing's
 * {@code last_time}, which it also moves when a rule's keys are replaced; no API here replaces them): a
 * built-in rule's is its model's, when the store was first made.
 */
public record UniqueRule(long id, List<Long> keyAttributeIds, boolean builtIn, boolean staticAddressingOnly,
                         Instant lastTime) {

    public UniqueRule {
        keyAttributeIds = List.copyOf(keyAttributeIds);
        if (keyAttributeIds.isEmpty()) {
            throw new IllegalArgumentException("a unique rule needs at least one key");
        }
        Objects.requireNonNull(lastTime, "lastTime");
    }

    public UniqueRule withId(long newId) {
        return new UniqueRule(newId, keyAttributeIds, builtIn, staticAddressingOnly, lastTime);
    }
}
