package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.SearchObjectAttributeQuery;
import dev.hostclone.application.port.in.SearchObjectAttributeUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.model.Attribute;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * search_object_attribute (API.md §5): the body is a condition on attribute fields;
 * {@code bk_obj_id} must be {@code host}, {@code bk_biz_id} (absent or 0: global attributes only)
 * adds that business's custom fields, every other field filters by equality. BlueKing's optional
 * {@code page} is not applied: the host model is small and always answered whole. Data is the list
 * of attributes in {@link AttributeJson}'s shape.
 */
public final class SearchObjectAttributeApi implements ApiEndpoint<SearchObjectAttributeQuery, List<Attribute>> {

    public static final ApiRoute ROUTE =
            ApiRoute.of("search_object_attribute", HttpMethod.POST, HttpMethod.POST, "/api/v3/find/objectattr")
            .withEsbGetAndPost();

    private final SearchObjectAttributeUseCase useCase;

    public SearchObjectAttributeApi(SearchObjectAttributeUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public SearchObjectAttributeQuery decode(ApiRequest request) {
        JsonFields body = request.body();
        HostObject.required(body);
        AttributeFields.checkTypes(body);
        Long business = body.optionalLong(Business.ID);
        Map<String, Object> condition = body.without(HostObject.FIELD, Business.ID, PageRules.PAGE).attributes();
        return new SearchObjectAttributeQuery(Ids.optionalBusiness(business, Business.ID), condition);
    }

    @Override
    public CompletionStage<List<Attribute>> call(Actor actor, SearchObjectAttributeQuery query) {
        return useCase.searchAttributes(actor, query);
    }

    @Override
    public JsonNode encode(List<Attribute> attributes, Language language) {
        ArrayNode data = Json.MAPPER.createArrayNode();
        attributes.forEach(attribute -> data.add(AttributeJson.of(attribute, language)));
        return data;
    }
}
