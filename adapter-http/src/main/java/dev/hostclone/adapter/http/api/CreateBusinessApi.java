package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.application.port.in.CreateBusinessCommand;
import dev.hostclone.application.port.in.CreateBusinessUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/** create_business (API.md §5): the fields as free-form values (under {@code data} on the ESB door); data is the stored business. */
public final class CreateBusinessApi implements ApiEndpoint<CreateBusinessCommand, Business> {

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
    public CreateBusinessCommand decode(ApiRequest request) {
        return new CreateBusinessCommand(request.body().attributes());
    }

    @Override
    public CompletionStage<Business> call(Actor actor, CreateBusinessCommand command) {
        return useCase.createBusiness(actor, command);
    }

    @Override
    public JsonNode encode(Business business, Language language) {
        return BusinessJson.of(business);
    }
}
