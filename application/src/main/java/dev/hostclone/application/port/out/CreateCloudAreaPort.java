package dev.hostclone.application.port.out;

import dev.hostclone.domain.cloud.CloudArea;
import java.util.concurrent.CompletionStage;

/** Stores a new cloud area, assigning its id (ids grow from 2; 0 is the default area, 1 BlueKing's reserved one). */
public interface CreateCloudAreaPort {

    /**
     * Completes with {@code area} under its new id; exceptionally with a
     * {@code RejectedException(Duplicated([bk_cloud_name], [name]))} when the name is taken.
     * The id of {@code area} is ignored.
     */
    CompletionStage<CloudArea> createCloudArea(CloudArea area);
}
