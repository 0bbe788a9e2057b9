package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.domain.query.Page;
import java.util.function.Function;

/** BlueKing's page of results: {@code {"count": matches in all pages, "info": [items of this page]}}. */
final class PageJson {

    private PageJson() {
    }

    static <T> ObjectNode of(Page<T> page, Function<T, ObjectNode> item, Projection projection) {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("count", page.count());
        ArrayNode info = data.putArray("info");
        page.info().forEach(each -> info.add(projection.apply(item.apply(each))));
        return data;
    }
}
