package dev.hostclone.bootstrap.retention;

import dev.hostclone.application.port.out.ClockPort;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit records older than {@code HOSTCLONE_AUDIT_RETENTION} (or an embedding application's retention,
 * {@code HostClone.Options.withAuditRetention}), deleted every minute by rounds of bounded batches: a round
 * deletes a batch after another until one deletes fewer than a batch (nothing that old is left), or until
 * {@link #MOST_BATCHES} have run (the next round goes on). Each batch is its own short
 * transaction, so a backlog never holds a lock or writes its WAL all at once, and a round's work is bounded
 * even when retention is first turned on over years of records.
 *
 * <p>A failed round is told once, when the rounds start failing, and once more when one succeeds again, not
 * every minute of an outage that {@code /readyz} and the store's meters already show; the next round tries
 * again, the server serves on. One INFO line per round that deleted something; none when nothing was that old.
 */
public final class AuditPruning implements AutoCloseable {

    /** Prometheus adds {@code _total}, and the gauge its unit. */
    public static final String DELETED = "hostclone.audit.records.deleted";
    public static final String ROUNDS = "hostclone.audit.retention.rounds";
    static final String LAST_SUCCESS = "hostclone.audit.retention.last.success.timestamp";
    public static final Duration EVERY = Duration.ofMinutes(1);
    /**
     * About 1.8 MB of a clone's records, some tens of milliseconds of PostgreSQL's work: row locks held that
     * long at most, by records no request writes.
     */
    public static final int BATCH = 1_000;
    /**
     * 100,000 records a minute: past the 60,000 that 1,000 clones a second write, so a round keeps up with
     * them, and a backlog goes at a steady pace rather than in one burst.
     */
    public static final int MOST_BATCHES = 100;
    /** A century: the cutoff stays a time PostgreSQL and {@link Instant} both hold. */
    public static final long MAX_RETENTION_DAYS = 36_500;

    private static final Logger LOG = LoggerFactory.getLogger(AuditPruning.class);
    /** What the server's log names the retention by: the setting an operator gave. */
    private static final String SERVER_SETTING = "HOSTCLONE_AUDIT_RETENTION";

    /** Deletes up to {@code limit} of the oldest records written before {@code cutoff}; completes with how many. */
    @FunctionalInterface
    public interface OldRecords {
        CompletionStage<Integer> deleteBefore(Instant cutoff, int limit);
    }

    /**
     * What one round did: {@code deleted} records written before {@code cutoff}; {@code moreLeft} when it
     * stopped at {@link #MOST_BATCHES} with a full batch, so that records that old may be left for the next.
     */
    public record Round(Instant cutoff, long deleted, boolean moreLeft) {
    }

    private final Vertx vertx;
    private final OldRecords records;
    private final Duration retention;
    private final String setting;
    private final ClockPort clock;
    private final int batch;
    private final int mostBatches;
    private final Counter deleted;
    private final Counter succeeded;
    private final Counter failed;
    private final AtomicLong lastSuccess = new AtomicLong();
    /** Set while a round is under way: a round longer than the period is not overtaken by the next. */
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the last round failed: the log tells when rounds start failing and when one succeeds again. */
    private final AtomicBoolean failing = new AtomicBoolean();
    private final long timer;

    private AuditPruning(Vertx vertx, MeterRegistry registry, boolean gauged, OldRecords records, Duration retention,
                         String setting, ClockPort clock, Duration every, int batch, int mostBatches) {
        requireWholeDays(retention, "retention");
        if (batch < 1 || mostBatches < 1) {
            throw new IllegalArgumentException("a round runs batches of at least one record: " + batch + ", " + mostBatches);
        }
        this.vertx = vertx;
        this.records = records;
        this.retention = retention;
        this.setting = setting;
        this.clock = clock;
        this.batch = batch;
        this.mostBatches = mostBatches;
        this.deleted = Counter.builder(DELETED)
                .description("audit records deleted for being older than the audit retention")
                .register(registry);
        this.succeeded = rounds(registry, "ok");
        this.failed = rounds(registry, "failed");
        if (gauged) {
            Gauge.builder(LAST_SUCCESS, lastSuccess, AtomicLong::get)
                    .description("when the last round of audit retention ended without failing, in seconds since"
                            + " the epoch; 0 before the first")
                    .baseUnit("seconds")
                    .register(registry);
        }
        this.timer = every == null ? -1 : vertx.setPeriodic(every.toMillis(), every.toMillis(), tick -> tick());
    }

    private static Counter rounds(MeterRegistry registry, String outcome) {
        return Counter.builder(ROUNDS)
                .description("rounds of audit retention, by how they ended")
                .tag("outcome", outcome)
                .register(registry);
    }

    /**
     * Deletes the records of {@code records} older than {@code retention} every {@code every} from now on, the
     * first round one period from now, so that a start does not compete with a backlog; metered into {@code registry}.
     */
    public static AuditPruning start(Vertx vertx, MeterRegistry registry, OldRecords records, Duration retention,
                                     ClockPort clock, Duration every) {
        return started(new AuditPruning(vertx, registry, true, records, retention, SERVER_SETTING, clock, every, BATCH,
                MOST_BATCHES), every);
    }

    /**
     * As {@link #start}, for a library in an application's JVM: its log names the retention by {@code setting},
     * as the application gave it, and only the counters go into {@code registry}, not the last success's gauge. A
     * gauge holds this instance: in the application's registry, which outlives it, it would outlive
     * {@link #close()}, and a second instance's registration would find the first's in its place.
     */
    public static AuditPruning startCounted(Vertx vertx, MeterRegistry registry, OldRecords records, Duration retention,
                                            String setting, ClockPort clock, Duration every) {
        return started(new AuditPruning(vertx, registry, false, records, retention, setting, clock, every, BATCH,
                MOST_BATCHES), every);
    }

    private static AuditPruning started(AuditPruning pruning, Duration every) {
        LOG.info("audit records older than {} days are deleted every {} s from now on ({})", pruning.retention.toDays(),
                every.toSeconds(), pruning.setting);
        return pruning;
    }

    /**
     * {@code retention}, when it is whole days from 1 to {@link #MAX_RETENTION_DAYS}, as every way of giving one takes
     * it (the server's setting, a {@code Configuration} built in code, the embedding's options): the cutoff and the
     * log speak in days, so half a day would be told as 0 days.
     *
     * @throws IllegalArgumentException naming the retention by {@code name}, as its giver called it
     */
    public static Duration requireWholeDays(Duration retention, String name) {
        if (retention.isNegative() || retention.isZero() || !retention.equals(Duration.ofDays(retention.toDays()))
                || retention.toDays() > MAX_RETENTION_DAYS) {
            throw new IllegalArgumentException(name + " must be a number of whole days within 1.." + MAX_RETENTION_DAYS
                    + ", not " + retention);
        }
        return retention;
    }

    /** Metered as {@link #start} does, with no timer: each round runs when {@link #round} is called (tests). */
    static AuditPruning unscheduled(MeterRegistry registry, OldRecords records, Duration retention, ClockPort clock,
                                    int batch, int mostBatches) {
        return new AuditPruning(null, registry, true, records, retention, SERVER_SETTING, clock, null, batch,
                mostBatches);
    }

    private void tick() {
        if (!closed.get() && running.compareAndSet(false, true)) {
            round().whenComplete((done, failure) -> running.set(false));
        }
    }

    /** The next batch's deletion, a stage failed with what it threw or a stage it did not return. */
    private CompletionStage<Integer> deleteBatch(Instant cutoff) {
        try {
            CompletionStage<Integer> deleting = records.deleteBefore(cutoff, batch);
            return deleting != null ? deleting
                    : CompletableFuture.failedFuture(new IllegalStateException("the store returned no deletion to wait for"));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** One round now: completes with what it did, or fails as its round failed (the meters and log have said so). */
    CompletionStage<Round> round() {
        Instant cutoff = clock.now().minus(retention);
        CompletableFuture<Round> round = new CompletableFuture<>();
        nextBatch(cutoff, 0, 0, round);
        return round.whenComplete((done, failure) -> {
            if (failure != null) {
                // as nextBatch failed it: a RoundFailed, not wrapped
                failed(cutoff, failure);
            } else {
                succeeded(done);
            }
        });
    }

    private void nextBatch(Instant cutoff, long deletedBefore, int batchesBefore, CompletableFuture<Round> round) {
        deleteBatch(cutoff).whenComplete((count, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                round.completeExceptionally(new RoundFailed(deletedBefore, cause));
                return;
            }
            deleted.increment(count);
            long deletedNow = deletedBefore + count;
            if (count < batch || closed.get()) {
                round.complete(new Round(cutoff, deletedNow, false));
            } else if (batchesBefore + 1 >= mostBatches) {
                round.complete(new Round(cutoff, deletedNow, true));
            } else {
                nextBatch(cutoff, deletedNow, batchesBefore + 1, round);
            }
        });
    }

    private void succeeded(Round round) {
        succeeded.increment();
        lastSuccess.set(clock.now().getEpochSecond());
        if (failing.compareAndSet(true, false)) {
            LOG.info("audit retention succeeded again after failed rounds");
        }
        if (round.deleted() > 0) {
            LOG.info("deleted {} audit records written before {} ({}={} days){}", round.deleted(), round.cutoff(),
                    setting, retention.toDays(), round.moreLeft()
                            ? "; more are that old, the next round goes on" : "");
        }
    }

    private void failed(Instant cutoff, Throwable failure) {
        // a batch cut off by the store closing under a stopping server is no outage to count or report
        if (closed.get()) {
            return;
        }
        failed.increment();
        if (failing.compareAndSet(false, true)) {
            long deletedFirst = failure instanceof RoundFailed partly ? partly.deletedBefore : 0;
            Throwable cause = failure instanceof RoundFailed partly ? partly.getCause() : failure;
            // a failure with no message of its own is named by its class
            String why = cause.getMessage() != null ? cause.getMessage() : cause.toString();
            LOG.warn("could not delete the audit records written before {} ({} deleted in this round first); each minute"
                    + " tries again, and the log will say when one succeeds: {}", cutoff, deletedFirst, why);
        }
    }

    /**
     * Stops the rounds, before the store they delete from closes; a round under way starts no further batch, and
     * the one in flight, which the store's closing may cut off, is not counted as failed.
     */
    @Override
    public void close() {
        closed.set(true);
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** As a failure to close it names it. */
    @Override
    public String toString() {
        return "the audit records' pruning (" + setting + " " + retention.toDays() + " days)";
    }

    /** A round that failed after deleting {@code deletedBefore} records, which the meter has counted. */
    private static final class RoundFailed extends RuntimeException {
        private final long deletedBefore;

        RoundFailed(long deletedBefore, Throwable cause) {
            super(cause.getMessage(), cause, false, false);
            this.deletedBefore = deletedBefore;
        }
    }
}
