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
 * Depth is bounded by the parser's limit. Where a text sits is written out only to refuse it ({@link Where}): until
 * 2026-12-07 each member's and element's path was written as the walk passed it, so that a megabyte body of long
 * names nested over an array of small values, with one escape to have it checked, made gigabytes of paths.
 */
final class BodyTexts {

    private BodyTexts() {
    }

    static void check(ObjectNode body) {
        checkObject(body, Where.BODY);
    }

    private static void check(JsonNode node, Where path) {
        if (node instanceof ObjectNode object) {
            checkObject(object, path);
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                Where itemPath = path.item(i);
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

    private static void checkObject(ObjectNode object, Where path) {
        repairKeys(object);
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            Where fieldPath = path.member(field.getKey());
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
    private static String repaired(String text, Where path) {
        if (StoredTexts.holdsNul(text)) {
            throw refused(path, text);
        }
        String repaired = StoredTexts.withLoneSurrogatesReplaced(text);
        return repaired == text ? null : repaired;
    }

    private static RejectedException refused(Where path, String text) {
        return RejectedException.because(new Failure.InvalidValue(path.toString(), InvalidReason.NOT_ALLOWED, text));
    }

    /**
     * Where a value sits in the body, as its container's place and its name or index: written out as
     * {@code bk_host_list[0].bk_comment} only when asked, a member's name after a dot but at the top.
     */
    private record Where(Where container, String name, int index) {

        static final Where BODY = new Where(null, null, -1);

        Where member(String memberName) {
            return new Where(this, memberName, -1);
        }

        Where item(int itemIndex) {
            return new Where(this, null, itemIndex);
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            writeTo(out);
            return out.toString();
        }

        private void writeTo(StringBuilder out) {
            if (container == null) {
                return;
            }
            container.writeTo(out);
            if (name == null) {
                out.append('[').append(index).append(']');
            } else {
                out.append(out.isEmpty() ? "" : ".").append(name);
            }
        }
    }
}
