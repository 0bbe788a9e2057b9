package dev.hostclone.adapter.http.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.text.StoredTexts;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a body's texts may not hold, checked once it is parsed, when {@link JsonBodyParser}'s scan of its
 * bytes says they may: the domain's rule for stored texts ({@link StoredTexts}), applied here to every
 * text and name of the body, search conditions and keys included, and naming where it failed.
 * <ul>
 * <li>A NUL, which PostgreSQL's text and jsonb cannot hold, is refused, naming the field
 * ({@code bk_host_list[0].bk_comment}).</li>
 * <li>A lone UTF-16 surrogate (an escape such as {@code \ud800} without its pair), which the PostgreSQL
 * client's UTF-8 encoder writes as {@code ?}, is replaced by U+FFFD, as BlueKing's decoder
 * (json-iterator) replaces it, in a key as in a text.</li>
 * </ul>
 * Depth is bounded by the parser's limit.
 */
final class BodyTexts {

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
        repairKeys(object);
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (StoredTexts.holdsNul(field.getKey())) {
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

    /**
     * Replaces lone surrogates in {@code object}'s keys as in texts, keeping the keys' order: an enum option's
     * items keep keys of the caller's, which PostgreSQL stored as {@code ?} and memory as sent (until 2026-12-06).
     * Two keys that the replacement makes one are refused as a key given twice is (1199000, naming it).
     */
    private static void repairKeys(ObjectNode object) {
        boolean any = false;
        for (Iterator<String> names = object.fieldNames(); names.hasNext() && !any; ) {
            String name = names.next();
            any = StoredTexts.withLoneSurrogatesReplaced(name) != name;
        }
        if (!any) {
            return;
        }
        Map<String, JsonNode> repaired = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = StoredTexts.withLoneSurrogatesReplaced(field.getKey());
            if (repaired.putIfAbsent(name, field.getValue()) != null) {
                throw new HttpProblemException(new HttpProblem.DuplicateKey(name));
            }
        }
        object.removeAll();
        object.setAll(repaired);
    }

    /** {@code text} with its lone surrogates replaced, or null when it has none. */
    private static String repaired(String text, String path) {
        if (StoredTexts.holdsNul(text)) {
            throw refused(path, text);
        }
        String repaired = StoredTexts.withLoneSurrogatesReplaced(text);
        return repaired == text ? null : repaired;
    }

    private static RejectedException refused(String path, String text) {
        return RejectedException.because(new Failure.InvalidValue(path, InvalidReason.NOT_ALLOWED, text));
    }
}
