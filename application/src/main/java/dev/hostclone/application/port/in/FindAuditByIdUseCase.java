package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.audit.AuditRecord;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Returns full audit records, {@code pre_data}, {@code cur_data} and {@code update_fields} included
 * (API.md §7, find_audit_by_id), in the order asked ({@link FindAuditByIdQuery}).
 */
public interface FindAuditByIdUseCase {

    CompletionStage<List<AuditRecord>> findAudits(Actor actor, FindAuditByIdQuery query);
}
