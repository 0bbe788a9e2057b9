package dev.hostclone.application.service;

import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Turns the authorize port's answer into a rejection that names every missing permission. */
public final class Authorization {

    private final AuthorizePort authorize;

    public Authorization(AuthorizePort authorize) {
        this.authorize = authorize;
    }

    /** Whether the actor holds {@code permission}; for answers that narrow a result rather than refuse it. */
    public CompletionStage<Boolean> holds(Actor actor, Permission permission) {
        return authorize.missingPermissions(actor, List.of(permission)).thenApply(List::isEmpty);
    }

    /** Completes normally when every permission is held, else exceptionally with {@code PermissionMissing}. */
    public CompletionStage<Void> require(Actor actor, List<Permission> required) {
        return authorize.missingPermissions(actor, required).thenAccept(missing -> {
            if (!missing.isEmpty()) {
                throw RejectedException.because(new Failure.PermissionMissing(missing));
            }
        });
    }
}
