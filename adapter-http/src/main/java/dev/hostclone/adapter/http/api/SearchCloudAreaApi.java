package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.SearchCloudAreaUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.cloud.CloudArea;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.query.CloudAreaQuery;
import dev.hostclone.domain.query.Page;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * search_cloud_area (API.md §5): {@code condition} (equality, {@code bk_cloud_id} an integer and
 * {@code bk_cloud_name} a string; a field outside {@link CloudAreaQuery#CONDITIONS}, or an operator object,
 * refused as not served, as list_operation_audit and search_business refuse theirs, rather than find
 * nothing), {@code is_fuzzy}, {@code fields} and {@code page} (default and
 * maximum limit 1000, sort by a field of {@link CloudAreaQuery#SORTABLE}, default {@code -create_time});
 * data {@code {count, info}} in {@link CloudAreaJson}'s shape.
 */
public final class SearchCloudAreaApi implements ApiEndpoint<Projected<CloudAreaQuery>, Projected<Page<CloudArea>>> {

    public static final ApiRoute ROUTE =
            ApiRoute.of("search_cloud_area", HttpMethod.POST, HttpMethod.POST, "/api/v3/findmany/cloudarea")
            .withEsbGetAndPost();

    static final String CONDITION = "condition";
    static final String FUZZY = "is_fuzzy";
    /** BlueKing's page of cloud areas when a request names no limit. */
    static final int DEFAULT_LIMIT = 1000;
    static final PageRules PAGING = PageRules.limitDefaults(DEFAULT_LIMIT, "-" + HostFields.CREATE_TIME);

    private final SearchCloudAreaUseCase useCase;

    public SearchCloudAreaApi(SearchCloudAreaUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public Projected<CloudAreaQuery> decode(ApiRequest request) {
        JsonFields body = request.body();
        JsonFields condition = body.optionalObject(CONDITION).orElseGet(JsonFields::empty);
        for (String name : condition.names()) {
            if (!CloudAreaQuery.CONDITIONS.contains(name)) {
                throw NotServed.at(condition.pathOf(name));
            }
            if (condition.isObject(name)) {
                // an operator ($in, $ne, $regex): equal to no stored value, it found nothing
                throw NotServed.operator(condition.optionalObject(name).orElseThrow(), condition.pathOf(name));
            }
        }
        condition.optionalLong(CloudArea.ID);
        condition.optionalString(CloudArea.NAME);
        boolean fuzzy = Boolean.TRUE.equals(body.optionalBoolean(FUZZY));
        Projection projection = Projection.read(body);
        CloudAreaQuery query = new CloudAreaQuery(condition.attributes(), fuzzy, PAGING.read(body));
        return new Projected<>(query, projection);
    }

    @Override
    public CompletionStage<Projected<Page<CloudArea>>> call(Actor actor, Projected<CloudAreaQuery> query) {
        return useCase.searchCloudAreas(actor, query.value()).thenApply(query::answer);
    }

    @Override
    public JsonNode encode(Projected<Page<CloudArea>> result, Language language) {
        return PageJson.of(result.value(), CloudAreaJson::of, result.projection());
    }
}
