package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.SearchObjectAttributeUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.model.Attribute;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Fake of {@link SearchObjectAttributeUseCase}; by default finds nothing. */
public final class FakeSearchObjectAttribute extends FakeUseCase<FakeSearchObjectAttribute.Search, List<Attribute>>
        implements SearchObjectAttributeUseCase {

    /** The arguments of one call. */
    public record Search(BusinessId business, Map<String, Object> condition) {}

    public FakeSearchObjectAttribute() {
        super(List.of());
    }

    @Override
    public CompletionStage<List<Attribute>> searchAttributes(Actor actor, BusinessId business, Map<String, Object> condition) {
        return record(actor, new Search(business, condition));
    }
}
