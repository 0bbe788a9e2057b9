package dev.hostclone.application.service;

import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.CreateBusinessPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.creation.NewBusiness;
import dev.hostclone.domain.host.HostFields;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Checks and stores a new business; only administrators may create one. */
public final class CreateBusinessService implements CreateBusinessUseCase {

    private final CreateBusinessPort businesses;
    private final Authorization authorization;
    private final ClockPort clock;

    public CreateBusinessService(CreateBusinessPort businesses, Authorization authorization, ClockPort clock) {
        this.businesses = businesses;
        this.authorization = authorization;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Business> createBusiness(Actor actor, CreateBusinessCommand command) {
        return authorization.require(actor, List.of(Permission.onPlatform(Action.CREATE_BUSINESS, Resource.BUSINESS)))
                .thenCompose(authorized -> {
                    Map<String, Object> properties = NewBusiness.properties(command.fields());
                    String now = HostFields.timestamp(clock.now());
                    properties.put("bk_supplier_account", "0");
                    properties.put("default", 0L);
                    properties.put(HostFields.CREATE_TIME, now);
                    properties.put(HostFields.LAST_TIME, now);
                    properties.put(HostFields.CREATED_AT, now);
                    properties.put(HostFields.CREATED_BY, actor.user());
                    properties.put(HostFields.UPDATED_AT, now);
                    properties.put(HostFields.UPDATED_BY, actor.user());
                    return businesses.createBusiness(properties);
                });
    }
}
