package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one strict JSON mapper of the adapter: no trailing tokens, no duplicate keys. */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$", Pattern.DOTALL);

    private Json() {
    }

    /**
     * Parses a request body that must be one JSON object.
     *
     * @throws HttpProblemException malformed JSON, a duplicate key, or not an object
     */
    public static ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new HttpProblemException(problemOf(malformed));
        } catch (IOException unreadable) {
            throw new HttpProblemException(new HttpProblem.MalformedJson(0, 0));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new HttpProblemException(new HttpProblem.BodyNotAnObject());
        }
        return object;
    }

    /** Parses a header or other short text that should hold a JSON object; null when it does not. */
    public static ObjectNode parseObjectOrNull(String text) {
        try {
            return MAPPER.readTree(text) instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException malformed) {
            return null;
        }
    }

    private static HttpProblem problemOf(JsonProcessingException malformed) {
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(malformed.getOriginalMessage()));
        if (duplicate.matches()) {
            return new HttpProblem.DuplicateKey(duplicate.group(1));
        }
        JsonLocation location = malformed.getLocation();
        return location == null
                ? new HttpProblem.MalformedJson(0, 0)
                : new HttpProblem.MalformedJson(location.getLineNr(), location.getColumnNr());
    }
}
