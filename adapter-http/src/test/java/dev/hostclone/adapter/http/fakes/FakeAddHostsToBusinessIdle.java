package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link AddHostsToBusinessIdleUseCase}; by default answers host id 1. */
public final class FakeAddHostsToBusinessIdle extends FakeUseCase<AddHostsCommand, List<HostId>>
        implements AddHostsToBusinessIdleUseCase {

    public FakeAddHostsToBusinessIdle() {
        super(List.of(HostId.of(1)));
    }

    @Override
    public CompletionStage<List<HostId>> addHostsToBusinessIdle(Actor actor, AddHostsCommand command) {
        return record(actor, command);
    }
}
