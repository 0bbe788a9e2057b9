package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.FindAuditByIdQuery;
import dev.hostclone.application.port.in.FindAuditByIdUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.audit.AuditRecord;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Fake of {@link FindAuditByIdUseCase}; by default finds nothing. */
public final class FakeFindAuditById extends FakeUseCase<FindAuditByIdQuery, List<AuditRecord>> implements FindAuditByIdUseCase {

    public FakeFindAuditById() {
        super(List.of());
    }

    @Override
    public CompletionStage<List<AuditRecord>> findAudits(Actor actor, FindAuditByIdQuery query) {
        return record(actor, query);
    }
}
