package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.SearchBusinessUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.query.BusinessCondition;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * search_business (API.md §5): {@code condition} matched as BlueKing matches it ({@link BusinessCondition}:
 * {@code bk_biz_id} an integer, or {@code {"$eq":N}} / {@code {"$in":[N,…]}}, and {@code bk_biz_name} a
 * string), {@code fields} (projection) and {@code page} (default limit 20, at most 200, sort by a field
 * of {@link BusinessQuery#SORTABLE}); data {@code {count, info}}. BlueKing's {@code biz_property_filter},
 * {@code time_condition} and any other operator object in {@code condition} are not served, and refused
 * with 1199006 naming them: ignored, they widened the answer to every business.
 */
public final class SearchBusinessApi implements ApiEndpoint<Projected<BusinessQuery>, Projected<Page<Business>>> {

    public static final ApiRoute ROUTE = ApiRoute.of("search_business",
            HttpMethod.POST, HttpMethod.POST, "/api/v3/biz/search/{bk_supplier_account}")
            .withEsbGetAndPost();

    static final String CONDITION = "condition";
    /** The operators BlueKing's callers put on {@code bk_biz_id} that HostClone serves. */
    static final String EQ = "$eq";
    static final String IN = "$in";
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
            throw NotServed.at(body.pathOf(unserved));
        });
        JsonFields condition = body.optionalObject(CONDITION).orElseGet(JsonFields::empty);
        Optional<JsonFields> idOperators = condition.isObject(Business.ID)
                ? condition.optionalObject(Business.ID)
                : Optional.empty();
        JsonFields plain = idOperators.isPresent() ? condition.without(Business.ID) : condition;
        plain.names().stream().filter(plain::isObject).findFirst().ifPresent(field -> {
            throw NotServed.operator(plain.optionalObject(field).orElseThrow(), plain.pathOf(field));
        });
        plain.optionalLong(Business.ID);
        plain.optionalString(Business.NAME);
        BusinessCondition matched = BusinessCondition.of(plain.attributes());
        if (idOperators.isPresent()) {
            for (List<Long> ids : idLists(idOperators.get(), condition.pathOf(Business.ID))) {
                matched = matched.andIdIn(ids);
            }
        }
        Projection projection = Projection.read(body);
        BusinessQuery query = new BusinessQuery(matched, null, PAGING.read(body));
        return new Projected<>(query, projection);
    }

    /**
     * The ids of BlueKing's {@code {"$eq":N}} and {@code {"$in":[N,…]}} on {@code bk_biz_id} at {@code path},
     * one list an operator (each required); a value that is no integer is 1199006 naming it, where
     * BlueKing answers params invalid. Any other operator, or none, is not served.
     */
    private static List<List<Long>> idLists(JsonFields operators, String path) {
        if (operators.names().isEmpty()) {
            throw NotServed.at(path);
        }
        List<List<Long>> lists = new ArrayList<>();
        for (String operator : operators.names()) {
            JsonNode value = operators.optionalNode(operator);
            String operatorPath = operators.pathOf(operator);
            if (EQ.equals(operator)) {
                lists.add(List.of(id(value, operatorPath)));
            } else if (IN.equals(operator)) {
                if (value == null || !value.isArray()) {
                    throw notAnId(value, operatorPath);
                }
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < value.size(); i++) {
                    ids.add(id(value.get(i), operatorPath + "[" + i + "]"));
                }
                lists.add(ids);
            } else {
                throw NotServed.at(operatorPath);
            }
        }
        return lists;
    }

    private static long id(JsonNode value, String path) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw notAnId(value, path);
        }
        return value.longValue();
    }

    private static RejectedException notAnId(JsonNode value, String path) {
        Object sent = value == null ? null : Json.MAPPER.convertValue(value, Object.class);
        return RejectedException.because(new Failure.InvalidValue(path, InvalidReason.WRONG_TYPE_OR_OPTION, sent));
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
