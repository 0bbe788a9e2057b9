package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.DeleteObjectUniqueUseCase;
import dev.hostclone.domain.access.Actor;
import java.util.concurrent.CompletionStage;

/** Fake of {@link DeleteObjectUniqueUseCase}; by default succeeds. */
public final class FakeDeleteObjectUnique extends FakeUseCase<Long, Void> implements DeleteObjectUniqueUseCase {

    public FakeDeleteObjectUnique() {
        super(null);
    }

    @Override
    public CompletionStage<Void> deleteUniqueRule(Actor actor, long ruleId) {
        return record(actor, ruleId);
    }
}
