package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The one strict JSON mapper of the adapter: no trailing tokens, no duplicate keys. Request bodies go through {@link JsonBodyParser}. */
public final class Json {

    public static final ObjectMapper MAPPER = strict(JsonMapper.builder(forCallersText().build())).build();

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$", Pattern.DOTALL);

    private Json() {
    }

    /**
     * A factory for text callers send: it keeps none of their keys once a document is read. Jackson's default
     * factory puts every key it reads in a symbol table that all its parses share and keep, up to 6,000 keys of a
     * body of any length the string limit allows (12,000 of a header, which its size bounds): fifty ESB bodies of
     * fifteen 60,000-character keys, sent with a wrong secret and read only for it, ran a {@code -Xmx256m} server out
     * of memory. Without the table, Jackson reads bytes as text decoded from them (its byte reader needs the table),
     * a few hundred nanoseconds more a body, and locates in UTF-16 units: {@link JsonBodyParser} counts a refusal's
     * column back in bytes.
     */
    static JsonFactoryBuilder forCallersText() {
        return new JsonFactoryBuilder().disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
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
