package dev.hostclone.application.port.out;

import dev.hostclone.domain.business.Business;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Stores a new business and assigns its id; {@code bk_biz_name} is unique. */
public interface CreateBusinessPort {

    /** Exceptionally with {@code RejectedException(Duplicated)} when the name is taken. */
    CompletionStage<Business> createBusiness(Map<String, Object> properties);
}
