package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import java.util.concurrent.CompletionStage;

/** Finds cloud areas (API.md §5, search_cloud_area); area 0 "Default Area" always exists. */
public interface SearchCloudAreaUseCase {

    CompletionStage<Page<CloudArea>> searchCloudAreas(Actor actor, CloudAreaQuery query);
}
