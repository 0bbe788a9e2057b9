package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.model.Attribute;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Adds a host attribute (API.md §5): global with create_object_attribute ({@code business} null), or
 * a custom field of one business with create_biz_custom_field. {@code definition} is the attribute as
 * sent ({@code bk_property_id}, {@code bk_property_name}, {@code bk_property_type}, {@code option},
 * {@code editable}, ...). Clone follows the new attribute from the moment this completes.
 */
public interface CreateObjectAttributeUseCase {

    CompletionStage<Attribute> createAttribute(Actor actor, BusinessId business, Map<String, Object> definition);
}
