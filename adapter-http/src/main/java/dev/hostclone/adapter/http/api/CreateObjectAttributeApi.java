package dev.hostclone.adapter.http.api;

import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.application.port.in.CreateObjectAttributeUseCase;
import io.vertx.core.http.HttpMethod;

/**
 * create_object_attribute (API.md §5): one global host attribute, its fields as sent (types checked
 * by {@link AttributeFields}); the rules, {@code bk_obj_id} {@code host} and {@code bk_biz_id} absent
 * or 0 among them, are the domain's. Data is the stored attribute.
 */
public final class CreateObjectAttributeApi extends AttributeCreatingApi {

    public static final ApiRoute ROUTE =
            ApiRoute.of("create_object_attribute", HttpMethod.POST, HttpMethod.POST, "/api/v3/create/objectattr");

    public CreateObjectAttributeApi(CreateObjectAttributeUseCase useCase) {
        super(useCase);
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public CreateObjectAttributeCommand decode(ApiRequest request) {
        return CreateObjectAttributeCommand.global(AttributeFields.definition(request.body()));
    }
}
