package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.ListOperationAuditUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.audit.AuditAction;
import dev.hostclone.domain.audit.AuditCategory;
import dev.hostclone.domain.audit.AuditRecord;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.query.AuditQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import io.vertx.core.http.HttpMethod;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * list_operation_audit (API.md §5, §7): {@code page} with a required limit of 1..200 (sort by a field of
 * {@link AuditQuery#SORTABLE}, newest first by default) and {@code condition}:
 * {@code operation_time {start, end}} ({@code YYYY-MM-DD HH:MM:SS} in the server's time zone, at least one bound;
 * both inclusive, the end through the whole second it names, as records are shown to the second),
 * {@code bk_biz_id}, {@code resource_type}, {@code resource_id}, {@code action} (of BlueKing's, {@link AuditAction};
 * another is 1199006 naming it), {@code user}, {@code audit_type},
 * {@code operate_from}, {@code resource_name} (with {@code fuzzy_query}, found anywhere in the record's
 * ignoring case: a literal text, not BlueKing's regex, which a caller could make run for ever) and
 * {@code category} (one of {@link AuditCategory}). Any other condition BlueKing knows
 * ({@code condition}'s list, {@code bk_obj_id}) is refused with 1199006 naming it: ignored, it widened
 * the answer to records the caller did not ask for. Data {@code {count, info}} of records without
 * {@code operation_detail}.
 */
public final class ListOperationAuditApi implements ApiEndpoint<AuditQuery, Page<AuditRecord>> {

    public static final ApiRoute ROUTE =
            ApiRoute.of("list_operation_audit", HttpMethod.POST, HttpMethod.POST, "/api/v3/findmany/audit_list");

    static final String CONDITION = "condition";
    static final String OPERATION_TIME = "operation_time";
    static final String START = "start";
    static final String END = "end";
    static final String RESOURCE_TYPE = "resource_type";
    static final String RESOURCE_ID = "resource_id";
    static final String ACTION = "action";
    static final String USER = "user";
    static final String AUDIT_TYPE = "audit_type";
    static final String CATEGORY = "category";
    static final String OPERATE_FROM = "operate_from";
    static final String RESOURCE_NAME = "resource_name";
    static final String FUZZY_QUERY = "fuzzy_query";
    private static final Set<String> SERVED = Set.of(OPERATION_TIME, Business.ID, RESOURCE_TYPE, RESOURCE_ID, ACTION, USER,
            AUDIT_TYPE, CATEGORY, OPERATE_FROM, RESOURCE_NAME, FUZZY_QUERY);
    static final PageRules PAGING = PageRules.limitRequired("-" + AuditQuery.OPERATION_TIME);

    private final ListOperationAuditUseCase useCase;
    private final AuditRecordJson records;

    /** Operation times, shown and read, in {@code zone}. */
    public ListOperationAuditApi(ListOperationAuditUseCase useCase, ZoneId zone) {
        this.useCase = useCase;
        this.records = new AuditRecordJson(zone);
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public AuditQuery decode(ApiRequest request) {
        JsonFields body = request.body();
        JsonFields condition = body.optionalObject(CONDITION).orElseGet(JsonFields::empty);
        condition.names().stream().filter(name -> !SERVED.contains(name)).findFirst().ifPresent(unserved -> {
            throw NotServed.at(condition.pathOf(unserved));
        });
        JsonFields time = condition.optionalObject(OPERATION_TIME).orElseGet(JsonFields::empty);
        String start = time.optionalString(START);
        String end = time.optionalString(END);
        Long business = condition.optionalLong(Business.ID);
        String resourceType = condition.optionalString(RESOURCE_TYPE);
        Long resourceId = condition.optionalLong(RESOURCE_ID);
        List<String> actions = condition.optionalStringList(ACTION);
        String user = condition.optionalString(USER);
        String auditType = blankAsNull(condition.optionalString(AUDIT_TYPE));
        String category = blankAsNull(condition.optionalString(CATEGORY));
        String operateFrom = blankAsNull(condition.optionalString(OPERATE_FROM));
        String resourceName = blankAsNull(condition.optionalString(RESOURCE_NAME));
        boolean fuzzy = Boolean.TRUE.equals(condition.optionalBoolean(FUZZY_QUERY));
        // the page is refused before the time range, in the order this API has always answered
        PageRequest page = AuditQuery.servable(PAGING.read(body));
        Instant from = bound(start, time.pathOf(START), records::startOf);
        Instant to = bound(end, time.pathOf(END), records::endOf);
        if (from == null && to == null) {
            throw RejectedException.because(new Failure.MissingField(OPERATION_TIME));
        }
        return new AuditQuery(from, to, Ids.optionalBusiness(business, Business.ID),
                blankAsNull(resourceType), resourceId, actions(actions, condition.pathOf(ACTION)), blankAsNull(user),
                auditTypes(auditType, category, condition.pathOf(CATEGORY)), operateFrom, resourceName, fuzzy, page);
    }

    /** The audit types asked for, by type and by category (both: those in both); null when neither is. */
    private static Set<String> auditTypes(String auditType, String category, String categoryPath) {
        Set<String> byType = auditType == null ? null : Set.of(auditType);
        if (category == null) {
            return byType;
        }
        Set<String> byCategory = AuditCategory.named(category).map(AuditCategory::auditTypes).orElseThrow(() ->
                RejectedException.because(new Failure.InvalidValue(categoryPath, InvalidReason.NOT_ALLOWED, category)));
        return byType == null ? byCategory
                : byCategory.stream().filter(byType::contains).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public CompletionStage<Page<AuditRecord>> call(Actor actor, AuditQuery query) {
        return useCase.listAudit(actor, query);
    }

    @Override
    public JsonNode encode(Page<AuditRecord> page, Language language) {
        return PageJson.of(page, records::summary, Projection.ALL);
    }

    private static Instant bound(String text, String field, Function<String, Instant> read) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return read.apply(text.trim());
        } catch (DateTimeParseException notATime) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NOT_ALLOWED, text));
        }
    }

    /**
     * The actions named, each refused by its place ({@code condition.action[1]}), as every other condition is; until
     * 2026-12-07 by {@code action} alone.
     */
    private static Set<AuditAction> actions(List<String> names, String path) {
        if (names == null) {
            return Set.of();
        }
        Set<AuditAction> actions = EnumSet.noneOf(AuditAction.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            String at = path + "[" + i + "]";
            actions.add(Arrays.stream(AuditAction.values())
                    .filter(action -> action.wireName().equals(name))
                    .findFirst()
                    .orElseThrow(() -> RejectedException.because(new Failure.InvalidValue(at, InvalidReason.NOT_ALLOWED, name))));
        }
        return actions;
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
