package dev.hostclone.application.port.out;

import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reads audit records by filter or by id. */
public interface SearchAuditPort {

    CompletionStage<Page<AuditRecord>> searchAudit(AuditQuery query);

    /** The records with these ids that exist, in the order of {@code ids}. */
    CompletionStage<List<AuditRecord>> loadAudits(Collection<Long> ids);
}
