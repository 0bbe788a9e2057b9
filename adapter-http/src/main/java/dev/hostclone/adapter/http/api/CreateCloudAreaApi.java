package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.CreateCloudAreaCommand;
import dev.hostclone.application.port.in.CreateCloudAreaUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.cloud.CloudArea;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * create_cloud_area (API.md §5): the area's fields as free-form values ({@code bk_cloud_name} a
 * string; the use case requires it and refuses unknown fields); data
 * {@code {"created":{"origin_index":0,"id":<bk_cloud_id>}}}.
 */
public final class CreateCloudAreaApi implements ApiEndpoint<CreateCloudAreaCommand, CloudArea> {

    public static final ApiRoute ROUTE =
            ApiRoute.of("create_cloud_area", HttpMethod.POST, HttpMethod.POST, "/api/v3/create/cloudarea");

    private final CreateCloudAreaUseCase useCase;

    public CreateCloudAreaApi(CreateCloudAreaUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public CreateCloudAreaCommand decode(ApiRequest request) {
        JsonFields body = request.body();
        body.optionalString(CloudArea.NAME);
        return new CreateCloudAreaCommand(body.attributes());
    }

    @Override
    public CompletionStage<CloudArea> call(Actor actor, CreateCloudAreaCommand command) {
        return useCase.createCloudArea(actor, command);
    }

    /** BlueKing answers a batch-shaped creation even for one area: its index in the input (0) and its id. */
    @Override
    public JsonNode encode(CloudArea area, Language language) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        ObjectNode created = data.putObject("created");
        created.put("origin_index", 0);
        created.put("id", area.id().value());
        return data;
    }
}
