package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import io.vertx.core.http.HttpMethod;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** create_business (API.md §5): the fields as free-form values (under {@code data} on the ESB door); data is the stored business. */
public final class CreateBusinessApi implements ApiEndpoint<Map<String, Object>, Business> {

    public static final ApiRoute ROUTE =
            ApiRoute.of("create_business", HttpMethod.POST, HttpMethod.POST, "/api/v3/biz/{bk_supplier_account}")
                    .withEsbFieldsUnder("data");

    private final CreateBusinessUseCase useCase;

    public CreateBusinessApi(CreateBusinessUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public Map<String, Object> decode(ApiRequest request) {
        return request.body().attributes();
    }

    @Override
    public CompletionStage<Business> call(Actor actor, Map<String, Object> fields) {
        return useCase.createBusiness(actor, fields);
    }

    @Override
    public JsonNode encode(Business business, Language language) {
        return BusinessJson.of(business);
    }
}
