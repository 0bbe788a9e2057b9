package dev.hostclone.adapter.http.fakes;

import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Fake of {@link CreateBusinessUseCase}; by default answers business 2 named "demo". */
public final class FakeCreateBusiness extends FakeUseCase<CreateBusinessCommand, Business> implements CreateBusinessUseCase {

    public FakeCreateBusiness() {
        super(new Business(BusinessId.of(2), Map.of("bk_biz_name", "demo", "bk_biz_maintainer", "admin")));
    }

    @Override
    public CompletionStage<Business> createBusiness(Actor actor, CreateBusinessCommand command) {
        return record(actor, command);
    }
}
