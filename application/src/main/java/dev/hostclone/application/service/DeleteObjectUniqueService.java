package dev.hostclone.application.service;

import dev.hostclone.application.port.in.DeleteObjectUniqueCommand;
import dev.hostclone.application.port.in.DeleteObjectUniqueUseCase;
import dev.hostclone.application.port.out.ChangeHostModelPort;
import dev.hostclone.application.port.out.LoadCurrentHostModelPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.model.UniqueRule;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Deletes a host unique rule: only who may edit the model platform-wide (administrators); a rule that
 * does not exist (or no longer does when the store gets to it) is {@code InvalidValue("id",
 * DOES_NOT_EXIST, id)}; a built-in rule is {@code Forbidden("id", BUILT_IN, id)}.
 */
public final class DeleteObjectUniqueService implements DeleteObjectUniqueUseCase {

    public static final String ID = "id";

    private final LoadCurrentHostModelPort model;
    private final ChangeHostModelPort changes;
    private final Authorization authorization;

    public DeleteObjectUniqueService(LoadCurrentHostModelPort model, ChangeHostModelPort changes, Authorization authorization) {
        this.model = model;
        this.changes = changes;
        this.authorization = authorization;
    }

    @Override
    public CompletionStage<Void> deleteUniqueRule(Actor actor, DeleteObjectUniqueCommand command) {
        long ruleId = command.ruleId();
        return authorization.require(actor, List.of(Permission.onPlatform(Action.EDIT_MODEL, Resource.MODEL)))
                .thenCompose(authorized -> model.loadCurrentHostModel())
                .thenCompose(hostModel -> {
                    UniqueRule rule = hostModel.uniqueRule(ruleId).orElseThrow(() -> doesNotExist(ruleId));
                    if (rule.builtIn()) {
                        throw RejectedException.because(new Failure.Forbidden(ID, InvalidReason.BUILT_IN, ruleId));
                    }
                    return changes.deleteUniqueRule(ruleId);
                })
                .thenAccept(deleted -> {
                    if (!deleted) {
                        throw doesNotExist(ruleId);
                    }
                });
    }

    private static RejectedException doesNotExist(long ruleId) {
        return RejectedException.because(new Failure.InvalidValue(ID, InvalidReason.DOES_NOT_EXIST, ruleId));
    }
}
