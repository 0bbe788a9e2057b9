package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * BlueKing's envelope (API.md §2) as bytes: {@code {"result","code","message","permission",
 * "request_id","data"}}, in that order. Streamed straight to the output, field by field: every
 * answer goes through here, and no intermediate tree is built for it.
 */
public final class EnvelopeJson {

    private static final int INITIAL_BYTES = 256;

    private EnvelopeJson() {
    }

    /** {@code permission} and {@code data} may be null (written as JSON null). */
    public static byte[] encode(boolean result, int code, String message, JsonNode permission, String requestId,
                                JsonNode data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BYTES);
        try (JsonGenerator json = Json.MAPPER.createGenerator(out)) {
            json.writeStartObject();
            json.writeBooleanField("result", result);
            json.writeNumberField("code", code);
            json.writeStringField("message", message);
            writeNullable(json, "permission", permission);
            json.writeStringField("request_id", requestId);
            writeNullable(json, "data", data);
            json.writeEndObject();
        } catch (IOException e) {
            // a byte array never fails to take bytes, and a tree of JSON nodes always serializes
            throw new UncheckedIOException("cannot write the envelope", e);
        }
        return out.toByteArray();
    }

    private static void writeNullable(JsonGenerator json, String field, JsonNode value) throws IOException {
        json.writeFieldName(field);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeTree(value);
        }
    }
}
