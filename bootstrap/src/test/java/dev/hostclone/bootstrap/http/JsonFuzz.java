package dev.hostclone.bootstrap.http;

import static dev.hostclone.domain.testing.Generators.weighted;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.domain.testing.Generators;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Hostile JSON for fuzzing: values of every type and edge (overflowing and negative numbers, long,
 * control-character and unicode strings, deep nesting, long arrays), and mutations that put them
 * anywhere in a valid request, remove fields, add unknown ones or grow lists past their limits.
 */
final class JsonFuzz {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Field names requests use, so that added keys also collide with meaningful ones. */
    private static final List<String> KNOWN_KEYS = List.of("bk_biz_id", "bk_host_id", "bk_cloud_id", "bk_org_ip",
            "bk_dst_ip", "bk_org_id", "bk_dst_id", "bk_host_innerip", "bk_host_innerip_v6", "bk_addressing",
            "bk_host_list", "update", "properties", "bk_obj_id", "bk_property_id", "bk_property_type", "option",
            "keys", "key_id", "key_kind", "id", "condition", "page", "limit", "start", "sort", "fields", "data",
            "bk_supplier_account", "bk_app_code", "bk_username", "bk_token", "operation_time", "action", "editable",
            "isrequired", "default", "bk_biz_maintainer", "bk_biz_name", "bk_cloud_name", "bk_comment", "operator");

    private JsonFuzz() {
    }

    /** Any JSON value, biased towards the edges. */
    static Gen<JsonNode> values() {
        return Generate.frequency(List.of(
                weighted(4, integers()),
                weighted(2, decimals()),
                weighted(5, strings().map(text -> NODES.textNode(text))),
                weighted(1, arbitrary().pick(List.<JsonNode>of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode()))),
                weighted(2, Generators.lazy(JsonFuzz::containers)),
                weighted(1, deeplyNested())));
    }

    static Gen<JsonNode> integers() {
        Gen<JsonNode> edges = arbitrary().pick(Long.MIN_VALUE, Long.MAX_VALUE, (long) Integer.MIN_VALUE,
                (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, 0L, -1L, 1L, 2L, 200L, 201L, 500L, 501L)
                .map(value -> NODES.numberNode(value));
        Gen<JsonNode> overflowing = arbitrary().pick("9223372036854775808", "-9223372036854775809",
                        "99999999999999999999999999999999", "1" + "0".repeat(400))
                .map(text -> NODES.numberNode(new BigInteger(text)));
        return Generators.oneOf(edges, overflowing, longs().all().map(value -> NODES.numberNode(value)));
    }

    static Gen<JsonNode> decimals() {
        return arbitrary().pick("2.5", "-0.0", "2.0", "1e30", "1e308", "1e400", "-1e400", "4.9e-325", "0.1e-9999",
                        "123456789012345678901234567890.5")
                .map(text -> NODES.numberNode(new BigDecimal(text)));
    }

    static Gen<String> strings() {
        Gen<String> edges = arbitrary().pick("", " ", "  \t\n ", "0", "-1", "2", "1e3", "null", "true", "[]", "{}",
                "10.0.0.1", "10.0.0.1,10.0.0.2", "::1", "256.0.0.1", "host", "static", "dynamic", "singlechar", "int",
                "property", "%s %d %n %%", "{0} ${x} #{y}", "\\", "\"", "'", "\u0000", "\u001b[31m", "\r\n\r\n",
                "\u202e\u200f", "\uFEFF", "😀👍🏽", "\uD83D", "\uDC00x", "中文字段", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "é" + "\u0301".repeat(50));
        Gen<String> controls = SourceDSL.strings().betweenCodePoints(0, 0x1f).ofLengthBetween(0, 20);
        Gen<String> anyUnicode = SourceDSL.strings().allPossible().ofLengthBetween(0, 40);
        Gen<String> ascii = SourceDSL.strings().ascii().ofLengthBetween(0, 300);
        Gen<String> lengthy = arbitrary().pick(257, 2001, 10_000, 70_000).map(length -> "x".repeat(length));
        return Generate.frequency(List.of(weighted(5, edges), weighted(2, controls), weighted(3, anyUnicode),
                weighted(3, ascii), weighted(1, lengthy)));
    }

    private static Gen<JsonNode> containers() {
        Gen<JsonNode> arrays = lists().of(values()).ofSizeBetween(0, 4).map(items -> {
            ArrayNode array = NODES.arrayNode();
            items.forEach(array::add);
            return array;
        });
        Gen<JsonNode> objects = lists().of(keys().zip(values(), Map::entry)).ofSizeBetween(0, 4).map(entries -> {
            ObjectNode object = NODES.objectNode();
            entries.forEach(entry -> object.set(entry.getKey(), entry.getValue()));
            return object;
        });
        return Generators.oneOf(arrays, objects);
    }

    /** Arrays or objects nested up to 60 levels: across the server's limit of 32. */
    static Gen<JsonNode> deeplyNested() {
        return SourceDSL.integers().between(1, 60).zip(booleans().all(), (depth, arrays) -> {
            JsonNode node = NODES.numberNode(1);
            for (int i = 0; i < depth; i++) {
                node = arrays ? NODES.arrayNode().add(node) : NODES.objectNode().set("bk_biz_id", node);
            }
            return node;
        });
    }

    static Gen<String> keys() {
        return Generators.oneOf(arbitrary().pick(KNOWN_KEYS), strings());
    }

    /**
     * {@code text} cut to its first {@code shown} characters, saying how long it was: what a failure's message
     * shows of a generated value, which may be 70,000 characters or a 60-level tree.
     */
    static String abbreviated(String text, int shown) {
        return text.length() <= shown ? text : text.substring(0, shown) + "...(" + text.length() + " chars)";
    }

    /** One change to a JSON tree; {@code target} picks the node among all the tree's nodes. */
    record Mutation(Kind kind, int target, String key, JsonNode value, int length) {

        enum Kind { REPLACE, REMOVE, ADD_KEY, GROW_LIST }

        /** Short, so that a falsified property's message keeps its cause and seed in sight. */
        @Override
        public String toString() {
            return kind + "@" + target + "(key=" + abbreviated(key, 40) + ", value=" + abbreviated(value.toString(), 80)
                    + ", length=" + length + ")";
        }

        /** Applies this mutation to {@code root} in place (the root itself is never replaced or removed). */
        void applyTo(ObjectNode root) {
            List<Slot> slots = new ArrayList<>();
            collect(root, slots);
            if (slots.isEmpty()) {
                root.set(key, value);
                return;
            }
            Slot slot = slots.get(Math.floorMod(target, slots.size()));
            JsonNode current = slot.get();
            switch (kind) {
                case REPLACE -> slot.set(value);
                case REMOVE -> slot.remove();
                case ADD_KEY -> (current instanceof ObjectNode object ? object : root).set(key, value);
                case GROW_LIST -> {
                    if (current instanceof ArrayNode array && !array.isEmpty()) {
                        JsonNode first = array.get(0);
                        while (array.size() < length) {
                            array.add(first.deepCopy());
                        }
                    } else {
                        slot.set(value);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }

        private static void collect(JsonNode parent, List<Slot> slots) {
            if (parent instanceof ObjectNode object) {
                object.fieldNames().forEachRemaining(name -> {
                    slots.add(new Slot(parent, name, -1));
                    collect(object.get(name), slots);
                });
            } else if (parent instanceof ArrayNode array) {
                for (int i = 0; i < array.size(); i++) {
                    slots.add(new Slot(parent, null, i));
                    collect(array.get(i), slots);
                }
            }
        }
    }

    /** A place in a tree: a field of an object or an element of an array. */
    private record Slot(JsonNode parent, String name, int index) {

        JsonNode get() {
            return name != null ? parent.get(name) : parent.get(index);
        }

        void set(JsonNode value) {
            if (name != null) {
                ((ObjectNode) parent).set(name, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (name != null) {
                ((ObjectNode) parent).remove(name);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    static Gen<Mutation> mutations() {
        return arbitrary().enumValues(Mutation.Kind.class).zip(SourceDSL.integers().between(0, 1000), keys(), values(),
                arbitrary().pick(199, 200, 201, 500, 501, 1001), Mutation::new);
    }
}
