package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeClashes;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.model.UniqueRuleDefinition;
import java.util.Collection;
import java.util.function.Function;

/**
 * The host model in memory and its changes, each replacing the model whole with its revision raised.
 * Its changes need the store's lock; the model itself is read without it.
 */
final class MemoryHostModel {

    /** Replaced, never changed in place, under the lock; read without it. */
    private volatile HostModel model;
    /** New attributes and rules continue after the built-in ids and never reuse one, as PostgreSQL's sequences. */
    private long lastAttributeId;
    private long lastRuleId;

    MemoryHostModel(HostModel builtIn) {
        this.model = builtIn;
        this.lastAttributeId = builtIn.attributes().stream().mapToLong(Attribute::id).max().orElse(0);
        this.lastRuleId = builtIn.uniqueRules().stream().mapToLong(UniqueRule::id).max().orElse(0);
    }

    HostModel current() {
        return model;
    }

    Attribute createAttribute(Attribute attribute) {
        AttributeClashes.requireNone(model.attributes(), attribute);
        Attribute stored = attribute.withId(lastAttributeId + 1);
        model = model.withAttribute(stored);
        lastAttributeId = stored.id();
        return stored;
    }

    /** The rule's keys taken by {@code hosts} first: data the rule would break refuses it, changing nothing. */
    UniqueRule createUniqueRule(UniqueRule rule, Function<Host, Collection<UniqueKey>> keysOf, MemoryHosts hosts) {
        UniqueRuleDefinition.requireNoOverlap(model.uniqueRules(), rule);
        UniqueRule stored = rule.withId(lastRuleId + 1);
        hosts.holdKeysOfNewRule(stored.id(), keysOf);
        model = model.withUniqueRule(stored);
        lastRuleId = stored.id();
        return stored;
    }

    /** Whether the rule was there to delete; its keys released by {@code hosts}. */
    boolean deleteUniqueRule(long ruleId, MemoryHosts hosts) {
        if (model.uniqueRule(ruleId).isEmpty()) {
            return false;
        }
        hosts.releaseKeysOfRule(ruleId);
        model = model.withoutUniqueRule(ruleId);
        return true;
    }
}
