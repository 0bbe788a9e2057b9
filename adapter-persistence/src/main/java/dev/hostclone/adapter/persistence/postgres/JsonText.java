package dev.hostclone.adapter.persistence.postgres;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.hostclone.adapter.persistence.PlainJson;
import dev.hostclone.domain.host.Documents;
import dev.hostclone.domain.host.HostDocumentBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents to and from jsonb without losing a value's type. jsonb keeps numbers as numeric with
 * their scale, so a Double is written with a fraction ({@code 12345678.0}, never {@code 1.2345678E7},
 * which numeric would keep as the integer 12345678) and read back as a Double; integers come back
 * as Long. Key order is not kept (jsonb sorts keys); maps compare equal regardless.
 *
 * <p>Host documents, read on every request, come as text ({@code doc::text}) and are parsed here
 * straight into the frozen documents the domain holds ({@link #readHostDocument}). As jsonb, the
 * client parses each into a {@link JsonObject} first, which then has to be copied value by value
 * ({@link PlainJson}): on PostgreSQL those two steps took a tenth of the event loops' time in a clone;
 * parsed into a map that the host then copied, its fields were put twice.
 */
final class JsonText {

    /** Field names come back as one string each per name (Jackson's canonical names), as documents share them anyway. */
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private JsonText() {
    }

    /** The JSON text of a document; null stays null (an SQL NULL, not a JSON null). */
    static String write(Map<String, ?> document) {
        if (document == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(256);
        writeValue(document, out);
        return out.toString();
    }

    /** The JSON text of any supported value: String, Boolean, integral and floating numbers, Map, List, null. */
    static String writeValue(Object value) {
        StringBuilder out = new StringBuilder(64);
        writeValue(value, out);
        return out.toString();
    }

    /** A jsonb object as the client decoded it, back to a plain map. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> readObject(Object value) {
        if (value == null) {
            return null;
        }
        Object plain = PlainJson.of(value);
        if (!(plain instanceof Map)) {
            throw new IllegalStateException("expected a JSON object, got " + plain.getClass().getSimpleName());
        }
        return (Map<String, Object>) plain;
    }

    /**
     * A host document's text (the jsonb column read as {@code ::text}), its fields put straight into
     * the frozen document a host keeps ({@link Documents#hostDocument}), its values typed as
     * {@link #plain} types them. jsonb keeps one value per key, so no field comes twice.
     */
    static Map<String, Object> readHostDocument(String text) {
        if (text == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new IllegalStateException("expected a JSON object, got " + first);
            }
            HostDocumentBuilder document = Documents.hostDocument();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                document.put(name, parsed(parser, parser.nextToken()));
            }
            if (parser.nextToken() != null) {
                throw new IllegalStateException("expected one JSON object, found more after it");
            }
            return document.build();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable JSON from PostgreSQL", e);
        }
    }

    /** The value {@code token} starts, read to its end. */
    private static Object parsed(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    map.put(name, parsed(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken item = parser.nextToken(); item != JsonToken.END_ARRAY; item = parser.nextToken()) {
                    list.add(parsed(parser, item));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                        ? parser.getBigIntegerValue().longValueExact() : parser.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new IllegalStateException("unexpected JSON token " + token);
        }
    }

    private static void writeValue(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            writeString(text, out);
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            writeFloating(((Number) value).doubleValue(), out);
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (value instanceof JsonObject object) {
            writeValue(object.getMap(), out);
        } else if (value instanceof JsonArray array) {
            writeValue(array.getList(), out);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(String.valueOf(entry.getKey()), out);
                out.append(':');
                writeValue(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeValue(item, out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for a value of type " + value.getClass().getName());
        }
    }

    /** Plain decimal with at least one fraction digit, so numeric keeps it a non-integer and it reads back as Double. */
    private static void writeFloating(double value, StringBuilder out) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON has no form for " + value);
        }
        String plain = new BigDecimal(Double.toString(value)).toPlainString();
        out.append(plain);
        if (plain.indexOf('.') < 0) {
            out.append(".0");
        }
    }

    /** Runs of characters that need no escape (nearly every value) are copied whole. */
    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        int plainFrom = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, plainFrom, i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(String.format("\\u%04x", (int) c));
            }
            plainFrom = i + 1;
        }
        out.append(text, plainFrom, text.length()).append('"');
    }
}
