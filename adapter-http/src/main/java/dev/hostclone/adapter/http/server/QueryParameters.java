package dev.hostclone.adapter.http.server;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.adapter.http.json.Utf8;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A request target's query string read strictly, split as Vert.x's reading of it (Netty's
 * {@code QueryStringDecoder}) splits it: after the first {@code ?}, up to a {@code #}, at {@code &} and
 * {@code ;}, a name without {@code =} holding an empty value, {@code +} a space. Each name and value is
 * percent-encoded UTF-8: an escape must be {@code %} and two hex digits, and the bytes it and the raw
 * characters make (the HTTP codec reads each byte of the line as one character, ISO-8859-1) must be
 * well-formed UTF-8, as a body's are. Netty decoded bytes that are not to U+FFFD and read raw ones as
 * ISO-8859-1, and its refusal of a broken escape said nothing of where it was.
 */
final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * The parameters of {@code uri}'s query string, each given once.
     *
     * @throws HttpProblemException a name or value that is not percent-encoded UTF-8 (naming the parameter,
     *                              never its value), or a parameter given twice, its name's ASCII letters
     *                              in any case, as Vert.x's map of them took names
     */
    static Map<String, String> of(String uri) {
        int start = queryStart(uri);
        Map<String, String> parameters = new HashMap<>();
        if (start < 0) {
            return parameters;
        }
        Set<String> seen = new HashSet<>();
        int nameStart = start;
        int valueStart = -1;
        int i = start;
        for (; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '=') {
                if (nameStart == i) {
                    nameStart = i + 1; // as Netty: "=a" is a parameter named "a"
                } else if (valueStart < nameStart) {
                    valueStart = i + 1;
                }
            } else if (c == '&' || c == ';') {
                add(uri, nameStart, valueStart, i, parameters, seen);
                nameStart = i + 1;
            } else if (c == '#') {
                break;
            }
        }
        add(uri, nameStart, valueStart, i, parameters, seen);
        return parameters;
    }

    /** Where the query string starts, past its {@code ?}; -1 when there is none. */
    private static int queryStart(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?') {
                return i + 1;
            }
            if (c == '#') {
                return -1;
            }
        }
        return -1;
    }

    private static void add(String uri, int nameStart, int valueStart, int end, Map<String, String> parameters,
                            Set<String> seen) {
        if (nameStart >= end) {
            return;
        }
        int nameEnd = valueStart <= nameStart ? end : valueStart - 1;
        String name = decoded(uri, nameStart, nameEnd, true);
        if (name == null) {
            throw new HttpProblemException(new HttpProblem.QueryNotUtf8(null));
        }
        String value = valueStart <= nameStart ? "" : decoded(uri, valueStart, end, true);
        if (value == null) {
            throw new HttpProblemException(new HttpProblem.QueryNotUtf8(name));
        }
        if (!seen.add(asciiLowerCase(name))) {
            throw new HttpProblemException(new HttpProblem.DuplicateKey(name));
        }
        parameters.put(name, value);
    }

    /**
     * A path segment, decoded as a parameter of the query string is but with {@code +} a plus, as in a path
     * (RFC 3986 §3.3); null when it is not percent-encoded UTF-8.
     */
    static String pathSegment(String segment) {
        return decoded(segment, 0, segment.length(), false);
    }

    /**
     * {@code name} with only its ASCII letters in lower case: Vert.x's map of parameters (Netty's
     * {@code AsciiString.contentEqualsIgnoreCase}) folded no other case, so {@code é} and {@code É} are two names.
     */
    private static String asciiLowerCase(String name) {
        char[] folded = name.toCharArray();
        for (int i = 0; i < folded.length; i++) {
            if (folded[i] >= 'A' && folded[i] <= 'Z') {
                folded[i] += 'a' - 'A';
            }
        }
        return new String(folded);
    }

    /** The text from {@code from} to {@code to}, decoded; null when it is not percent-encoded UTF-8. */
    private static String decoded(String uri, int from, int to, boolean plusIsSpace) {
        int plain = from;
        while (plain < to && isPlain(uri.charAt(plain), plusIsSpace)) {
            plain++;
        }
        if (plain == to) {
            return uri.substring(from, to); // nearly every parameter: ASCII with no escape, read once
        }
        byte[] bytes = new byte[to - from];
        int length = 0;
        for (int i = from; i < to; i++) {
            char c = uri.charAt(i);
            if (c == '%') {
                int high = i + 2 < to ? hex(uri.charAt(i + 1)) : -1;
                int low = high < 0 ? -1 : hex(uri.charAt(i + 2));
                if (low < 0) {
                    return null;
                }
                bytes[length++] = (byte) (high << 4 | low);
                i += 2;
            } else if (c > 0xFF) {
                return null; // not from the codec's bytes
            } else {
                bytes[length++] = (byte) (c == '+' && plusIsSpace ? ' ' : c);
            }
        }
        byte[] decoded = length == bytes.length ? bytes : Arrays.copyOf(bytes, length);
        return Utf8.isWellFormed(decoded) ? new String(decoded, StandardCharsets.UTF_8) : null;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static boolean isPlain(char c, boolean plusIsSpace) {
        return c != '%' && (c != '+' || !plusIsSpace) && c < 0x80;
    }
}
