package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.SearchBusinessUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Fake of {@link SearchBusinessUseCase}; by default finds business 2 named "demo". */
public final class FakeSearchBusiness extends FakeUseCase<BusinessQuery, Page<Business>> implements SearchBusinessUseCase {

    public FakeSearchBusiness() {
        super(new Page<>(1, List.of(new Business(BusinessId.of(2), Map.of("bk_biz_name", "demo")))));
    }

    @Override
    public CompletionStage<Page<Business>> searchBusinesses(Actor actor, BusinessQuery query) {
        return record(actor, query);
    }
}
