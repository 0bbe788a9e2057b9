package dev.hostclone.application.service;

import dev.hostclone.application.port.in.BatchUpdateHostCommand;
import dev.hostclone.application.port.in.BatchUpdateHostUseCase;
import dev.hostclone.application.port.in.BatchUpdateOutcome;
import dev.hostclone.application.port.in.HostPropertiesUpdate;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.HostUpdate;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadHostModelPort;
import dev.hostclone.application.port.out.LoadHostsPort;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.application.port.out.UpdateHostPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.PatternBudget;
import dev.hostclone.domain.model.UniqueKeys;
import dev.hostclone.domain.update.HostPropertyChanges;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * batch_update_host, its shape already checked by {@link BatchUpdateHostCommand}, in this order: every
 * host exists ({@code HostNotFound}, the first missing in request order); the caller may edit each host
 * in its business (every missing {@code edit_biz_host} named together); each host's properties against
 * the model as its business sees it ({@link HostPropertyChanges#check}); then one write of all hosts,
 * each with its update stamp, its unique keys when a key field gets a new value, and one audit record
 * ({@code pre_data} the host before, {@code update_fields} the properties written), all or nothing.
 * A host whose values already equal the requested ones is written and audited all the same, as BlueKing
 * does: the caller asked for the write, and its stamp and record say who confirmed those values when.
 * The write is planned on the hosts and the model as the store holds them locked, so a host written
 * meanwhile (a clone onto it, say) is written on top of rather than sending the batch round again: planned
 * before the locks, a batch of hot hosts kept finding one of them moved and gave up with
 * {@code WriteConflict}, and so did batches under a steady stream of model changes, each committing while
 * the batch waited for its locks. When a host left its business, all of it is read, authorized and
 * checked anew ({@link OptimisticRetry}).
 */
public final class BatchUpdateHostService implements BatchUpdateHostUseCase {

    private final LoadHostsPort hosts;
    private final LoadHostModelPort model;
    private final UpdateHostPort updates;
    private final Authorization authorization;
    private final ClockPort clock;
    private final ReportStaleWritePort staleWrites;

    public BatchUpdateHostService(LoadHostsPort hosts, LoadHostModelPort model, UpdateHostPort updates,
                                  Authorization authorization, ClockPort clock, ReportStaleWritePort staleWrites) {
        this.hosts = hosts;
        this.model = model;
        this.updates = updates;
        this.authorization = authorization;
        this.clock = clock;
        this.staleWrites = staleWrites;
    }

    @Override
    public CompletionStage<BatchUpdateOutcome> batchUpdateHosts(Actor actor, BatchUpdateHostCommand command) {
        return OptimisticRetry.untilWritten(clock, staleWrites, ReportStaleWritePort.Writer.BATCH_UPDATE_HOST,
                number -> attempt(actor, command.updates()));
    }

    /**
     * Reads, authorizes and checks, so that a batch refused for its values takes no lock; then plans each
     * host's write on the host and the model as the store holds them locked, checking the values again
     * when that model is another than the one they were checked on. Empty when a host left the business it
     * was authorized in meanwhile.
     */
    private CompletionStage<Optional<BatchUpdateOutcome>> attempt(Actor actor, List<HostPropertiesUpdate> requested) {
        List<HostId> ids = requested.stream().map(HostPropertiesUpdate::host).toList();
        return hosts.loadHosts(ids)
                .thenApply(found -> inRequestOrder(ids, found))
                .thenCompose(read -> authorization.require(actor, read.stream()
                                .map(host -> Permission.onHost(Action.EDIT_BIZ_HOST, host.business(), host.id()))
                                .toList())
                        .thenCompose(authorized -> model.loadHostModel())
                        .thenCompose(hostModel -> {
                            // The fields the last plan wrote, which the outcome reports: checked again only
                            // on a model the last check did not see, however often the store runs the plan.
                            AtomicReference<Checked> planned = new AtomicReference<>(
                                    new Checked(hostModel.revision(), checked(requested, read, hostModel)));
                            return updates.updateHosts(ids, List.of(), (lockedModel, locked) -> {
                                        if (planned.get().revision() != lockedModel.revision()) {
                                            planned.set(new Checked(lockedModel.revision(), checked(requested, read, lockedModel)));
                                        }
                                        return writes(actor, read, planned.get().fields(), lockedModel, locked);
                                    })
                                    .thenApply(result -> result instanceof HostsWriteResult.AllWritten written
                                            ? Optional.of(outcome(ids, planned.get().fields(), written.auditIds()))
                                            : Optional.empty());
                        }));
    }

    /**
     * Each host's properties checked against the model as its business sees it, in stored form, all the
     * pattern checks on one budget: a budget per value let one batch hold an event loop for 26 s. Each
     * check has a budget of its own, as it checks the same values again, but only on a model revision not
     * yet checked: once before the locks and once for each revision the store's plans are handed (another
     * only when the model moved while the store's rollback for a concurrent write's sake or a key collision
     * sent the plan round again), {@link OptimisticRetry#MAX_ATTEMPTS} attempts at most, and a second attempt
     * only after a host left its business.
     */
    private static List<Map<String, Object>> checked(List<HostPropertiesUpdate> requested, List<Host> read,
                                                     HostModel hostModel) {
        PatternBudget patterns = PatternBudget.forOneRequest();
        List<Map<String, Object>> fields = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++) {
            HostPropertiesUpdate update = requested.get(i);
            try {
                fields.add(HostPropertyChanges.check(update.host(), update.properties(), hostModel, read.get(i).business(),
                        patterns));
            } catch (RejectedException refused) {
                throw RejectedException.because(refused.failure().inEntry(HostPropertyChanges.propertiesOf(i)));
            }
        }
        return fields;
    }

    /**
     * The writes, planned on the hosts as locked: each at its version then, its keys from its values
     * then, its record's {@code pre_data} the host then. Empty when a host is gone or in another business
     * than the one its fields were checked and authorized for.
     */
    private Optional<List<HostUpdate>> writes(Actor actor, List<Host> read, List<Map<String, Object>> fields,
                                              HostModel hostModel, List<Host> locked) {
        Map<HostId, Host> current = locked.stream().collect(Collectors.toMap(Host::id, Function.identity()));
        Instant now = clock.now();
        List<HostUpdate> writes = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            Host host = current.get(read.get(i).id());
            if (host == null || !host.business().equals(read.get(i).business())) {
                return Optional.empty();
            }
            writes.add(new HostUpdate(host.id(), host.version(), hostModel.revision(),
                    HostFields.withUpdateStamp(fields.get(i), actor.user(), now),
                    UniqueKeys.afterChange(host, fields.get(i), hostModel).orElse(null),
                    AuditRecord.hostUpdate(actor, host.business(), host, fields.get(i), now)));
        }
        return Optional.of(writes);
    }

    private static BatchUpdateOutcome outcome(List<HostId> ids, List<Map<String, Object>> fields, List<Long> auditIds) {
        List<BatchUpdateOutcome.Updated> updated = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            updated.add(new BatchUpdateOutcome.Updated(ids.get(i), fields.get(i), auditIds.get(i)));
        }
        return new BatchUpdateOutcome(updated);
    }

    /** Each host's fields as checked on the model at {@code revision}. */
    private record Checked(long revision, List<Map<String, Object>> fields) {
    }

    private static List<Host> inRequestOrder(List<HostId> ids, List<Host> found) {
        Map<HostId, Host> byId = found.stream().collect(Collectors.toMap(Host::id, Function.identity()));
        return ids.stream()
                .map(id -> Optional.ofNullable(byId.get(id)).orElseThrow(() -> RejectedException.because(
                        new Failure.HostNotFound(id.value()))))
                .toList();
    }
}
