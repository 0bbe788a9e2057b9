package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.ListOperationAuditUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link ListOperationAuditUseCase}; by default finds nothing. */
public final class FakeListOperationAudit extends FakeUseCase<AuditQuery, Page<AuditRecord>>
        implements ListOperationAuditUseCase {

    public FakeListOperationAudit() {
        super(new Page<>(0, List.of()));
    }

    @Override
    public CompletionStage<Page<AuditRecord>> listAudit(Actor actor, AuditQuery query) {
        return record(actor, query);
    }
}
