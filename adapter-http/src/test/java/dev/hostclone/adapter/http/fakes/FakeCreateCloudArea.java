package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.CreateCloudAreaCommand;
import dev.hostclone.application.port.in.CreateCloudAreaUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import java.time.Instant;
import java.util.concurrent.CompletionStage;

/** Fake of {@link CreateCloudAreaUseCase}; by default answers area 2 named "aws". */
public final class FakeCreateCloudArea extends FakeUseCase<CreateCloudAreaCommand, CloudArea> implements CreateCloudAreaUseCase {

    public FakeCreateCloudArea() {
        super(new CloudArea(CloudAreaId.of(2), "aws", "admin", Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Override
    public CompletionStage<CloudArea> createCloudArea(Actor actor, CreateCloudAreaCommand command) {
        return record(actor, command);
    }
}
