package dev.hostclone.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.domain.access.AccessPolicy;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The cast of the service tests: an administrator, alice who maintains business 2 ("shop"), carol who
 * maintains business 3 ("lab"), mallory who maintains nothing; the built-in authorization over them.
 */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    static final BusinessId SHOP = BusinessId.of(2);
    static final BusinessId LAB = BusinessId.of(3);
    static final Actor ADMIN = new Actor("app", "admin", "rid-admin");
    static final Actor ALICE = new Actor("app", "alice", "rid-alice");
    static final Actor CAROL = new Actor("app", "carol", "rid-carol");
    static final Actor MALLORY = new Actor("app", "mallory", "rid-mallory");

    private Fixtures() {
    }

    /** Businesses 2 (maintained by alice) and 3 (by carol); no other exists. */
    static LoadBusinessPort businesses() {
        return id -> CompletableFuture.completedStage(Optional.ofNullable(Map.of(SHOP, "alice", LAB, "carol").get(id))
                .map(maintainer -> new Business(id, Map.of(Business.MAINTAINER, maintainer))));
    }

    static Authorization authorization() {
        return new Authorization(new BusinessMaintainerAuthorizer(new AccessPolicy(Set.of("admin")), businesses()));
    }

    static <T> T join(CompletionStage<T> stage) {
        // a copy bounded in time: a stage never completed fails its test, where join() alone, deaf to JUnit's timeout,
        // hung the build
        return stage.toCompletableFuture().copy().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** The failure a call was rejected with, whether it threw at once or completed exceptionally. */
    static Failure failureOf(Supplier<? extends CompletionStage<?>> call) {
        Throwable thrown = catchThrowable(() -> join(call.get()));
        Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
        assertThat(cause).isInstanceOf(RejectedException.class);
        return ((RejectedException) cause).failure();
    }
}
