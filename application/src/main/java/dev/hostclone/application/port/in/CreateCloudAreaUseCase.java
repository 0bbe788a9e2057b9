package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.cloud.CloudArea;
import java.util.concurrent.CompletionStage;

/**
 * Creates a cloud area (API.md §5, create_cloud_area): {@code bk_cloud_name} required and unique,
 * the optional attributes of {@link CloudArea#OPTIONAL_PROPERTIES}, nothing else.
 */
public interface CreateCloudAreaUseCase {

    /** Completes with the stored area, its {@code bk_cloud_id} assigned. */
    CompletionStage<CloudArea> createCloudArea(Actor actor, CreateCloudAreaCommand command);
}
