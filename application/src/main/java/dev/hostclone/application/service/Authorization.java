package dev.hostclone.application.service;

import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Turns the authorize port's answer into a rejection that names every missing permission. A port that answers
 * null, or a permission it was not asked for, or returns no stage at all, is broken (an application's own, most likely): the use case fails with an
 * {@link IllegalStateException} naming it and the actions asked, a fault like any other, neither a refusal nor
 * an undecided authorization, where a bare NullPointerException deep in the service said neither.
 */
public final class Authorization {

    private final AuthorizePort authorize;

    public Authorization(AuthorizePort authorize) {
        this.authorize = authorize;
    }

    /** Whether the actor holds {@code permission}; for answers that narrow a result rather than refuse it. */
    public CompletionStage<Boolean> holds(Actor actor, Permission permission) {
        List<Permission> required = List.of(permission);
        return asked(actor, required).thenApply(missing -> answered(missing, required).isEmpty());
    }

    /** Completes normally when every permission is held, else exceptionally with {@code PermissionMissing}. */
    public CompletionStage<Void> require(Actor actor, List<Permission> required) {
        return asked(actor, required).thenAccept(missing -> {
            if (!answered(missing, required).isEmpty()) {
                throw RejectedException.because(new Failure.PermissionMissing(missing));
            }
        });
    }

    /**
     * The port's stage, or a failed one if it returned none or threw: a port throwing rather than failing its stage
     * (its undecided answer or a bug) still fails the use case's stage, not its caller's thread.
     */
    private CompletionStage<List<Permission>> asked(Actor actor, List<Permission> required) {
        CompletionStage<List<Permission>> answer;
        try {
            answer = authorize.missingPermissions(actor, required);
        } catch (RuntimeException thrown) {
            return CompletableFuture.failedStage(thrown);
        }
        return answer != null ? answer : CompletableFuture.failedStage(new IllegalStateException(
                "the authorizer (AuthorizePort) returned null for " + actions(required)
                        + ", not a CompletionStage of the permissions the actor lacks"));
    }

    /**
     * {@code missing}, unless the port answered null or a permission it was not asked for: refused in its name, such
     * an answer was a refusal naming a permission the use case never needed.
     */
    private static List<Permission> answered(List<Permission> missing, List<Permission> required) {
        if (missing == null) {
            throw new IllegalStateException("the authorizer (AuthorizePort) answered null for " + actions(required)
                    + ", not the permissions the actor lacks (an empty list when it holds them all)");
        }
        List<Permission> unasked = missing.stream().filter(permission -> !required.contains(permission)).toList();
        if (!unasked.isEmpty()) {
            throw new IllegalStateException("the authorizer (AuthorizePort) answered " + described(unasked)
                    + " missing when asked for " + described(required) + ", a permission it was not asked for");
        }
        return missing;
    }

    /** Each permission's action and what it is on, since two asked for one host and answered for another differ there. */
    private static String described(List<Permission> permissions) {
        return permissions.stream().map(permission -> permission.path().isEmpty() ? permission.action().id()
                        : permission.action().id() + permission.path().stream()
                                .map(resource -> resource.type() + " " + resource.id())
                                .collect(Collectors.joining(", ", " on ", "")))
                .collect(Collectors.joining("; "));
    }

    private static String actions(List<Permission> required) {
        return required.stream().map(permission -> permission.action().id()).distinct()
                .collect(Collectors.joining(", "));
    }
}
