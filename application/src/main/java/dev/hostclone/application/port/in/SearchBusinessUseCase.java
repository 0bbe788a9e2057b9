package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import java.util.concurrent.CompletionStage;

/** Finds businesses (API.md §5, search_business): administrators see all, other users those they maintain. */
public interface SearchBusinessUseCase {

    CompletionStage<Page<Business>> searchBusinesses(Actor actor, BusinessQuery query);
}
