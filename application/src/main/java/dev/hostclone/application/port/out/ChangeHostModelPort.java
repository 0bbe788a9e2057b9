package dev.hostclone.application.port.out;

import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueRule;
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Changes the host model. Every change raises the model's revision, so a host write planned on an
 * older revision is refused as stale, and every server sharing the store sees the change at once.
 */
public interface ChangeHostModelPort {

    /**
     * Stores a new attribute, assigning its id (the id of {@code attribute} is ignored). Completes
     * exceptionally with {@code RejectedException(Duplicated([bk_property_id], [id]))} when a host of
     * some business would then see two attributes with that property id (a global one and a custom
     * field, or two custom fields of one business), likewise for {@code bk_property_name}.
     */
    CompletionStage<Attribute> createAttribute(Attribute attribute);

    /**
     * Stores a new unique rule (its id is assigned; the one given is ignored) together with the keys
     * every existing host holds under it, computed by {@code keysOf} from the host as stored at that
     * moment, with no host write in between. {@code keysOf} reads only the rule's key fields and
     * {@code UniqueKeys.FIELDS_READ_BESIDES_KEYS} of the host's document: a store may load no other field. Completes exceptionally with
     * {@code RejectedException(ExistingDataViolatesRule(fields, values))} when two hosts share a key;
     * nothing is stored then.
     */
    CompletionStage<UniqueRule> createUniqueRule(UniqueRule rule, Function<Host, Collection<UniqueKey>> keysOf);

    /** Deletes a rule and the keys held under it; completes with false when no such rule exists. */
    CompletionStage<Boolean> deleteUniqueRule(long ruleId);
}
