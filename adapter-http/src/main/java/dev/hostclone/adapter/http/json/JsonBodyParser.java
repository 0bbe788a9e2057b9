package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblem.JsonLimit;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.domain.failure.RejectedException;
import java.io.IOException;
import java.util.Set;

/**
 * Reads request bodies strictly, like {@link Json#MAPPER}, and within limits enforced while parsing
 * (Jackson's {@link StreamReadConstraints}): nesting depth, length of a string or key, and digits of
 * a number, so an oversized document is refused before any of it is built.
 */
public final class JsonBodyParser {

    /** Longer numbers cost quadratic time to convert and overflow every field anyway. */
    public static final int MAX_NUMBER_LENGTH = 1000;

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
        this.mapper = Json.strict(JsonMapper.builder(Json.forCallersText().streamReadConstraints(constraints).build()))
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
        return build(scan(body));
    }

    /**
     * Reads a request body's bytes as {@link #parse} first does, and weighs the tree they would make
     * ({@link TreeWeight}), building none of it: a caller makes room for the tree before {@link #build} builds it.
     *
     * @throws HttpProblemException not UTF-8
     */
    public ScannedBody scan(byte[] body) {
        return new ScannedBody(body, textsToCheck(body), TreeWeight.of(body));
    }

    /**
     * Builds a body {@link #scan} read, or {@link #check} found well formed.
     *
     * @throws HttpProblemException malformed JSON, a duplicate key, a limit exceeded, or not an object
     */
    public ParsedBody build(ScannedBody body) {
        return new ParsedBody(objectOf(body.bytes()), body.textsToCheck());
    }

    private ObjectNode objectOf(byte[] body) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException unreadable) {
            throw refusal(unreadable, body);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new HttpProblemException(new HttpProblem.BodyNotAnObject());
        }
        return object;
    }

    /**
     * Reads a request body through as {@link #parse} does, refusing it for the same reasons at the same places, but
     * builds none of it: only the members of its object named {@code names}, each a text, a number, a boolean or
     * null as sent, and an object or an array empty, of its kind alone. {@link #build} builds the rest once it is
     * worth it. An ESB body's credentials are read so: a caller not yet authenticated costs the bytes it sent, which
     * the body budget bounds, and not the tree they make, up to thirty times larger ({@code [{},{},...]}), held while
     * its secret is checked.
     *
     * @throws HttpProblemException malformed JSON, not UTF-8, a duplicate key, a limit exceeded, or not an object
     */
    public WellFormedBody check(byte[] body, Set<String> names) {
        ScannedBody scanned = scan(body);
        ObjectNode members = Json.MAPPER.createObjectNode();
        boolean anObject;
        try (JsonParser stream = mapper.createParser(body)) {
            JsonToken root = stream.nextToken();
            anObject = root == JsonToken.START_OBJECT;
            if (root != null) {
                readThrough(stream, anObject ? names : Set.of(), members);
                if (stream.nextToken() != null) {
                    // a second document: readTree refuses its first token as trailing, where it starts
                    throw new HttpProblemException(at(body, stream.currentTokenLocation()));
                }
            }
        } catch (IOException unreadable) {
            throw refusal(unreadable, body);
        }
        if (!anObject) {
            throw new HttpProblemException(new HttpProblem.BodyNotAnObject());
        }
        return new WellFormedBody(scanned, members);
    }

    /**
     * Reads the value {@code stream} stands at the start of through to its end, each token validated as a tree's would
     * be, and copies the members named at its top level.
     */
    private static void readThrough(JsonParser stream, Set<String> names, ObjectNode members) throws IOException {
        int depth = 0;
        for (JsonToken token = stream.currentToken(); ; token = stream.nextToken()) {
            if (token == JsonToken.FIELD_NAME && depth == 1 && names.contains(stream.currentName())) {
                String name = stream.currentName();
                token = stream.nextToken();
                members.set(name, memberOf(stream, token));
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            } else {
                makeValue(stream, token);
            }
            if (depth == 0) {
                return;
            }
        }
    }

    /**
     * Makes the value {@code stream} stands at as a tree's node would be made, and lets it go: Jackson measures a text
     * as it makes it (an integer's digits too, past a long), so that a text too long is refused here as in a tree.
     */
    private static void makeValue(JsonParser stream, JsonToken token) throws IOException {
        switch (token) {
            case VALUE_STRING -> stream.getText();
            case VALUE_NUMBER_INT -> stream.getNumberValue();
            // a double, as the tree's mapper makes a float: Json.strict leaves USE_BIG_DECIMAL_FOR_FLOATS off
            case VALUE_NUMBER_FLOAT -> stream.getDoubleValue();
            default -> {
                // a name, true, false or null: nothing more to make
            }
        }
    }

    /** A text or null as sent; any other value by its kind alone: an object or an array empty, a number 0. */
    private static JsonNode memberOf(JsonParser stream, JsonToken token) throws IOException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (token) {
            case VALUE_STRING -> nodes.textNode(stream.getText());
            case VALUE_NULL -> nodes.nullNode();
            case VALUE_TRUE, VALUE_FALSE -> nodes.booleanNode(token == JsonToken.VALUE_TRUE);
            case START_OBJECT -> nodes.objectNode();
            case START_ARRAY -> nodes.arrayNode();
            default -> nodes.numberNode(0);
        };
    }

    /**
     * A request body's bytes, found to be UTF-8 and not yet built: whether its texts are to be checked, and what its
     * tree would weigh ({@link TreeWeight}).
     */
    public record ScannedBody(byte[] bytes, boolean textsToCheck, long treeWeight) {}

    /** A request body read through and found well formed, not built, and the members {@link #check} was asked for. */
    public record WellFormedBody(ScannedBody scanned, ObjectNode members) {}

    /** A body parsed as a JSON object, its texts not yet checked ({@link BodyTexts}). */
    public record ParsedBody(ObjectNode object, boolean textsToCheck) {

        /**
         * The body, with no NUL in a text or a name, and a lone surrogate in a text replaced by U+FFFD.
         *
         * @throws RejectedException a NUL, naming where the first one is
         * @throws HttpProblemException two keys of one object that the replacement makes one, naming it
         */
        public ObjectNode checked() {
            if (textsToCheck) {
                BodyTexts.check(object);
            }
            return object;
        }
    }

    /**
     * Whether any text or name parsed from the body can hold a NUL or a lone surrogate ({@link BodyTexts}),
     * once its bytes are found to be UTF-8, and well-formed.
     * <ul>
     * <li>A zero byte is in no JSON text in UTF-8 (JSON escapes a NUL, and Jackson refuses it raw), but
     * in every one in UTF-16 or UTF-32, which Jackson would detect and decode: RFC 8259 asks for UTF-8
     * between systems, and BlueKing's decoder reads nothing else.</li>
     * <li>UTF-8 that is not well-formed ({@link Utf8}) is refused as Jackson refuses a lead byte without its
     * continuation, where it was decoded: {@code C0 AF} stored as {@code /}, {@code ED A0 80} and
     * {@code F4 90 80 80} as U+FFFD, and {@code C0 80} as a NUL.</li>
     * <li>A NUL comes then only from JSON's escape for it, a backslash and {@code u0000}, and a surrogate
     * from an escape, a backslash, {@code u} and {@code D800} to {@code DFFF}. Nearly every body has
     * neither, and scanning for them costs less than walking the tree; a false alarm (an escaped backslash
     * before {@code u0000}, a pair of surrogates for an emoji) only walks it.</li>
     * </ul>
     *
     * @throws HttpProblemException a zero byte, or the place of the first byte that is not well-formed UTF-8
     */
    private static boolean textsToCheck(byte[] body) {
        boolean textsToCheck = false;
        int i = 0;
        while (i < body.length) {
            byte b = body[i];
            if (b > 0) {
                if (b == '\\' && (isZeroEscape(body, i) || isSurrogateEscape(body, i))) {
                    textsToCheck = true;
                }
                i++;
            } else if (b == 0) {
                throw new HttpProblemException(new HttpProblem.NotUtf8());
            } else {
                int end = Utf8.wellFormedEnd(body, i);
                if (end < 0) {
                    // UTF-16 with its byte-order mark starts ill-formed: its zero bytes say what it is
                    throw new HttpProblemException(holdsZeroFrom(body, i) ? new HttpProblem.NotUtf8() : Utf8.malformedAt(body, i));
                }
                i = end;
            }
        }
        return textsToCheck;
    }

    private static boolean holdsZeroFrom(byte[] body, int from) {
        for (int i = from; i < body.length; i++) {
            if (body[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSurrogateEscape(byte[] body, int backslash) {
        return backslash + 3 < body.length && body[backslash + 1] == 'u' && (body[backslash + 2] | 0x20) == 'd'
                && "89abcdefABCDEF".indexOf(body[backslash + 3]) >= 0;
    }

    private static boolean isZeroEscape(byte[] body, int backslash) {
        return backslash + 5 < body.length && body[backslash + 1] == 'u' && body[backslash + 2] == '0'
                && body[backslash + 3] == '0' && body[backslash + 4] == '0' && body[backslash + 5] == '0';
    }

    /** What Jackson's failure to read {@code body} says of it, for either way of reading it. */
    private HttpProblemException refusal(IOException unreadable, byte[] body) {
        return new HttpProblemException(unreadable instanceof JsonProcessingException malformed
                ? problemOf(malformed, body) : new HttpProblem.MalformedJson(0, 0));
    }

    /**
     * What a failure says of {@code body}. A limit this parser sets is named with its bound; a constraint Jackson
     * enforces on its own, none of which a body reaches as this parser is set, is told as the body unreadable, never
     * as another limit.
     */
    HttpProblem problemOf(JsonProcessingException malformed, byte[] body) {
        if (malformed instanceof StreamConstraintsException exceeded) {
            HttpProblem limit = limitExceeded(String.valueOf(exceeded.getOriginalMessage()));
            if (limit != null) {
                return limit;
            }
        }
        String duplicated = Json.duplicatedKey(malformed);
        if (duplicated != null) {
            return new HttpProblem.DuplicateKey(duplicated);
        }
        JsonLocation location = malformed.getLocation();
        return location == null ? new HttpProblem.MalformedJson(0, 0) : at(body, location);
    }

    /**
     * Where {@code location} is in {@code body}, its column in bytes. Jackson reads bytes itself only while it keeps
     * the keys it reads (see {@link Json#forCallersText()}); this parser has it read a text decoded from them, whose
     * locations count UTF-16 units from after a BOM, so a column after 主机 was four less than the same error's until
     * 2026-12-07. A location in bytes already (a reader of bytes) is Jackson's own.
     */
    private static HttpProblem.MalformedJson at(byte[] body, JsonLocation location) {
        if (location.getCharOffset() < 0) {
            return new HttpProblem.MalformedJson(location.getLineNr(), location.getColumnNr());
        }
        return Utf8.malformedAt(body, Utf8.byteOffsetOf(body, location.getCharOffset()));
    }

    /** Jackson names the constraint only in its message; the prefixes are stable since 2.15. Null: not one of ours. */
    private HttpProblem limitExceeded(String message) {
        if (message.startsWith("Document nesting depth")) {
            return new HttpProblem.JsonLimitExceeded(JsonLimit.NESTING_DEPTH, maxNestingDepth);
        }
        if (message.startsWith("Number value length")) {
            return new HttpProblem.JsonLimitExceeded(JsonLimit.NUMBER_LENGTH, MAX_NUMBER_LENGTH);
        }
        if (message.startsWith("String value length") || message.startsWith("Name length")) {
            return new HttpProblem.JsonLimitExceeded(JsonLimit.STRING_LENGTH, maxStringLength);
        }
        return null;
    }
}
