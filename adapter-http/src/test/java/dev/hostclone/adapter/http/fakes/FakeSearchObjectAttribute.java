package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.SearchObjectAttributeQuery;
import dev.hostclone.application.port.in.SearchObjectAttributeUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.Attribute;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link SearchObjectAttributeUseCase}; by default finds nothing. */
public final class FakeSearchObjectAttribute extends FakeUseCase<SearchObjectAttributeQuery, List<Attribute>>
        implements SearchObjectAttributeUseCase {

    public FakeSearchObjectAttribute() {
        super(List.of());
    }

    @Override
    public CompletionStage<List<Attribute>> searchAttributes(Actor actor, SearchObjectAttributeQuery query) {
        return record(actor, query);
    }
}
