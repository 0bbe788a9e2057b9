package dev.hostclone.application.service;

import dev.hostclone.application.port.in.CreateCloudAreaCommand;
import dev.hostclone.application.port.in.CreateCloudAreaUseCase;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.CreateCloudAreaPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.creation.NewCloudArea;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Creates a cloud area: only who may create cloud areas platform-wide (the administrators), then the
 * fields by {@link NewCloudArea}, then the store, which refuses a name already taken.
 */
public final class CreateCloudAreaService implements CreateCloudAreaUseCase {

    private final CreateCloudAreaPort cloudAreas;
    private final Authorization authorization;
    private final ClockPort clock;

    public CreateCloudAreaService(CreateCloudAreaPort cloudAreas, Authorization authorization, ClockPort clock) {
        this.cloudAreas = cloudAreas;
        this.authorization = authorization;
        this.clock = clock;
    }

    @Override
    public CompletionStage<CloudArea> createCloudArea(Actor actor, CreateCloudAreaCommand command) {
        return authorization.require(actor, List.of(Permission.onPlatform(Action.CREATE_CLOUD_AREA, Resource.CLOUD_AREA)))
                .thenCompose(authorized -> cloudAreas.createCloudArea(NewCloudArea.of(command.fields(), actor.user(), clock.now())));
    }
}
