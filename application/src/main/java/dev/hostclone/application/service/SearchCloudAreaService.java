package dev.hostclone.application.service;

import dev.hostclone.application.port.in.SearchCloudAreaUseCase;
import dev.hostclone.application.port.out.SearchCloudAreasPort;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import java.util.concurrent.CompletionStage;

/**
 * Finds cloud areas for any authenticated user: areas hold no business data, and every caller who adds
 * hosts must name one.
 */
public final class SearchCloudAreaService implements SearchCloudAreaUseCase {

    private final SearchCloudAreasPort cloudAreas;

    public SearchCloudAreaService(SearchCloudAreasPort cloudAreas) {
        this.cloudAreas = cloudAreas;
    }

    @Override
    public CompletionStage<Page<CloudArea>> searchCloudAreas(Actor actor, CloudAreaQuery query) {
        return cloudAreas.searchCloudAreas(query);
    }
}
