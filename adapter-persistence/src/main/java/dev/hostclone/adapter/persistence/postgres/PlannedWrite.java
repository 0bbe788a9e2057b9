package dev.hostclone.adapter.persistence.postgres;

import dev.hostclone.domain.model.BatchKeys;
import dev.hostclone.domain.model.BatchKeys.Claim;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A host write planned inside its transaction, on what it locked: the claims of the plan last run, from
 * which {@link KeyClaims#withCollisionsNamed} names a collision, and what the plan threw, which is the
 * caller's own and not a fault of the store's to wrap. Shared by every run of one write.
 */
final class PlannedWrite {

    private final AtomicReference<List<Claim>> claims = new AtomicReference<>(List.of());
    private final AtomicReference<RuntimeException> planFailed = new AtomicReference<>();

    /** What {@code plan} returns, or what it throws, kept as the caller's own. */
    <T> Future<T> plan(Supplier<T> plan) {
        try {
            return Future.succeededFuture(plan.get());
        } catch (RuntimeException failed) {
            planFailed.set(failed);
            return Future.failedFuture(failed);
        }
    }

    /** Keeps the plan's claims; failed with {@code RejectedException(Duplicated)} when two of them collide. */
    Future<Void> claim(Supplier<List<Claim>> planned) {
        try {
            claims.set(planned.get());
            BatchKeys.requireDistinct(claims.get());
            return Future.succeededFuture();
        } catch (RuntimeException refused) {
            return Future.failedFuture(refused);
        }
    }

    /** The claims of the plan last run. */
    List<Claim> claims() {
        return claims.get();
    }

    /** Whether {@code failure} is what the plan threw. */
    boolean threw(Throwable failure) {
        return failure == planFailed.get();
    }
}
