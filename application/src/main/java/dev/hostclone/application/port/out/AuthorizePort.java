package dev.hostclone.application.port.out;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Decides whether an actor holds permissions; an IAM plugs in here through HostClone.Options.withAuthorizer. */
public interface AuthorizePort {

    /**
     * The permissions among {@code required} that the actor lacks; empty when all are held. Completes
     * exceptionally with {@link dev.hostclone.application.port.in.AuthorizationUndecidedException} when it
     * cannot decide (the IAM unreachable, timed out, or answering what cannot be read), never with an empty
     * list for a guess; with {@link dev.hostclone.application.port.in.StoreUnavailableException} when what it
     * read the decision from was HostClone's own store, and it did not answer. Never null, nor completing with null:
     * either fails the use case as a fault. An application's port is asked where the runtime that embeds it says (the
     * embedding facade: its completion executor, never an event loop, so it may block), and one whose stage has not
     * completed within the bound that runtime sets fails the use case as undecided, its late answer ignored.
     */
    CompletionStage<List<Permission>> missingPermissions(Actor actor, List<Permission> required);
}
