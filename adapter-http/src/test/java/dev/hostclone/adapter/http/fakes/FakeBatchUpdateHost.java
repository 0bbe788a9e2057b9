package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.BatchUpdateHostCommand;
import dev.hostclone.application.port.in.BatchUpdateHostUseCase;
import dev.hostclone.application.port.in.BatchUpdateOutcome;
import dev.hostclone.domain.access.Actor;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link BatchUpdateHostUseCase}; by default succeeds. */
public final class FakeBatchUpdateHost extends FakeUseCase<BatchUpdateHostCommand, BatchUpdateOutcome>
        implements BatchUpdateHostUseCase {

    public FakeBatchUpdateHost() {
        super(new BatchUpdateOutcome(List.of()));
    }

    @Override
    public CompletionStage<BatchUpdateOutcome> batchUpdateHosts(Actor actor, BatchUpdateHostCommand command) {
        return record(actor, command);
    }
}
