package dev.hostclone.application.service;

import dev.hostclone.application.port.in.FindAuditByIdQuery;
import dev.hostclone.application.port.in.FindAuditByIdUseCase;
import dev.hostclone.application.port.out.LoadAuditsPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Returns full audit records by id, as BlueKing does: the records that exist, in the order asked
 * ({@link FindAuditByIdQuery} holds how many ids, each once), and none existing is
 * {@code InvalidCombination("id")}. Reading them needs the right to read the audit log of each record's
 * business (platform-wide for a record of no business); every permission lacking is named together.
 */
public final class FindAuditByIdService implements FindAuditByIdUseCase {

    private final LoadAuditsPort audits;
    private final Authorization authorization;

    public FindAuditByIdService(LoadAuditsPort audits, Authorization authorization) {
        this.audits = audits;
        this.authorization = authorization;
    }

    @Override
    public CompletionStage<List<AuditRecord>> findAudits(Actor actor, FindAuditByIdQuery query) {
        return audits.loadAudits(query.ids()).thenCompose(records -> {
            if (records.isEmpty()) {
                throw RejectedException.because(new Failure.InvalidCombination(FindAuditByIdQuery.ID));
            }
            List<Permission> needed = records.stream()
                    .map(record -> record.business() == null
                            ? Permission.onPlatform(Action.FIND_AUDIT_LOG, Resource.AUDIT_LOG)
                            : Permission.onBusiness(Action.FIND_AUDIT_LOG, record.business()))
                    .distinct()
                    .toList();
            return authorization.require(actor, needed).thenApply(authorized -> records);
        });
    }
}
