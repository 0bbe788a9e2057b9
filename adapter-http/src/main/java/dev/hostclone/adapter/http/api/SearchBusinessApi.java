package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.SearchBusinessUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * search_business (API.md §5): {@code condition} (equality on business properties, {@code bk_biz_id}
 * an integer and {@code bk_biz_name} a string), {@code fields} (projection) and {@code page}
 * (default limit 20, at most 200, sort by a field of {@link BusinessQuery#SORTABLE}); data
 * {@code {count, info}}. BlueKing's {@code biz_property_filter} and {@code time_condition} are not
 * served, and refused with 1199006 naming them: ignored, they widened the answer to every business.
 */
public final class SearchBusinessApi implements ApiEndpoint<Projected<BusinessQuery>, Projected<Page<Business>>> {

    public static final ApiRoute ROUTE = ApiRoute.of("search_business",
            HttpMethod.POST, HttpMethod.POST, "/api/v3/biz/search/{bk_supplier_account}");

    static final String CONDITION = "condition";
    static final List<String> NOT_SERVED = List.of("biz_property_filter", "time_condition");
    /** BlueKing's page of businesses when a request names no limit. */
    static final int DEFAULT_LIMIT = 20;
    static final PageRules PAGING = PageRules.limitDefaults(DEFAULT_LIMIT, Business.ID);

    private final SearchBusinessUseCase useCase;

    public SearchBusinessApi(SearchBusinessUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public Projected<BusinessQuery> decode(ApiRequest request) {
        JsonFields body = request.body();
        NOT_SERVED.stream().filter(body::has).findFirst().ifPresent(unserved -> {
            throw RejectedException.because(new Failure.InvalidValue(body.pathOf(unserved), InvalidReason.NOT_SERVED, null));
        });
        JsonFields condition = body.optionalObject(CONDITION).orElseGet(JsonFields::empty);
        condition.optionalLong(Business.ID);
        condition.optionalString(Business.NAME);
        Projection projection = Projection.read(body);
        BusinessQuery query = new BusinessQuery(condition.attributes(), null, PAGING.read(body));
        return new Projected<>(query, projection);
    }

    @Override
    public CompletionStage<Projected<Page<Business>>> call(Actor actor, Projected<BusinessQuery> query) {
        return useCase.searchBusinesses(actor, query.value()).thenApply(query::answer);
    }

    @Override
    public JsonNode encode(Projected<Page<Business>> result, Language language) {
        return PageJson.of(result.value(), BusinessJson::of, result.projection());
    }
}
