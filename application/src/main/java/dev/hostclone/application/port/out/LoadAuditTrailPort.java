package dev.hostclone.application.port.out;

import dev.hostclone.domain.audit.AuditRecord;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Reads the audit records of one resource, oldest first. */
public interface LoadAuditTrailPort {

    CompletionStage<List<AuditRecord>> loadAuditTrail(String resourceType, long resourceId);
}
