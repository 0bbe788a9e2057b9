package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.CreateObjectUniqueCommand;
import dev.hostclone.application.port.in.CreateObjectUniqueUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.model.UniqueRuleDefinition;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * create_object_unique (API.md §5): {@code {"keys":[{"key_kind":"property","key_id":<attribute id>}]}}.
 * Per key, a missing {@code key_kind} is 1199010, another than {@code property} 1101166 (the domain's
 * rule), a missing or non-positive {@code key_id} 1199010 / 1199009 naming the key. Whether there are
 * keys at all, and whether they exist, repeat or overlap another rule, is the use case's. Data
 * {@code {"id":N}}.
 */
public final class CreateObjectUniqueApi implements ApiEndpoint<CreateObjectUniqueCommand, UniqueRule> {

    public static final ApiRoute ROUTE = ApiRoute.of("create_object_unique",
            HttpMethod.POST, HttpMethod.POST, "/api/v3/create/objectunique/object/host");

    private final CreateObjectUniqueUseCase useCase;

    public CreateObjectUniqueApi(CreateObjectUniqueUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public CreateObjectUniqueCommand decode(ApiRequest request) {
        JsonFields body = request.body();
        HostObject.ifPresent(body);
        return new CreateObjectUniqueCommand(
                body.objectList(UniqueRuleDefinition.KEYS).stream().map(CreateObjectUniqueApi::attributeId).toList());
    }

    private static long attributeId(JsonFields key) {
        String kind = key.optionalString(SearchObjectUniqueApi.KEY_KIND);
        Long id = key.optionalLong(SearchObjectUniqueApi.KEY_ID);
        if (kind == null) {
            throw RejectedException.because(new Failure.MissingField(key.pathOf(SearchObjectUniqueApi.KEY_KIND)));
        }
        UniqueRuleDefinition.requirePropertyKind(kind);
        return Ids.required(id, key.pathOf(SearchObjectUniqueApi.KEY_ID));
    }

    @Override
    public CompletionStage<UniqueRule> call(Actor actor, CreateObjectUniqueCommand command) {
        return useCase.createUniqueRule(actor, command);
    }

    @Override
    public JsonNode encode(UniqueRule rule, Language language) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("id", rule.id());
        return data;
    }
}
