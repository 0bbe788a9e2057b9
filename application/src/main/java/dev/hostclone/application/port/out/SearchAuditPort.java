package dev.hostclone.application.port.out;

import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import java.util.concurrent.CompletionStage;

/** Finds the audit records a query's filters match, one page of them. */
public interface SearchAuditPort {

    CompletionStage<Page<AuditRecord>> searchAudit(AuditQuery query);
}
