package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hostclone.adapter.http.error.ErrorCatalog;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.adapter.http.metrics.HttpMetrics;
import dev.hostclone.application.port.in.CloneHostPropertyUseCase;
import dev.hostclone.application.port.in.CloneOutcome;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.clone.CloneHostPropertyCommand;
import dev.hostclone.domain.clone.CloneParameters;
import dev.hostclone.domain.clone.CloneRequestParser;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * clone_host_property (API.md §4): JSON types here (check 1), the rest in {@link CloneRequestParser}; data null.
 * Counts what each clone its use case decided came to: changed, noop, or rejected for a business reason. A
 * clone refused before, its parameters among the reasons, is in the request meter by its code alone.
 */
public final class CloneHostPropertyApi implements ApiEndpoint<CloneHostPropertyCommand, CloneOutcome> {

    public static final ApiRoute ROUTE =
            ApiRoute.of("clone_host_property", HttpMethod.POST, HttpMethod.PUT, "/api/v3/hosts/property/clone");

    private final CloneHostPropertyUseCase useCase;
    private final HttpMetrics metrics;

    public CloneHostPropertyApi(CloneHostPropertyUseCase useCase, HttpMetrics metrics) {
        this.useCase = useCase;
        this.metrics = metrics;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public CloneHostPropertyCommand decode(ApiRequest request) {
        JsonFields body = request.body();
        Long business = body.optionalLong(CloneRequestParser.BIZ_ID);
        Long cloud = body.optionalLong(CloneRequestParser.CLOUD_ID);
        String sourceIp = body.optionalString(CloneRequestParser.ORG_IP);
        String destinationIp = body.optionalString(CloneRequestParser.DST_IP);
        Long sourceId = body.optionalLong(CloneRequestParser.ORG_ID);
        Long destinationId = body.optionalLong(CloneRequestParser.DST_ID);
        return CloneRequestParser.parse(new CloneParameters(business, cloud, sourceIp, destinationIp, sourceId, destinationId));
    }

    @Override
    public CompletionStage<CloneOutcome> call(Actor actor, CloneHostPropertyCommand command) {
        return useCase.cloneHostProperty(actor, command).whenComplete((outcome, failure) -> {
            if (failure == null) {
                metrics.cloned(outcome);
            } else if (ErrorCatalog.unwrap(failure) instanceof RejectedException rejected
                    && !(rejected.failure() instanceof Failure.WriteConflict)) {
                // a clone that met other writers twelve times is no business "no": its 1199066 shows in the request timer
                metrics.cloneRejected();
            }
        });
    }

    @Override
    public JsonNode encode(CloneOutcome result, Language language) {
        return NullNode.getInstance();
    }
}
