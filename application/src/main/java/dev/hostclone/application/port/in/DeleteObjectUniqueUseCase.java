package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import java.util.concurrent.CompletionStage;

/** Deletes a host unique rule (API.md §5, delete_object_unique); built-in rules cannot be deleted. */
public interface DeleteObjectUniqueUseCase {

    CompletionStage<Void> deleteUniqueRule(Actor actor, DeleteObjectUniqueCommand command);
}
