package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.SearchObjectUniqueUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.UniqueRule;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link SearchObjectUniqueUseCase}; by default finds no rule. Records a null input per call. */
public final class FakeSearchObjectUnique extends FakeUseCase<Void, List<UniqueRule>> implements SearchObjectUniqueUseCase {

    public FakeSearchObjectUnique() {
        super(List.of());
    }

    @Override
    public CompletionStage<List<UniqueRule>> searchUniqueRules(Actor actor) {
        return record(actor, null);
    }
}
