package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import java.util.concurrent.CompletionStage;

/** Creates a business (API.md §5, create_business); its name is unique. */
public interface CreateBusinessUseCase {

    /** Completes with the stored business, its id assigned. */
    CompletionStage<Business> createBusiness(Actor actor, CreateBusinessCommand command);
}
