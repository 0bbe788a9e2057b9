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
import dev.hostclone.domain.failure.RejectedException;
import java.io.IOException;
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
     * Parses a request body that must be one JSON object in UTF-8, with no NUL in any text or name.
     *
     * @throws HttpProblemException malformed JSON, not UTF-8, a duplicate key, a limit exceeded, or not an object
     * @throws RejectedException a NUL, naming where the first one is
     */
    public ObjectNode parseObject(byte[] body) {
        return parse(body).checked();
    }

    /**
     * Parses a request body that must be one JSON object in UTF-8, and leaves the check of its texts to
     * {@link ParsedBody#checked()}: a caller first takes out what must be refused otherwise (an ESB
     * body's credentials answer 401, and are never echoed as a refused value would be).
     *
     * @throws HttpProblemException malformed JSON, not UTF-8, a duplicate key, a limit exceeded, or not an object
     */
    public ParsedBody parse(byte[] body) {
        Bytes bytes = scan(body);
        if (bytes == Bytes.NOT_UTF8) {
            throw new HttpProblemException(new HttpProblem.NotUtf8());
        }
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
        return new ParsedBody(object, bytes == Bytes.TEXTS_TO_CHECK);
    }

    /** A body parsed as a JSON object, its texts not yet checked ({@link BodyTexts}). */
    public record ParsedBody(ObjectNode object, boolean textsToCheck) {

        /**
         * The body, with no NUL in a text or a name, and a lone surrogate in a text replaced by U+FFFD.
         *
         * @throws RejectedException a NUL, naming where the first one is
         */
        public ObjectNode checked() {
            if (textsToCheck) {
                BodyTexts.check(object);
            }
            return object;
        }
    }

    /** What a body's bytes say before it is parsed. */
    private enum Bytes { PLAIN, TEXTS_TO_CHECK, NOT_UTF8 }

    /**
     * Whether the body is UTF-8, and whether any text or name parsed from it can hold a NUL or a lone
     * surrogate ({@link BodyTexts}).
     * <ul>
     * <li>A zero byte is in no JSON text in UTF-8 (JSON escapes a NUL, and Jackson refuses it raw), but
     * in every one in UTF-16 or UTF-32, which Jackson would detect and decode: RFC 8259 asks for UTF-8
     * between systems, BlueKing's decoder reads nothing else, and the NUL scan below reads UTF-8's bytes
     * only.</li>
     * <li>A NUL comes only from JSON's escape for it, a backslash and {@code u0000}, or from the overlong
     * UTF-8 forms {@code C0 80} and {@code E0 80 80}, which Jackson decodes to it. Nearly every body has
     * none of these bytes, and scanning them costs less than walking the tree; a false alarm (an escaped
     * backslash before {@code u0000}, a character led by {@code E0}) only walks it.</li>
     * <li>A surrogate comes only from an escape, a backslash, {@code u} and {@code D800} to {@code DFFF}: Jackson
     * refuses one encoded in UTF-8's bytes. A pair of them (an emoji escaped) only walks the tree.</li>
     * </ul>
     */
    private static Bytes scan(byte[] body) {
        Bytes found = Bytes.PLAIN;
        for (int i = 0; i < body.length; i++) {
            byte b = body[i];
            if (b == 0) {
                return Bytes.NOT_UTF8;
            }
            if (b == (byte) 0xC0 || b == (byte) 0xE0 || b == '\\' && (isZeroEscape(body, i) || isSurrogateEscape(body, i))) {
                found = Bytes.TEXTS_TO_CHECK;
            }
        }
        return found;
    }

    private static boolean isSurrogateEscape(byte[] body, int backslash) {
        return backslash + 3 < body.length && body[backslash + 1] == 'u' && (body[backslash + 2] | 0x20) == 'd'
                && "89abcdefABCDEF".indexOf(body[backslash + 3]) >= 0;
    }

    private static boolean isZeroEscape(byte[] body, int backslash) {
        return backslash + 5 < body.length && body[backslash + 1] == 'u' && body[backslash + 2] == '0'
                && body[backslash + 3] == '0' && body[backslash + 4] == '0' && body[backslash + 5] == '0';
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
