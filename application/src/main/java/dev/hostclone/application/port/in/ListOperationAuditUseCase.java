package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import java.util.concurrent.CompletionStage;

/**
 * Lists audit records (API.md §7, list_operation_audit). Administrators may list everything; a
 * maintainer must name a business of theirs.
 */
public interface ListOperationAuditUseCase {

    CompletionStage<Page<AuditRecord>> listAudit(Actor actor, AuditQuery query);
}
