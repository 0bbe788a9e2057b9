package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.domain.business.Business;

/** A business as create_business and search_business answer it: {@code bk_biz_id} first, then its properties in stored order. */
final class BusinessJson {

    private BusinessJson() {
    }

    static ObjectNode of(Business business) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put(Business.ID, business.id().value());
        business.properties().forEach((key, value) -> {
            if (!key.equals(Business.ID)) {
                data.set(key, Json.MAPPER.valueToTree(value));
            }
        });
        return data;
    }
}
