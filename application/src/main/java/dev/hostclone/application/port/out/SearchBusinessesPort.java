package dev.hostclone.application.port.out;

import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import java.util.concurrent.CompletionStage;

/** Finds businesses by equality on their properties, optionally only those a user maintains. */
public interface SearchBusinessesPort {

    CompletionStage<Page<Business>> searchBusinesses(BusinessQuery query);
}
