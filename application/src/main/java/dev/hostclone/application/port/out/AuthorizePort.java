package dev.hostclone.application.port.out;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Decides whether an actor holds permissions; a real IAM plugs in here. */
public interface AuthorizePort {

    /** The permissions among {@code required} that the actor lacks; empty when all are held. */
    CompletionStage<List<Permission>> missingPermissions(Actor actor, List<Permission> required);
}
