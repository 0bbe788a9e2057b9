package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import java.util.concurrent.CompletionStage;

/** Fake of {@link CloneHostPropertyUseCase}; by default nothing is written. */
public final class FakeCloneHostProperty extends FakeUseCase<CloneHostPropertyCommand, CloneOutcome>
        implements CloneHostPropertyUseCase {

    public FakeCloneHostProperty() {
        super(new CloneOutcome.NothingWritten(CloneOutcome.Reason.ALREADY_EQUAL));
    }

    @Override
    public CompletionStage<CloneOutcome> cloneHostProperty(Actor actor, CloneHostPropertyCommand command) {
        return record(actor, command);
    }
}
