package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.Attribute;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Lists host attributes (API.md §5, search_object_attribute), as {@link SearchObjectAttributeQuery} asks. */
public interface SearchObjectAttributeUseCase {

    CompletionStage<List<Attribute>> searchAttributes(Actor actor, SearchObjectAttributeQuery query);
}
