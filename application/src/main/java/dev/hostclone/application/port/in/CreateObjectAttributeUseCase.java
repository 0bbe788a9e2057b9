package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.model.Attribute;
import java.util.concurrent.CompletionStage;

/**
 * Adds a host attribute (API.md §5): global with create_object_attribute, or a custom field of one
 * business with create_biz_custom_field ({@link CreateObjectAttributeCommand}). Clone follows the new
 * attribute from the moment this completes.
 */
public interface CreateObjectAttributeUseCase {

    CompletionStage<Attribute> createAttribute(Actor actor, CreateObjectAttributeCommand command);
}
