package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.ListOperationAuditUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.audit.AuditAction;
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
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * list_operation_audit (API.md §5, §7): {@code page} with a required limit of 1..200 (sort by
 * {@code operation_time} or {@code id}, newest first by default) and {@code condition}:
 * {@code operation_time {start, end}} ({@code YYYY-MM-DD HH:MM:SS} in UTC, at least one bound),
 * {@code bk_biz_id}, {@code resource_type}, {@code resource_id}, {@code action} (of
 * {@code create, update, delete}; another is 1199006 naming it) and {@code user}. Other conditions
 * BlueKing knows are not served. Data {@code {count, info}} of records without
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
    static final PageRules PAGING = PageRules.limitRequired(AuditQuery.MAX_LIMIT, "-" + OPERATION_TIME, OPERATION_TIME, "id");

    private final ListOperationAuditUseCase useCase;

    public ListOperationAuditApi(ListOperationAuditUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public AuditQuery decode(ApiRequest request) {
        JsonFields body = request.body();
        JsonFields condition = body.optionalObject(CONDITION).orElseGet(JsonFields::empty);
        JsonFields time = condition.optionalObject(OPERATION_TIME).orElseGet(JsonFields::empty);
        String start = time.optionalString(START);
        String end = time.optionalString(END);
        Long business = condition.optionalLong(Business.ID);
        String resourceType = condition.optionalString(RESOURCE_TYPE);
        Long resourceId = condition.optionalLong(RESOURCE_ID);
        List<String> actions = condition.optionalStringList(ACTION);
        String user = condition.optionalString(USER);
        PageRequest page = PAGING.read(body);
        Instant from = instant(start, time.pathOf(START));
        Instant to = instant(end, time.pathOf(END));
        if (from == null && to == null) {
            throw RejectedException.because(new Failure.MissingField(OPERATION_TIME));
        }
        return new AuditQuery(from, to, Ids.optionalBusiness(business, Business.ID), blankAsNull(resourceType),
                resourceId, actions(actions), blankAsNull(user), page);
    }

    @Override
    public CompletionStage<Page<AuditRecord>> call(Actor actor, AuditQuery query) {
        return useCase.listAudit(actor, query);
    }

    @Override
    public JsonNode encode(Page<AuditRecord> page, Language language) {
        return PageJson.of(page, AuditRecordJson::summary, Projection.ALL);
    }

    private static Instant instant(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.from(AuditRecordJson.OPERATION_TIME.parse(text.trim()));
        } catch (DateTimeParseException notATime) {
            throw RejectedException.because(new Failure.InvalidValue(field, InvalidReason.NOT_ALLOWED, text));
        }
    }

    private static Set<AuditAction> actions(List<String> names) {
        if (names == null) {
            return Set.of();
        }
        return names.stream().map(name -> Arrays.stream(AuditAction.values())
                        .filter(action -> action.wireName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> RejectedException.because(
                                new Failure.InvalidValue(ACTION, InvalidReason.NOT_ALLOWED, name))))
                .collect(Collectors.toSet());
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
