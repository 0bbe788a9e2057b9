package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.AddHostsCommand;
import dev.hostclone.application.port.in.AddHostsToBusinessIdleUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.host.HostId;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * add_host_to_business_idle (API.md §5): {@code bk_biz_id} and {@code bk_host_list}, an array of
 * host objects passed on as free-form attributes (the domain refuses unknown keys); data
 * {@code {"bk_host_ids":[…]}} in input order.
 */
public final class AddHostToBusinessIdleApi implements ApiEndpoint<AddHostsCommand, List<HostId>> {

    public static final ApiRoute ROUTE = ApiRoute.of("add_host_to_business_idle",
            HttpMethod.POST, HttpMethod.POST, "/api/v3/hosts/add/business_idle");

    static final String BIZ_ID = "bk_biz_id";
    static final String HOST_LIST = "bk_host_list";
    static final String HOST_IDS = "bk_host_ids";

    private final AddHostsToBusinessIdleUseCase useCase;

    public AddHostToBusinessIdleApi(AddHostsToBusinessIdleUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public AddHostsCommand decode(ApiRequest request) {
        JsonFields body = request.body();
        Long business = body.optionalLong(BIZ_ID);
        List<Map<String, Object>> hosts = body.objectList(HOST_LIST).stream().map(JsonFields::attributes).toList();
        return new AddHostsCommand(BusinessId.of(Ids.required(business, BIZ_ID)), hosts);
    }

    @Override
    public CompletionStage<List<HostId>> call(Actor actor, AddHostsCommand command) {
        return useCase.addHostsToBusinessIdle(actor, command);
    }

    @Override
    public JsonNode encode(List<HostId> hostIds, Language language) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        ArrayNode ids = data.putArray(HOST_IDS);
        hostIds.forEach(id -> ids.add(id.value()));
        return data;
    }
}
