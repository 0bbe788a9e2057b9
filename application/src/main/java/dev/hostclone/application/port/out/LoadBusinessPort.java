package dev.hostclone.application.port.out;

import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Reads one business. */
public interface LoadBusinessPort {

    CompletionStage<Optional<Business>> loadBusiness(BusinessId id);
}
