package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.application.port.in.CreateObjectAttributeCommand;
import dev.hostclone.application.port.in.CreateObjectAttributeUseCase;
import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.Attribute;
import java.util.concurrent.CompletionStage;

/**
 * What create_object_attribute and create_biz_custom_field share once decoded: one use case, and
 * the stored attribute as data in {@link AttributeJson}'s shape. They differ in route and in where
 * the business comes from.
 */
abstract class AttributeCreatingApi implements ApiEndpoint<CreateObjectAttributeCommand, Attribute> {

    private final CreateObjectAttributeUseCase useCase;

    AttributeCreatingApi(CreateObjectAttributeUseCase useCase) {
        this.useCase = useCase;
    }

    @Override
    public final CompletionStage<Attribute> call(Actor actor, CreateObjectAttributeCommand command) {
        return useCase.createAttribute(actor, command);
    }

    @Override
    public final JsonNode encode(Attribute attribute, Language language) {
        return AttributeJson.of(attribute, language);
    }
}
