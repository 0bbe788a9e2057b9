package dev.hostclone.application.service;

import dev.hostclone.application.port.in.SearchObjectAttributeQuery;
import dev.hostclone.application.port.in.SearchObjectAttributeUseCase;
import dev.hostclone.application.port.out.LoadCurrentHostModelPort;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeSearch;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Lists host attributes for any authenticated user (the model is no business's data), selected by
 * {@link AttributeSearch}. A business that does not exist simply has no custom fields.
 */
public final class SearchObjectAttributeService implements SearchObjectAttributeUseCase {

    private final LoadCurrentHostModelPort model;

    public SearchObjectAttributeService(LoadCurrentHostModelPort model) {
        this.model = model;
    }

    @Override
    public CompletionStage<List<Attribute>> searchAttributes(Actor actor, SearchObjectAttributeQuery query) {
        return model.loadCurrentHostModel()
                .thenApply(hostModel -> AttributeSearch.select(hostModel, query.business(), query.condition()));
    }
}
