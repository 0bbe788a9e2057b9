package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.UniqueRule;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Lists the host unique rules (API.md §5, search_object_unique). */
public interface SearchObjectUniqueUseCase {

    CompletionStage<List<UniqueRule>> searchUniqueRules(Actor actor);
}
