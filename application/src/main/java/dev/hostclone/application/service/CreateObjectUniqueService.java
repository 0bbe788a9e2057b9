package dev.hostclone.application.service;

import dev.hostclone.application.port.in.CreateObjectUniqueCommand;
import dev.hostclone.application.port.in.CreateObjectUniqueUseCase;
import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.LoadCurrentHostModelPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.model.UniqueKeys;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.model.UniqueRuleDefinition;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Adds a host unique rule, made now: only who may edit the model platform-wide (administrators); the keys are
 * checked against the current model by {@link UniqueRuleDefinition}; the store then keys every existing
 * host under the new rule and refuses it when two hosts share a key ({@code ExistingDataViolatesRule}).
 * The keys handed to the store are computed for the rule as given, id 0, and carry that id: the store,
 * which assigns the real id, files them under it ({@code UniqueKey.underRule}).
 */
public final class CreateObjectUniqueService implements CreateObjectUniqueUseCase {

    private final LoadCurrentHostModelPort model;
    private final ChangeHostModelPort changes;
    private final Authorization authorization;
    private final ClockPort clock;

    public CreateObjectUniqueService(LoadCurrentHostModelPort model, ChangeHostModelPort changes, Authorization authorization,
                                     ClockPort clock) {
        this.model = model;
        this.changes = changes;
        this.authorization = authorization;
        this.clock = clock;
    }

    @Override
    public CompletionStage<UniqueRule> createUniqueRule(Actor actor, CreateObjectUniqueCommand command) {
        return authorization.require(actor, List.of(Permission.onPlatform(Action.EDIT_MODEL, Resource.MODEL)))
                .thenCompose(authorized -> model.loadCurrentHostModel())
                .thenCompose(hostModel -> {
                    UniqueRule rule = UniqueRuleDefinition.rule(command.keyAttributeIds(), hostModel, clock.now());
                    return changes.createUniqueRule(rule, host -> UniqueKeys.of(host.document(), rule, hostModel));
                });
    }
}
