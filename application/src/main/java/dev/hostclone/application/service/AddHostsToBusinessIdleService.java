package dev.hostclone.application.service;

import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.application.port.out.AllocateHostIdsPort;
import dev.hostclone.application.port.out.ClockPort;
import dev.hostclone.application.port.out.CreateHostsPort;
import dev.hostclone.application.port.out.HostCreation;
import dev.hostclone.application.port.out.HostsWriteResult;
import dev.hostclone.application.port.out.LoadBusinessPort;
import dev.hostclone.application.port.out.LoadCloudAreasPort;
import dev.hostclone.application.port.out.LoadCurrentHostModelPort;
import dev.hostclone.application.port.out.ReportStaleWritePort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.cloud.CloudAreaId;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.Host;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import dev.hostclone.domain.creation.NewHost;
import dev.hostclone.domain.model.HostModel;
import dev.hostclone.domain.model.PatternBudget;
import dev.hostclone.domain.model.UniqueKey;
import dev.hostclone.domain.model.UniqueKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Checks every host before anything is written, then stores them all in one atomic write with one
 * {@code create} audit record each. The first write is conditional on the host model's revision the
 * unique keys were computed with; when the model changed meanwhile, the hosts are checked and keyed anew
 * under the same ids on the model as the store holds it locked ({@link CreateHostsPort#createHostsUnderModelLock(Function)}),
 * so that no further change can send them round again: planned on the model read again, a steady stream
 * of changes (attributes created in a loop) made nearly every attempt stale until the add gave up
 * ({@link OptimisticRetry}).
 */
public final class AddHostsToBusinessIdleService implements AddHostsToBusinessIdleUseCase {

    /** {@code import_from} of hosts added through the API. */
    private static final String IMPORTED_BY_API = "3";

    private final LoadBusinessPort businesses;
    private final LoadCurrentHostModelPort model;
    private final LoadCloudAreasPort cloudAreas;
    private final AllocateHostIdsPort ids;
    private final CreateHostsPort store;
    private final Authorization authorization;
    private final ClockPort clock;
    private final ReportStaleWritePort staleWrites;

    public AddHostsToBusinessIdleService(LoadBusinessPort businesses, LoadCurrentHostModelPort model,
                                         LoadCloudAreasPort cloudAreas, AllocateHostIdsPort ids,
                                         CreateHostsPort store, Authorization authorization, ClockPort clock,
                                         ReportStaleWritePort staleWrites) {
        this.businesses = businesses;
        this.model = model;
        this.cloudAreas = cloudAreas;
        this.ids = ids;
        this.store = store;
        this.authorization = authorization;
        this.clock = clock;
        this.staleWrites = staleWrites;
    }

    @Override
    public CompletionStage<List<HostId>> addHostsToBusinessIdle(Actor actor, AddHostsCommand command) {
        return businesses.loadBusiness(command.business())
                .thenApply(found -> found.orElseThrow(() -> RejectedException.because(
                        new Failure.BusinessNotFound(command.business().value()))))
                .thenCompose(business -> authorization.require(actor,
                        List.of(Permission.onBusiness(Action.EDIT_BIZ_HOST, business.id()))))
                .thenCompose(authorized -> model.loadCurrentHostModel())
                .thenCompose(hostModel -> {
                    List<Map<String, Object>> documents = documents(command, hostModel);
                    // The documents as last checked, shared by every attempt, so that a plan handed a
                    // revision already checked (a retry after a rollback for another's sake, or the store
                    // running the plan again) does not run the pattern checks again under the model lock.
                    AtomicReference<Checked> checked = new AtomicReference<>(new Checked(hostModel.revision(), documents));
                    return requireCloudAreas(documents)
                            .thenCompose(ok -> ids.allocateHostIds(documents.size()))
                            .thenCompose(allocated -> OptimisticRetry.untilWritten(clock, staleWrites,
                                    ReportStaleWritePort.Writer.ADD_HOST_TO_BUSINESS_IDLE, number -> number == 1
                                            ? write(actor, command, hostModel, documents, allocated)
                                            : writeLocked(actor, command, checked, allocated)));
                });
    }

    /**
     * Each host as given, checked against {@code hostModel}: its stored document, or the refusal of the first that
     * fails, naming it ({@code bk_host_list[3].bk_cloud_id}). All the pattern checks draw on one budget, as
     * {@code BatchUpdateHostService}'s do; a later attempt checks on one of its own.
     */
    private static List<Map<String, Object>> documents(AddHostsCommand command, HostModel hostModel) {
        PatternBudget patterns = PatternBudget.forOneRequest();
        List<Map<String, Object>> documents = new ArrayList<>();
        for (int i = 0; i < command.hosts().size(); i++) {
            try {
                documents.add(NewHost.document(command.hosts().get(i), hostModel, command.business(), patterns));
            } catch (RejectedException refused) {
                throw RejectedException.because(refused.failure().inEntry(Failure.entry(AddHostsCommand.HOST_LIST, i)));
            }
        }
        return documents;
    }

    /** Stores the hosts with keys computed by {@code hostModel}; empty when the model moved meanwhile. */
    private CompletionStage<Optional<List<HostId>>> write(Actor actor, AddHostsCommand command, HostModel hostModel,
                                                          List<Map<String, Object>> documents, List<HostId> allocated) {
        return store.createHosts(hostModel.revision(), creations(actor, command, hostModel, documents, allocated))
                .thenApply(result -> result instanceof HostsWriteResult.AllWritten
                        ? Optional.of(allocated) : Optional.empty());
    }

    /**
     * Keys the hosts on the model as the store holds it locked, and stores them while it holds it; checks
     * them again only when that model is at another revision than {@code checked}'s. Their cloud areas,
     * which no model change moves, were checked before the first write.
     */
    private CompletionStage<Optional<List<HostId>>> writeLocked(Actor actor, AddHostsCommand command,
                                                                AtomicReference<Checked> checked, List<HostId> allocated) {
        return store.createHostsUnderModelLock(lockedModel -> {
                    if (checked.get().revision() != lockedModel.revision()) {
                        checked.set(new Checked(lockedModel.revision(), documents(command, lockedModel)));
                    }
                    return creations(actor, command, lockedModel, checked.get().documents(), allocated);
                })
                .thenApply(result -> result instanceof HostsWriteResult.AllWritten
                        ? Optional.of(allocated) : Optional.empty());
    }

    /** The hosts' documents as checked on the model at {@code revision}. */
    private record Checked(long revision, List<Map<String, Object>> documents) {
    }

    private CompletionStage<Void> requireCloudAreas(List<Map<String, Object>> documents) {
        Set<CloudAreaId> wanted = new LinkedHashSet<>();
        documents.forEach(document -> wanted.add(CloudAreaId.of((Long) document.get(HostFields.CLOUD_ID))));
        return cloudAreas.loadCloudAreas(wanted).thenAccept(existing -> {
            Set<CloudAreaId> found = new LinkedHashSet<>();
            existing.stream().map(CloudArea::id).forEach(found::add);
            for (int i = 0; i < documents.size(); i++) {
                CloudAreaId id = CloudAreaId.of((Long) documents.get(i).get(HostFields.CLOUD_ID));
                if (!found.contains(id)) {
                    throw RejectedException.because(new Failure.InvalidValue(HostFields.CLOUD_ID,
                            InvalidReason.DOES_NOT_EXIST, id.value()).inEntry(Failure.entry(AddHostsCommand.HOST_LIST, i)));
                }
            }
        });
    }

    private List<HostCreation> creations(Actor actor, AddHostsCommand command, HostModel hostModel,
                                         List<Map<String, Object>> documents, List<HostId> allocated) {
        Instant now = clock.now();
        String timestamp = HostFields.timestamp(now);
        Map<String, UniqueKey> seen = new HashMap<>();
        List<HostCreation> creations = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put(HostFields.HOST_ID, allocated.get(i).value());
            document.putAll(documents.get(i));
            document.putIfAbsent("import_from", IMPORTED_BY_API);
            document.put(HostFields.CREATE_TIME, timestamp);
            document.put(HostFields.LAST_TIME, timestamp);
            document.put(HostFields.CREATED_AT, timestamp);
            document.put(HostFields.CREATED_BY, actor.user());
            document.put(HostFields.UPDATED_AT, timestamp);
            document.put(HostFields.UPDATED_BY, actor.user());
            Host host = new Host(allocated.get(i), command.business(), 1, document);
            Set<UniqueKey> keys = UniqueKeys.of(document, hostModel);
            for (UniqueKey key : keys) {
                if (seen.putIfAbsent(key.text(), key) != null) {
                    throw RejectedException.because(new Failure.Duplicated(key.fields(), key.values()));
                }
            }
            creations.add(new HostCreation(host, keys, AuditRecord.hostCreate(actor, host, now)));
        }
        return creations;
    }
}
