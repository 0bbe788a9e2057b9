package dev.hostclone.bootstrap;

import dev.hostclone.application.port.out.ClockPort;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The system clock, whose waits end on the caller's Vert.x context: a retry that backs off from a
 * request's event loop resumes on that loop, where the PostgreSQL store keeps that loop's own
 * connections (one pool per event loop). A caller outside Vert.x (an embedding application's thread)
 * waits as {@link ClockPort} does by default.
 *
 * <p>Its time is in whole microseconds, the finest PostgreSQL keeps: on Linux the JDK's clock reads nanoseconds,
 * which the memory store kept, so that until 2026-12-06 two records stamped within one microsecond sorted by
 * {@code operation_time} one way on memory and, tied there and ordered by id, the other way on PostgreSQL.
 */
final class EventLoopClock implements ClockPort {

    private final Clock system = Clock.systemUTC();

    @Override
    public Instant now() {
        return system.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public CompletionStage<Void> after(Duration delay) {
        Context context = Vertx.currentContext();
        if (context == null) {
            return ClockPort.super.after(delay);
        }
        CompletableFuture<Void> waited = new CompletableFuture<>();
        long millis = delay.toMillis();
        if (millis < 1) {
            // a Vert.x timer waits at least a millisecond: no wait at all is the next turn of the loop
            context.runOnContext(ignored -> waited.complete(null));
        } else {
            // a timer set on a context's thread fires on that context
            context.owner().setTimer(millis, ignored -> waited.complete(null));
        }
        return waited;
    }
}
