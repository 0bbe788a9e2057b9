package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.BatchUpdateHostUseCase;
import dev.hostclone.application.port.in.BatchUpdateOutcome;
import dev.hostclone.application.port.in.HostPropertiesUpdate;
import dev.hostclone.domain.access.Actor;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link BatchUpdateHostUseCase}; by default succeeds. */
public final class FakeBatchUpdateHost extends FakeUseCase<List<HostPropertiesUpdate>, BatchUpdateOutcome>
        implements BatchUpdateHostUseCase {

    public FakeBatchUpdateHost() {
        super(new BatchUpdateOutcome(List.of()));
    }

    @Override
    public CompletionStage<BatchUpdateOutcome> batchUpdateHosts(Actor actor, List<HostPropertiesUpdate> updates) {
        return record(actor, updates);
    }
}
