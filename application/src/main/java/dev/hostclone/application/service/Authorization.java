package dev.hostclone.application.service;

import dev.hostclone.application.port.in.AuthorizationUndecidedException;
import dev.hostclone.application.port.out.AuthorizePort;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Turns the authorize port's answer into a rejection that names every missing permission. A port that answers
 * null, or a permission it was not asked for, or returns no stage at all, is broken (an application's own, most likely): the use case fails with an
 * {@link IllegalStateException} naming it and the actions asked, a fault like any other, neither a refusal nor
 * an undecided authorization, where a bare NullPointerException deep in the service said neither.
 *
 * <p><b>Where the port is asked.</b> The built-in port is asked where the use case runs (a server's request's event
 * loop), at no cost: it only reads the store, within the store's timeout. An application's port is asked {@link
 * #elsewhere}: on an executor the runtime gives (the embedding facade's completion executor), so that a port that
 * blocks (a JDBC or HTTP call, a {@code join()} on another use case, closing its HostClone) holds none of the
 * threads the use cases and the store run on, and bounded, so that one that never answers fails the use case as
 * undecided rather than leave it waiting for good. Until 2026-12-06 an embedding application's port was asked on HostClone's event loop, which a port that
 * waited for a nested call held while that call waited for it.
 */
public final class Authorization {

    private final AuthorizePort authorize;
    /** Null: the port is asked on the thread the use case runs on, unbounded. */
    private final Executor asking;
    private final Duration bound;

    /** {@code authorize} asked on the thread the use case runs on: the built-in port's way. */
    public Authorization(AuthorizePort authorize) {
        this.authorize = authorize;
        this.asking = null;
        this.bound = null;
    }

    private Authorization(AuthorizePort authorize, Executor asking, Duration bound) {
        this.authorize = authorize;
        this.asking = asking;
        this.bound = bound;
    }

    /**
     * {@code authorize} asked on {@code asking}, which must run every task it is given (one it refuses fails the
     * use case), and the use case continued there; its stage not completed within {@code bound} fails the use case
     * with an {@link AuthorizationUndecidedException} saying so, its late answer ignored.
     */
    public static Authorization elsewhere(AuthorizePort authorize, Executor asking, Duration bound) {
        Objects.requireNonNull(asking, "asking");
        if (Objects.requireNonNull(bound, "bound").toMillis() < 1) {
            throw new IllegalArgumentException("an authorizer's bound must be at least 1 ms, not " + bound);
        }
        return new Authorization(authorize, asking, bound);
    }

    /** Whether the actor holds {@code permission}; for answers that narrow a result rather than refuse it. */
    public CompletionStage<Boolean> holds(Actor actor, Permission permission) {
        List<Permission> required = List.of(permission);
        return asked(actor, required).thenApply(missing -> answered(missing, required).isEmpty());
    }

    /**
     * Those of {@code permissions} the actor holds, in their order; for answers narrowed to what may be seen, one
     * call for them all (viewing each of the businesses a search matched).
     */
    public CompletionStage<List<Permission>> held(Actor actor, List<Permission> permissions) {
        return asked(actor, permissions).thenApply(missing -> {
            Set<Permission> lacking = new HashSet<>(answered(missing, permissions));
            return lacking.isEmpty() ? permissions
                    : permissions.stream().filter(permission -> !lacking.contains(permission)).toList();
        });
    }

    /** Completes normally when every permission is held, else exceptionally with {@code PermissionMissing}. */
    public CompletionStage<Void> require(Actor actor, List<Permission> required) {
        return asked(actor, required).thenAccept(missing -> {
            if (!answered(missing, required).isEmpty()) {
                throw RejectedException.because(new Failure.PermissionMissing(missing));
            }
        });
    }

    private CompletionStage<List<Permission>> asked(Actor actor, List<Permission> required) {
        return asking == null ? askedHere(actor, required) : askedElsewhere(actor, required);
    }

    /**
     * The port's answer, asked on {@link #asking} and completed there, so that the use case goes on there too (on
     * the thread that asked, when the port answered as it returned; else handed over, rather than run on whatever
     * thread of the application's completed the port's stage); or an {@link AuthorizationUndecidedException} once
     * {@link #bound} has passed first, the timer's and the answer's race settled by which completes
     * {@code deadline}: the JDK's timer, cancelled as soon as the port answers.
     */
    private CompletionStage<List<Permission>> askedElsewhere(Actor actor, List<Permission> required) {
        CompletableFuture<List<Permission>> answer = new CompletableFuture<>();
        CompletableFuture<Void> deadline = new CompletableFuture<Void>()
                .orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS);
        deadline.whenComplete((ignored, expired) -> {
            if (expired != null) {
                handOver(answer, () -> answer.completeExceptionally(new AuthorizationUndecidedException(
                        "the authorizer (AuthorizePort) did not answer within " + bound.toMillis() + " ms for "
                                + actions(required))));
            }
        });
        boolean handedOver = handOver(answer, () -> {
            if (deadline.isDone()) {
                return; // the executor ran it past the bound: the use case has failed, and the port is not asked
            }
            Thread asker = Thread.currentThread();
            askedHere(actor, required).whenComplete((missing, failure) -> {
                if (!deadline.complete(null)) {
                    return;
                }
                Runnable settle = () -> {
                    if (failure != null) {
                        answer.completeExceptionally(failure);
                    } else {
                        answer.complete(missing);
                    }
                };
                if (Thread.currentThread() == asker) {
                    settle.run();
                } else {
                    handOver(answer, settle);
                }
            });
        });
        if (!handedOver) {
            deadline.complete(null); // its timer, up to the bound away, would otherwise hold the use case till then
        }
        return answer;
    }

    /** {@code task} on {@link #asking}, or {@code answer} failed with the refusal when it refuses: whether it took it. */
    private boolean handOver(CompletableFuture<?> answer, Runnable task) {
        try {
            asking.execute(task);
            return true;
        } catch (RuntimeException refused) {
            answer.completeExceptionally(refused);
            return false;
        }
    }

    /**
     * The port's stage, or a failed one if it returned none or threw: a port throwing rather than failing its stage
     * (its undecided answer or a bug) still fails the use case's stage, not its caller's thread.
     */
    private CompletionStage<List<Permission>> askedHere(Actor actor, List<Permission> required) {
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
        if (missing.isEmpty()) {
            return missing; // the usual answer, with no stream: that was 1.4 % of a memory clone's CPU (stop 90)
        }
        // a set: a search's one call may ask about thousands of businesses, and a list's contains made that quadratic
        Set<Permission> asked = new HashSet<>(required);
        List<Permission> unasked = missing.stream().filter(permission -> !asked.contains(permission)).toList();
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
