package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.DeleteObjectUniqueCommand;
import dev.hostclone.application.port.in.DeleteObjectUniqueUseCase;
import dev.hostclone.domain.access.Actor;
import java.util.concurrent.CompletionStage;

/** Fake of {@link DeleteObjectUniqueUseCase}; by default succeeds. */
public final class FakeDeleteObjectUnique extends FakeUseCase<DeleteObjectUniqueCommand, Void> implements DeleteObjectUniqueUseCase {

    public FakeDeleteObjectUnique() {
        super(null);
    }

    @Override
    public CompletionStage<Void> deleteUniqueRule(Actor actor, DeleteObjectUniqueCommand command) {
        return record(actor, command);
    }
}
