package dev.hostclone.application.port.out;

import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import java.util.concurrent.CompletionStage;

/** Finds cloud areas by their id, name or other properties. */
public interface SearchCloudAreasPort {

    CompletionStage<Page<CloudArea>> searchCloudAreas(CloudAreaQuery query);
}
