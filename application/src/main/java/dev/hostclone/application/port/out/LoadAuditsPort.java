package dev.hostclone.application.port.out;

import dev.hostclone.domain.audit.AuditRecord;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reads audit records by id. */
public interface LoadAuditsPort {

    /** The records with these ids that exist, in the order of {@code ids}. */
    CompletionStage<List<AuditRecord>> loadAudits(Collection<Long> ids);
}
