package dev.hostclone.application.port.out;

import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reads cloud areas by id. */
public interface LoadCloudAreasPort {

    /** The areas among {@code ids} that exist. */
    CompletionStage<List<CloudArea>> loadCloudAreas(Collection<CloudAreaId> ids);
}
