package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one strict JSON mapper of the adapter: no trailing tokens, no duplicate keys. Request bodies go through {@link JsonBodyParser}. */
public final class Json {

    public static final ObjectMapper MAPPER = strict(JsonMapper.builder()).build();

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$", Pattern.DOTALL);

    private Json() {
    }

    /** The adapter's strictness on any mapper builder: no trailing tokens, no duplicate keys. */
    static JsonMapper.Builder strict(JsonMapper.Builder builder) {
        return builder.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    /** The key that {@code malformed} found given twice in one object, or null when it says something else. */
    public static String duplicatedKey(JsonProcessingException malformed) {
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(malformed.getOriginalMessage()));
        return duplicate.matches() ? duplicate.group(1) : null;
    }
}
