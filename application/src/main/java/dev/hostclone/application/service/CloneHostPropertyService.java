package dev.hostclone.application.service;

import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.clone.ClonePlan;
import dev.hostclone.domain.clone.HostSelector;
import dev.hostclone.domain.clone.ResolvedHosts;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.model.HostModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Steps 6 to 12 of API.md §4. The first write is planned on the hosts as read and is conditional on
 * both hosts' versions and the host model's revision: one round trip to the store when nothing else
 * writes either host, as nearly always. When another write got there first, the clone is planned again
 * on the two hosts as the store holds them locked ({@link UpdateHostPort#updateHosts}), so it is
 * written on top of whatever moved them rather than racing again: planned on fresh reads each time,
 * clones onto hot hosts kept losing and gave up with {@code WriteConflict} (1 in 640 with 16 clients
 * on six hosts). The locked attempt is planned on the host model as the store holds it locked too: planned
 * on the model read before the locks, a steady stream of model changes (attributes created in a loop) made
 * nearly every attempt stale, each change committing while the write waited for its lock, until the clone
 * gave up.
 */
public final class CloneHostPropertyService implements CloneHostPropertyUseCase {

    private final LoadHostsPort hosts;
    private final LoadHostModelPort model;
    private final UpdateHostPort updates;
    private final Authorization authorization;
    private final ClockPort clock;
    private final ReportStaleWritePort staleWrites;

    public CloneHostPropertyService(LoadHostsPort hosts, LoadHostModelPort model, UpdateHostPort updates,
                                    Authorization authorization, ClockPort clock, ReportStaleWritePort staleWrites) {
        this.hosts = hosts;
        this.model = model;
        this.updates = updates;
        this.authorization = authorization;
        this.clock = clock;
        this.staleWrites = staleWrites;
    }

    @Override
    public CompletionStage<CloneOutcome> cloneHostProperty(Actor actor, CloneHostPropertyCommand command) {
        if (command.hosts().sameOnBothSides()) {
            return CompletableFuture.completedStage(new CloneOutcome.NothingWritten(CloneOutcome.Reason.SAME_HOST_REQUESTED));
        }
        return resolve(command).thenCompose(pair -> {
            if (pair.sameHost()) {
                return CompletableFuture.completedStage(
                        new CloneOutcome.NothingWritten(CloneOutcome.Reason.SAME_HOST_RESOLVED));
            }
            return authorization.require(actor, List.of(
                            Permission.onBusiness(Action.FIND_BUSINESS_RESOURCE, pair.source().business()),
                            Permission.onHost(Action.EDIT_BIZ_HOST, pair.destination().business(), pair.destination().id())))
                    .thenCompose(authorized -> model.loadHostModel())
                    .thenCompose(hostModel -> OptimisticRetry.untilWritten(clock, staleWrites,
                            ReportStaleWritePort.Writer.CLONE_HOST_PROPERTY, number -> number == 1
                                    ? attempt(actor, command.business(), hostModel, pair)
                                    : attemptLocked(actor, command.business(), pair)));
        });
    }

    private CompletionStage<ResolvedHosts> resolve(CloneHostPropertyCommand command) {
        CompletionStage<List<Host>> candidates;
        if (command.hosts() instanceof HostSelector.ById byId) {
            candidates = hosts.loadHosts(List.of(byId.source(), byId.destination()));
        } else {
            HostSelector.ByInnerIp byIp = (HostSelector.ByInnerIp) command.hosts();
            candidates = hosts.findHostsByInnerIp(command.cloud(), List.of(byIp.source(), byIp.destination()));
        }
        return candidates.thenApply(found -> ResolvedHosts.resolve(command.hosts(), command.cloud(), found));
    }

    /** Plans against {@code hostModel} and {@code pair} as read and writes; empty when the write was stale. */
    private CompletionStage<Optional<CloneOutcome>> attempt(Actor actor, BusinessId business, HostModel hostModel,
                                                            ResolvedHosts pair) {
        Planned planned = plan(actor, business, hostModel, pair);
        if (planned.update().isEmpty()) {
            return CompletableFuture.completedStage(Optional.of(planned.outcome(List.of())));
        }
        return updates.updateHost(planned.update().get()).thenApply(result -> result instanceof HostWriteResult.Written written
                ? Optional.of(planned.outcome(List.of(written.auditId())))
                : Optional.empty());
    }

    /**
     * Plans against the host model and the two hosts as the store holds them locked, and writes while it
     * holds them. A host deleted since it was read is reported as not found. The source is named only to
     * be read: held still, but not from other clones of it, whose first writes only read it too.
     */
    private CompletionStage<Optional<CloneOutcome>> attemptLocked(Actor actor, BusinessId business, ResolvedHosts read) {
        AtomicReference<Planned> planned = new AtomicReference<>();
        return updates.updateHosts(List.of(read.destination().id()), List.of(read.source().id()), (hostModel, locked) -> {
            planned.set(plan(actor, business, hostModel,
                    new ResolvedHosts(current(read.source(), locked), current(read.destination(), locked))));
            return Optional.of(planned.get().update().stream().toList());
        }).thenApply(result -> result instanceof HostsWriteResult.AllWritten written
                ? Optional.of(planned.get().outcome(written.auditIds()))
                : Optional.empty());
    }

    /** The write that copies {@code pair}'s source onto its destination; none when they already agree. */
    private Planned plan(Actor actor, BusinessId business, HostModel hostModel, ResolvedHosts pair) {
        requireMembership(pair.source(), business);
        requireMembership(pair.destination(), business);
        Set<String> cloneable = hostModel.cloneableFields(business);
        ClonePlan plan = ClonePlan.between(pair.source(), pair.destination(), cloneable);
        if (plan.isEmpty()) {
            return new Planned(pair, plan, Optional.empty());
        }
        Instant now = clock.now();
        Map<String, Object> updatedFields = plan.updatedFields();
        AuditRecord audit = AuditRecord.hostUpdate(actor, business, pair.destination(), updatedFields, now);
        return new Planned(pair, plan, Optional.of(new HostUpdate(pair.destination().id(), pair.destination().version(),
                hostModel.revision(), HostFields.withUpdateStamp(updatedFields, actor.user(), now), null, audit,
                new HostUpdate.CopiedFrom(pair.source().id(), pair.source().version()))));
    }

    /** A clone's plan and the write it makes, none when there is nothing to write. */
    private record Planned(ResolvedHosts pair, ClonePlan plan, Optional<HostUpdate> update) {

        /** The outcome once the write is done, given its audit record's id (none when nothing was written). */
        CloneOutcome outcome(List<Long> auditIds) {
            return update.isEmpty() ? new CloneOutcome.NothingWritten(CloneOutcome.Reason.ALREADY_EQUAL)
                    : new CloneOutcome.Cloned(pair.source().id(), pair.destination().id(), plan.changes(), auditIds.get(0));
        }
    }

    /** {@code read} as it is in {@code fresh}; not found when it is gone. */
    private static Host current(Host read, List<Host> fresh) {
        return fresh.stream()
                .filter(host -> host.id().equals(read.id()))
                .findFirst()
                .orElseThrow(() -> RejectedException.because(new Failure.HostNotFound(read.id().value())));
    }

    private static void requireMembership(Host host, BusinessId business) {
        if (!host.business().equals(business)) {
            throw RejectedException.because(new Failure.HostNotInBusiness(host.id().value(), business.value()));
        }
    }
}
