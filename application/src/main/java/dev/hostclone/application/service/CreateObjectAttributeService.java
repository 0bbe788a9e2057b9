package dev.hostclone.application.service;

import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.application.port.in.CreateObjectAttributeUseCase;
import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.model.Attribute;
import dev.hostclone.domain.model.AttributeDefinition;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Adds a host attribute. A global one (create_object_attribute) needs the platform-wide right to edit
 * the model (administrators); a business custom field (create_biz_custom_field) needs the business to
 * exist ({@code BusinessNotFound}) and the right to edit that business's custom fields (its maintainers
 * too). Then the definition is checked by {@link AttributeDefinition}, and the store refuses an id or
 * name that a host of some business would then see twice ({@code Duplicated}).
 */
public final class CreateObjectAttributeService implements CreateObjectAttributeUseCase {

    private final LoadBusinessPort businesses;
    private final ChangeHostModelPort changes;
    private final Authorization authorization;
    private final ClockPort clock;

    public CreateObjectAttributeService(LoadBusinessPort businesses, ChangeHostModelPort changes,
                                        Authorization authorization, ClockPort clock) {
        this.businesses = businesses;
        this.changes = changes;
        this.authorization = authorization;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Attribute> createAttribute(Actor actor, CreateObjectAttributeCommand command) {
        return authorize(actor, command.business()).thenCompose(authorized -> changes.createAttribute(
                AttributeDefinition.parse(command.definition(), command.business(), actor.user(), clock.now())));
    }

    private CompletionStage<Void> authorize(Actor actor, BusinessId business) {
        if (business == null) {
            return authorization.require(actor, List.of(Permission.onPlatform(Action.EDIT_MODEL, Resource.MODEL)));
        }
        return businesses.loadBusiness(business)
                .thenApply(found -> found.orElseThrow(() -> RejectedException.because(
                        new Failure.BusinessNotFound(business.value()))))
                .thenCompose(found -> authorization.require(actor,
                        List.of(Permission.onBusiness(Action.EDIT_BUSINESS_CUSTOM_FIELD, business))));
    }
}
