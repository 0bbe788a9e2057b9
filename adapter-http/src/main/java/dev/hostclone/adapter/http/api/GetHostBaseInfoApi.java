package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.application.port.in.GetHostBaseInfoUseCase;
import dev.hostclone.application.port.in.HostProperty;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostId;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * get_host_base_info (API.md §5): {@code bk_host_id} from the query string (ESB GET), the JSON body (ESB POST, an
 * integer or its text, as BlueKing's ESB form reads it) or the path (v3), a positive integer; data
 * {@code [{bk_property_id, bk_property_name, bk_property_value}]} with
 * names in the request's language.
 */
public final class GetHostBaseInfoApi implements ApiEndpoint<HostId, List<HostProperty>> {

    public static final ApiRoute ROUTE = ApiRoute.of("get_host_base_info",
            HttpMethod.GET, HttpMethod.GET, "/api/v3/hosts/{bk_supplier_account}/{bk_host_id}")
            .withEsbGetAndPost();

    static final String HOST_ID = "bk_host_id";

    private final GetHostBaseInfoUseCase useCase;

    public GetHostBaseInfoApi(GetHostBaseInfoUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public HostId decode(ApiRequest request) {
        Long id = request.integerOrItsText(HOST_ID);
        if (id == null || id <= 0) {
            throw RejectedException.because(new Failure.NotAnInteger(HOST_ID));
        }
        return HostId.of(id);
    }

    @Override
    public CompletionStage<List<HostProperty>> call(Actor actor, HostId host) {
        return useCase.getHostBaseInfo(actor, host);
    }

    @Override
    public JsonNode encode(List<HostProperty> properties, Language language) {
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (HostProperty property : properties) {
            ObjectNode entry = data.addObject();
            entry.put("bk_property_id", property.propertyId());
            entry.put("bk_property_name", language.pick(
                    property.name() != null ? property.name() : property.propertyId(), property.nameEn()));
            entry.set("bk_property_value", Json.MAPPER.valueToTree(property.value()));
        }
        return data;
    }
}
