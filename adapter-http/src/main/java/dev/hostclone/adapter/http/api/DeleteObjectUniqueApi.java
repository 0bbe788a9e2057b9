package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.application.port.in.DeleteObjectUniqueCommand;
import dev.hostclone.application.port.in.DeleteObjectUniqueUseCase;
import dev.hostclone.domain.access.Actor;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.CompletionStage;

/**
 * delete_object_unique (API.md §5): the rule's {@code id} from the path (v3) or the body (ESB),
 * required and positive; data null. Built-in rules are the use case's to refuse.
 */
public final class DeleteObjectUniqueApi implements ApiEndpoint<DeleteObjectUniqueCommand, Void> {

    public static final ApiRoute ROUTE = ApiRoute.of("delete_object_unique",
            HttpMethod.POST, HttpMethod.POST, "/api/v3/delete/objectunique/object/host/unique/{id}")
            .withV3BodyOptional();

    static final String ID = "id";

    private final DeleteObjectUniqueUseCase useCase;

    public DeleteObjectUniqueApi(DeleteObjectUniqueUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public ApiRoute route() {
        return ROUTE;
    }

    @Override
    public DeleteObjectUniqueCommand decode(ApiRequest request) {
        HostObject.ifPresent(request.body());
        return new DeleteObjectUniqueCommand(Ids.required(request.integer(ID), ID));
    }

    @Override
    public CompletionStage<Void> call(Actor actor, DeleteObjectUniqueCommand command) {
        return useCase.deleteUniqueRule(actor, command);
    }

    @Override
    public JsonNode encode(Void nothing, Language language) {
        return NullNode.getInstance();
    }
}
