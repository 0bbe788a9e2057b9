package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.application.port.in.FindAuditByIdQuery;
import dev.hostclone.application.port.in.FindAuditByIdUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.audit.AuditRecord;
import io.vertx.core.http.HttpMethod;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * find_audit_by_id (API.md §5, §7): {@code {"id":[…]}}, integers (how many, 1 to 200, is the query's
 * rule: none is 1199010, more 1199059); data the full records, {@code operation_detail} included, in the
 * order asked.
 */
public final class FindAuditByIdApi implements ApiEndpoint<FindAuditByIdQuery, List<AuditRecord>> {

    public static final ApiRoute ROUTE =
            ApiRoute.of("find_audit_by_id", HttpMethod.POST, HttpMethod.POST, "/api/v3/find/audit");

    static final String ID = "id";

    private final FindAuditByIdUseCase useCase;
    private final AuditRecordJson records;

    /** Operation times in {@code zone}. */
    public FindAuditByIdApi(FindAuditByIdUseCase useCase, ZoneId zone) {
        this.useCase = useCase;
        this.records = new AuditRecordJson(zone);
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public FindAuditByIdQuery decode(ApiRequest request) {
        List<Long> ids = request.body().optionalLongList(ID);
        return new FindAuditByIdQuery(ids == null ? List.of() : ids);
    }

    @Override
    public CompletionStage<List<AuditRecord>> call(Actor actor, FindAuditByIdQuery query) {
        return useCase.findAudits(actor, query);
    }

    @Override
    public JsonNode encode(List<AuditRecord> found, Language language) {
        ArrayNode data = Json.MAPPER.createArrayNode();
        found.forEach(record -> data.add(this.records.full(record)));
        return data;
    }
}
