package dev.hostclone.adapter.http.json;

import dev.hostclone.adapter.http.error.HttpProblem;

/**
 * Well-formed UTF-8 as RFC 3629 and the Unicode standard's Table 3-7 list it: no overlong form
 * ({@code C0 AF} for {@code /}), no surrogate ({@code ED A0 80}), nothing past U+10FFFF
 * ({@code F4 90 80 80}), no sequence cut short. Jackson checks only that continuation bytes follow a
 * lead, and decodes the rest: an overlong form to its character, a surrogate or a code point past
 * U+10FFFF to what the stores then keep as U+FFFD. The body's scan, the v3 credentials header and the
 * query string read their bytes by it.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Whether {@code bytes}, all of them, are well-formed UTF-8. */
    public static boolean isWellFormed(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            if (bytes[i] >= 0) {
                i++;
            } else {
                i = wellFormedEnd(bytes, i);
                if (i < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The index just past the well-formed sequence that the byte at {@code at}, not ASCII, leads; -1 when
     * the bytes from {@code at} are not one.
     */
    static int wellFormedEnd(byte[] bytes, int at) {
        int lead = bytes[at] & 0xFF;
        if (lead < 0xC2 || lead > 0xF4) {
            return -1; // a continuation byte, a lead of an overlong two-byte form (C0, C1), or past U+10FFFF
        }
        if (lead < 0xE0) {
            return isWithin(bytes, at + 1, 0x80, 0xBF) ? at + 2 : -1;
        }
        // the second byte's range shuts out the overlong forms (E0, F0), the surrogates (ED) and past U+10FFFF (F4)
        int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
        int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
        if (!isWithin(bytes, at + 1, low, high) || !isWithin(bytes, at + 2, 0x80, 0xBF)) {
            return -1;
        }
        if (lead < 0xF0) {
            return at + 3;
        }
        return isWithin(bytes, at + 3, 0x80, 0xBF) ? at + 4 : -1;
    }

    private static boolean isWithin(byte[] bytes, int at, int low, int high) {
        if (at >= bytes.length) {
            return false;
        }
        int b = bytes[at] & 0xFF;
        return b >= low && b <= high;
    }

    /**
     * Where the byte at {@code offset} is, as Jackson's byte reader locates what it cannot read: lines counted at each
     * line feed, carriage return or pair of them, columns in bytes from 1.
     */
    static HttpProblem.MalformedJson malformedAt(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n' || bytes[i] == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n')) {
                line++;
                lineStart = i + 1;
            }
        }
        return new HttpProblem.MalformedJson(line, offset - lineStart + 1);
    }

    /**
     * The offset of the byte where the character {@code units} UTF-16 units into well-formed {@code bytes} starts
     * (their length, past their end): Jackson's reader of text locates in such units, a character past U+FFFF two,
     * counted from after a byte-order mark, which it skips.
     */
    static int byteOffsetOf(byte[] bytes, long units) {
        boolean byteOrderMark = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF;
        int at = byteOrderMark ? 3 : 0;
        for (long read = 0; read < units && at < bytes.length; ) {
            int lead = bytes[at] & 0xFF;
            int length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            read += length == 4 ? 2 : 1;
            at += length;
        }
        return Math.min(at, bytes.length);
    }
}
