package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.UniqueRule;
import java.util.concurrent.CompletionStage;

/**
 * Adds a host unique rule over the attributes with these ids (API.md §5, create_object_unique).
 * Refused when the keys repeat or name no attribute, when a rule with the same keys, a subset or a
 * superset exists, or when existing hosts already violate it (naming the duplicate values).
 */
public interface CreateObjectUniqueUseCase {

    CompletionStage<UniqueRule> createUniqueRule(Actor actor, CreateObjectUniqueCommand command);
}
