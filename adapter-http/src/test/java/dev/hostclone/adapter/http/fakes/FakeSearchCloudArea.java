package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.SearchCloudAreaUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link SearchCloudAreaUseCase}; by default finds the Default Area. */
public final class FakeSearchCloudArea extends FakeUseCase<CloudAreaQuery, Page<CloudArea>> implements SearchCloudAreaUseCase {

    public FakeSearchCloudArea() {
        super(new Page<>(1, List.of(
                new CloudArea(CloudAreaId.DEFAULT, CloudArea.DEFAULT_NAME, "", Instant.parse("2026-01-01T00:00:00Z")))));
    }

    @Override
    public CompletionStage<Page<CloudArea>> searchCloudAreas(Actor actor, CloudAreaQuery query) {
        return record(actor, query);
    }
}
