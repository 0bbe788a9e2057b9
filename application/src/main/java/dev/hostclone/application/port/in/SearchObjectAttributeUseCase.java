package dev.hostclone.application.port.in;

import dev.hostclone.domain.access.Actor;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.model.Attribute;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Lists host attributes (API.md §5, search_object_attribute): the global ones, plus the custom
 * fields of {@code business} when it is given (null: global only), filtered by equality on every
 * entry of {@code condition} ({@code bk_property_id}, {@code bk_property_type}, {@code editable}, ...).
 */
public interface SearchObjectAttributeUseCase {

    CompletionStage<List<Attribute>> searchAttributes(Actor actor, BusinessId business, Map<String, Object> condition);
}
