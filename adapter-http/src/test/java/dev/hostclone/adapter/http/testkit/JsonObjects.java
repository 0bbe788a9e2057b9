package dev.hostclone.adapter.http.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.json.Json;
import java.io.UncheckedIOException;

/** JSON objects a test writes as text, read by the adapter's strict mapper. */
public final class JsonObjects {

    private JsonObjects() {
    }

    /** {@code json} as an object; null when it is JSON of another kind, and thrown when it is no JSON at all. */
    public static ObjectNode parseObjectOrNull(String json) {
        try {
            return Json.MAPPER.readTree(json) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException malformed) {
            throw new UncheckedIOException(malformed);
        }
    }
}
