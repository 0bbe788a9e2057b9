package dev.hostclone.application.service;

import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostWriteResult;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
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

/**
 * Steps 6 to 12 of API.md §4. The write is conditional on the destination's version and the host
 * model's revision; when another write or a model change got there first, the model and both hosts
 * are read again and the plan is made anew ({@link OptimisticRetry}).
 */
public final class CloneHostPropertyService implements CloneHostPropertyUseCase {

    private final LoadHostsPort hosts;
    private final LoadHostModelPort model;
    private final UpdateHostPort updates;
    private final Authorization authorization;
    private final ClockPort clock;

    public CloneHostPropertyService(LoadHostsPort hosts, LoadHostModelPort model, UpdateHostPort updates,
                                    Authorization authorization, ClockPort clock) {
        this.hosts = hosts;
        this.model = model;
        this.updates = updates;
        this.authorization = authorization;
        this.clock = clock;
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
                            Permission.onHost(Action.FIND_BUSINESS_RESOURCE, pair.source().business(), pair.source().id()),
                            Permission.onHost(Action.EDIT_BIZ_HOST, pair.destination().business(), pair.destination().id())))
                    .thenCompose(authorized -> model.loadHostModel())
                    .thenCompose(hostModel -> OptimisticRetry.untilWritten(clock, number -> number == 1
                            ? attempt(actor, command.business(), hostModel, pair)
                            : reread(pair).thenCompose(fresh -> attempt(actor, command.business(), fresh.model(), fresh.pair()))));
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

    /** Plans against {@code hostModel} and {@code pair} and writes; empty when the write was stale. */
    private CompletionStage<Optional<CloneOutcome>> attempt(Actor actor, BusinessId business, HostModel hostModel,
                                                            ResolvedHosts pair) {
        requireMembership(pair.source(), business);
        requireMembership(pair.destination(), business);
        Set<String> cloneable = hostModel.cloneableFields(business);
        ClonePlan plan = ClonePlan.between(pair.source(), pair.destination(), cloneable);
        if (plan.isEmpty()) {
            return CompletableFuture.completedStage(
                    Optional.of(new CloneOutcome.NothingWritten(CloneOutcome.Reason.ALREADY_EQUAL)));
        }
        Instant now = clock.now();
        Map<String, Object> updatedFields = plan.updatedFields();
        AuditRecord audit = AuditRecord.hostUpdate(actor, business, pair.destination(), updatedFields, now);
        HostUpdate update = new HostUpdate(pair.destination().id(), pair.destination().version(), hostModel.revision(),
                HostFields.withUpdateStamp(updatedFields, actor.user(), now), null, audit,
                new HostUpdate.CopiedFrom(pair.source().id(), pair.source().version()));
        return updates.updateHost(update).thenApply(result -> result instanceof HostWriteResult.Written written
                ? Optional.of(new CloneOutcome.Cloned(
                        pair.source().id(), pair.destination().id(), plan.changes(), written.auditId()))
                : Optional.empty());
    }

    /** The model and the pair as they are now; a host deleted meanwhile is reported as not found. */
    private CompletionStage<Fresh> reread(ResolvedHosts pair) {
        return model.loadHostModel().thenCombine(
                hosts.loadHosts(List.of(pair.source().id(), pair.destination().id())),
                (hostModel, fresh) -> new Fresh(hostModel,
                        new ResolvedHosts(current(pair.source(), fresh), current(pair.destination(), fresh))));
    }

    private record Fresh(HostModel model, ResolvedHosts pair) {
    }

    private static Host current(Host stale, List<Host> fresh) {
        return fresh.stream()
                .filter(host -> host.id().equals(stale.id()))
                .findFirst()
                .orElseThrow(() -> RejectedException.because(new Failure.HostNotFound(stale.id().value())));
    }

    private static void requireMembership(Host host, BusinessId business) {
        if (!host.business().equals(business)) {
            throw RejectedException.because(new Failure.HostNotInBusiness(host.id().value(), business.value()));
        }
    }
}
