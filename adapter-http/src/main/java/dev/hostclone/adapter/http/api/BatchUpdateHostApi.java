package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.application.port.in.BatchUpdateHostCommand;
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
 * JSON types and that each entry names a host and its properties; the request's shape is the
 * command's, and which properties may be set the use case's. Data null.
 */
public final class BatchUpdateHostApi implements ApiEndpoint<BatchUpdateHostCommand, BatchUpdateOutcome> {

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
    public BatchUpdateHostCommand decode(ApiRequest request) {
        List<JsonFields> entries = request.body().objectList(UPDATE);
        // The command refuses this too, but only once each entry is read: BlueKing names the limit first,
        // whatever an entry lacks.
        if (entries.size() > BatchUpdateHostCommand.MAX_UPDATES) {
            throw RejectedException.because(new Failure.TooMany(UPDATE, BatchUpdateHostCommand.MAX_UPDATES));
        }
        return new BatchUpdateHostCommand(entries.stream().map(BatchUpdateHostApi::update).toList());
    }

    private static HostPropertiesUpdate update(JsonFields entry) {
        Long host = entry.optionalLong(HostFields.HOST_ID);
        Map<String, Object> properties = entry.optionalObject(PROPERTIES)
                .orElseThrow(() -> RejectedException.because(new Failure.MissingField(entry.pathOf(PROPERTIES))))
                .attributes();
        return new HostPropertiesUpdate(HostId.of(Ids.required(host, entry.pathOf(HostFields.HOST_ID))), properties);
    }

    @Override
    public CompletionStage<BatchUpdateOutcome> call(Actor actor, BatchUpdateHostCommand command) {
        return useCase.batchUpdateHosts(actor, command);
    }

    @Override
    public JsonNode encode(BatchUpdateOutcome outcome, Language language) {
        return NullNode.getInstance();
    }
}
