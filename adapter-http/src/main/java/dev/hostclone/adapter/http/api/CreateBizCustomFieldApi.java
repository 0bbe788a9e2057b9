package dev.hostclone.adapter.http.api;

import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.application.port.in.CreateObjectAttributeUseCase;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import io.vertx.core.http.HttpMethod;
import java.util.Map;

/**
 * create_biz_custom_field (API.md §5): a host attribute visible only in one business, its
 * {@code bk_biz_id} in the body (ESB) or the path (v3), required and positive; otherwise as
 * create_object_attribute. On v3 the path names the business, and a {@code bk_biz_id} also in the
 * body stays in the definition, where the domain refuses it unless it is the same. Data is the
 * stored attribute, with its {@code bk_biz_id}.
 */
public final class CreateBizCustomFieldApi extends AttributeCreatingApi {

    public static final ApiRoute ROUTE = ApiRoute.of("create_biz_custom_field",
            HttpMethod.POST, HttpMethod.POST, "/api/v3/create/objectattr/biz/{bk_biz_id}");

    public CreateBizCustomFieldApi(CreateObjectAttributeUseCase useCase) {
        super(useCase);
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public CreateObjectAttributeCommand decode(ApiRequest request) {
        Long business = request.integer(Business.ID);
        Map<String, Object> definition = AttributeFields.definition(request.body());
        return new CreateObjectAttributeCommand(BusinessId.of(Ids.required(business, Business.ID)), definition);
    }
}
