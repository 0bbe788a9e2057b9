package dev.hostclone.application.service;

import dev.hostclone.application.port.in.ListOperationAuditUseCase;
import dev.hostclone.application.port.out.SearchAuditPort;
import dev.hostclone.domain.access.Action;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.access.Permission;
import dev.hostclone.domain.access.Resource;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Lists audit records. A query naming a business needs the right to read that business's audit log
 * (its maintainers and the administrators); a query over all businesses needs it platform-wide
 * (administrators only). Otherwise {@code PermissionMissing} names the one permission lacking.
 */
public final class ListOperationAuditService implements ListOperationAuditUseCase {

    private final SearchAuditPort audits;
    private final Authorization authorization;

    public ListOperationAuditService(SearchAuditPort audits, Authorization authorization) {
        this.audits = audits;
        this.authorization = authorization;
    }

    @Override
    public CompletionStage<Page<AuditRecord>> listAudit(Actor actor, AuditQuery query) {
        Permission needed = query.business() == null
                ? Permission.onPlatform(Action.FIND_AUDIT_LOG, Resource.AUDIT_LOG)
                : Permission.onBusiness(Action.FIND_AUDIT_LOG, query.business());
        return authorization.require(actor, List.of(needed))
                .thenCompose(authorized -> audits.searchAudit(query));
    }
}
