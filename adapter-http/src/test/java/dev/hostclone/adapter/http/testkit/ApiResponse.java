package dev.hostclone.adapter.http.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/** One answer of the HTTP API: status, headers, raw body, and the envelope parsed (null if the body is not JSON). */
public record ApiResponse(int status, HttpHeaders headers, String body, JsonNode envelope) {

    public boolean result() {
        return envelope.get("result").booleanValue();
    }

    public long code() {
        return envelope.get("code").longValue();
    }

    public String message() {
        return envelope.get("message").textValue();
    }

    public JsonNode permission() {
        return envelope.get("permission");
    }

    public String requestId() {
        return envelope.get("request_id").textValue();
    }

    /** The envelope's {@code data}; a JSON null node when null. */
    public JsonNode data() {
        JsonNode data = envelope.get("data");
        return data == null ? NullNode.getInstance() : data;
    }

    /** The first value of a response header, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }

    /** The envelope's keys in the order the server wrote them. */
    public List<String> envelopeKeys() {
        List<String> keys = new ArrayList<>();
        envelope.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @Override
    public String toString() {
        return "ApiResponse[" + status + " " + body + "]";
    }
}
