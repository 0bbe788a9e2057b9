package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.auth.CommonParameters;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.application.port.in.SearchObjectUniqueUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.model.UniqueRule;
import dev.hostclone.domain.model.UniqueRuleDefinition;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * search_object_unique (API.md §5): the host unique rules, each
 * {@code {id, bk_obj_id, keys:[{key_kind:"property", key_id}], ispre, bk_supplier_account, bk_template_id, last_time}}.
 * The body may repeat {@code bk_obj_id}; it must then be {@code host}.
 */
public final class SearchObjectUniqueApi implements ApiEndpoint<Void, List<UniqueRule>> {

    public static final ApiRoute ROUTE = ApiRoute.of("search_object_unique",
            HttpMethod.POST, HttpMethod.POST, "/api/v3/find/objectunique/object/host").withV3BodyOptional()
            .withEsbGetAndPost();

    static final String KEY_KIND = "key_kind";
    static final String KEY_ID = "key_id";

    private final SearchObjectUniqueUseCase useCase;

    public SearchObjectUniqueApi(SearchObjectUniqueUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public Void decode(ApiRequest request) {
        HostObject.ifPresent(request.body());
        return null;
    }

    @Override
    public CompletionStage<List<UniqueRule>> call(Actor actor, Void nothing) {
        return useCase.searchUniqueRules(actor);
    }

    @Override
    public JsonNode encode(List<UniqueRule> rules, Language language) {
        ArrayNode data = Json.MAPPER.createArrayNode();
        for (UniqueRule rule : rules) {
            ObjectNode entry = data.addObject();
            entry.put("id", rule.id());
            entry.put(HostObject.FIELD, HostObject.HOST);
            ArrayNode keys = entry.putArray(UniqueRuleDefinition.KEYS);
            rule.keyAttributeIds().forEach(id ->
                    keys.addObject().put(KEY_KIND, UniqueRuleDefinition.PROPERTY_KIND).put(KEY_ID, id));
            entry.put("ispre", rule.builtIn());
            entry.put(CommonParameters.SUPPLIER_ACCOUNT, CommonParameters.DEFAULT_SUPPLIER_ACCOUNT);
            entry.put("bk_template_id", 0);
            entry.put(HostFields.LAST_TIME, HostFields.timestamp(rule.lastTime()));
        }
        return data;
    }
}
