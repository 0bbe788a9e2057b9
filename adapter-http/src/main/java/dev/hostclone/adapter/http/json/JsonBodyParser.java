package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblem.JsonLimit;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads request bodies strictly, like {@link Json#MAPPER}, and within limits enforced while parsing
 * (Jackson's {@link StreamReadConstraints}): nesting depth, length of a string or key, and digits of
 * a number, so an oversized document is refused before any of it is built.
 */
public final class JsonBodyParser {

    /** Longer numbers cost quadratic time to convert and overflow every field anyway. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*)'$", Pattern.DOTALL);

    private final ObjectMapper mapper;
    private final int maxNestingDepth;
    private final int maxStringLength;

    public JsonBodyParser(int maxNestingDepth, int maxStringLength) {
        this.maxNestingDepth = maxNestingDepth;
        this.maxStringLength = maxStringLength;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(maxNestingDepth)
                .maxStringLength(maxStringLength)
                .maxNameLength(maxStringLength)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build();
        this.mapper = Json.strict(JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build()))
                .build();
    }

    /**
     * Parses a request body that must be one JSON object.
     *
     * @throws HttpProblemException malformed JSON, a duplicate key, a limit exceeded, or not an object
     */
    public ObjectNode parseObject(byte[] body) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new HttpProblemException(problemOf(malformed));
        } catch (IOException unreadable) {
            throw new HttpProblemException(new HttpProblem.MalformedJson(0, 0));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new HttpProblemException(new HttpProblem.BodyNotAnObject());
        }
        if (mayHoldNul(body)) {
            refuseNul(object, "");
        }
        return object;
    }

    /**
     * Whether any text or name parsed from {@code body} can hold a NUL. JSON has no raw control
     * characters in strings (Jackson refuses them), so a NUL comes only from JSON's escape for it, a
     * backslash and {@code u0000}, or from the overlong UTF-8 forms {@code C0 80} and {@code E0 80 80},
     * which Jackson decodes to it. Nearly every body has none of these bytes, and scanning them costs
     * less than walking the tree; a false alarm (an escaped backslash before {@code u0000}, a
     * character led by {@code E0}) only walks it.
     */
    private static boolean mayHoldNul(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == (byte) 0xC0 || b == (byte) 0xE0 || b == '\\' && isZeroEscape(body, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isZeroEscape(byte[] body, int backslash) {
        return backslash + 5 < body.length && body[backslash + 1] == 'u' && body[backslash + 2] == '0'
                && body[backslash + 3] == '0' && body[backslash + 4] == '0' && body[backslash + 5] == '0';
    }

    /**
     * No stored text may hold a NUL character: PostgreSQL's text and jsonb cannot, so both stores
     * refuse it alike, naming the field ({@code bk_host_list[0].bk_comment}). Depth is bounded by the limit.
     */
    private static void refuseNul(JsonNode node, String path) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw RejectedException.because(new Failure.InvalidValue(path, InvalidReason.NOT_ALLOWED, node.textValue()));
        }
        for (int i = 0; node.isArray() && i < node.size(); i++) {
            refuseNul(node.get(i), path + "[" + i + "]");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getKey().indexOf('\u0000') >= 0) {
                throw RejectedException.because(new Failure.InvalidValue(fieldPath, InvalidReason.NOT_ALLOWED, field.getKey()));
            }
            refuseNul(field.getValue(), fieldPath);
        }
    }

    private HttpProblem problemOf(JsonProcessingException malformed) {
        if (malformed instanceof StreamConstraintsException exceeded) {
            return limitExceeded(String.valueOf(exceeded.getOriginalMessage()));
        }
        Matcher duplicate = DUPLICATE.matcher(String.valueOf(malformed.getOriginalMessage()));
        if (duplicate.matches()) {
            return new HttpProblem.DuplicateKey(duplicate.group(1));
        }
        JsonLocation location = malformed.getLocation();
        return location == null
                ? new HttpProblem.MalformedJson(0, 0)
                : new HttpProblem.MalformedJson(location.getLineNr(), location.getColumnNr());
    }

    /** Jackson names the constraint only in its message; the prefixes are stable since 2.15. */
    private HttpProblem limitExceeded(String message) {
        if (message.startsWith("Document nesting depth")) {
            return new HttpProblem.JsonLimitExceeded(JsonLimit.NESTING_DEPTH, maxNestingDepth);
        }
        if (message.startsWith("Number value length")) {
            return new HttpProblem.JsonLimitExceeded(JsonLimit.NUMBER_LENGTH, MAX_NUMBER_LENGTH);
        }
        return new HttpProblem.JsonLimitExceeded(JsonLimit.STRING_LENGTH, maxStringLength);
    }
}
