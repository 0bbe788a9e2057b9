package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.BatchUpdateHostUseCase;
import dev.hostclone.application.port.in.BatchUpdateOutcome;
import dev.hostclone.application.port.in.HostPropertiesUpdate;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.host.HostFields;
import dev.hostclone.domain.host.HostId;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * batch_update_host (API.md §5): {@code {"update":[{"bk_host_id":N,"properties":{…}}]}}. Here the
 * JSON types, the 500-entry limit (checked early, as the use case would) and that each entry names
 * a host and its properties; which properties may be set is the use case's. Data null.
 */
public final class BatchUpdateHostApi implements ApiEndpoint<List<HostPropertiesUpdate>, BatchUpdateOutcome> {

    public static final ApiRoute ROUTE =
            ApiRoute.of("batch_update_host", HttpMethod.POST, HttpMethod.PUT, "/api/v3/hosts/property/batch");

    static final String UPDATE = "update";
    static final String PROPERTIES = "properties";

    private final BatchUpdateHostUseCase useCase;

    public BatchUpdateHostApi(BatchUpdateHostUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public List<HostPropertiesUpdate> decode(ApiRequest request) {
        List<JsonFields> entries = request.body().objectList(UPDATE);
        if (entries.size() > BatchUpdateHostUseCase.MAX_UPDATES) {
            throw RejectedException.because(new Failure.TooMany(UPDATE, BatchUpdateHostUseCase.MAX_UPDATES));
        }
        return entries.stream().map(BatchUpdateHostApi::update).toList();
    }

    private static HostPropertiesUpdate update(JsonFields entry) {
        Long host = entry.optionalLong(HostFields.HOST_ID);
        Map<String, Object> properties = entry.optionalObject(PROPERTIES)
                .orElseThrow(() -> RejectedException.because(new Failure.MissingField(entry.pathOf(PROPERTIES))))
                .attributes();
        return new HostPropertiesUpdate(HostId.of(Ids.required(host, entry.pathOf(HostFields.HOST_ID))), properties);
    }

    @Override
    public CompletionStage<BatchUpdateOutcome> call(Actor actor, List<HostPropertiesUpdate> updates) {
        return useCase.batchUpdateHosts(actor, updates);
    }

    @Override
    public JsonNode encode(BatchUpdateOutcome outcome, Language language) {
        return NullNode.getInstance();
    }
}
