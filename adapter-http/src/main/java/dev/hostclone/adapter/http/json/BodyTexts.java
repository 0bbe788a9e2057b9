package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Iterator;
import java.util.Map;

/**
 * What a body's texts may not hold, checked once it is parsed, when {@link JsonBodyParser}'s scan of its
 * bytes says they may: both stores then keep alike what PostgreSQL can keep.
 * <ul>
 * <li>A NUL, which PostgreSQL's text and jsonb cannot hold, is refused, naming the field
 * ({@code bk_host_list[0].bk_comment}).</li>
 * <li>A lone UTF-16 surrogate (an escape such as {@code \ud800} without its pair), which the PostgreSQL
 * client's UTF-8 encoder writes as {@code ?}, is replaced by U+FFFD, as BlueKing's decoder
 * (json-iterator) replaces it.</li>
 * </ul>
 * Depth is bounded by the parser's limit.
 */
final class BodyTexts {

    private static final char REPLACEMENT = '\uFFFD';

    private BodyTexts() {
    }

    static void check(ObjectNode body) {
        checkObject(body, "");
    }

    private static void check(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            checkObject(object, path);
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                String itemPath = path + "[" + i + "]";
                JsonNode item = array.get(i);
                if (item.isTextual()) {
                    String text = repaired(item.textValue(), itemPath);
                    if (text != null) {
                        array.set(i, array.textNode(text));
                    }
                } else {
                    check(item, itemPath);
                }
            }
        }
    }

    private static void checkObject(ObjectNode object, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (field.getKey().indexOf('\u0000') >= 0) {
                throw refused(fieldPath, field.getKey());
            }
            if (field.getValue().isTextual()) {
                String text = repaired(field.getValue().textValue(), fieldPath);
                if (text != null) {
                    // the key is there already: no change to the map's structure under its iterator
                    object.put(field.getKey(), text);
                }
            } else {
                check(field.getValue(), fieldPath);
            }
        }
    }

    /** {@code text} with its lone surrogates replaced, or null when it has none. */
    private static String repaired(String text, String path) {
        StringBuilder repaired = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                throw refused(path, text);
            }
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (repaired != null) {
                    repaired.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (repaired == null) {
                    repaired = new StringBuilder(text.length()).append(text, 0, i);
                }
                repaired.append(REPLACEMENT);
            } else if (repaired != null) {
                repaired.append(c);
            }
        }
        return repaired == null ? null : repaired.toString();
    }

    private static RejectedException refused(String path, String text) {
        return RejectedException.because(new Failure.InvalidValue(path, InvalidReason.NOT_ALLOWED, text));
    }
}
