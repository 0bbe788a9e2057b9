package dev.hostclone.domain.host;

import java.util.Locale;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address in its canonical text: dotted quad for IPv4, eight groups of four
 * lower-case hex digits for IPv6 (BlueKing stores IPv6 in full form). Parsed by hand so that no
 * input can ever trigger a DNS lookup.
 */
public final class IpAddress {

    public enum Family { V4, V6 }

    private final String text;
    private final Family family;
    private final String given;

    private IpAddress(String canonical, Family family, String given) {
        this.text = canonical;
        this.family = family;
        this.given = given;
    }

    /** Parses one address or fails with {@link IllegalArgumentException}; for values already checked. */
    public static IpAddress of(String raw) {
        return parse(raw).orElseThrow(() -> new IllegalArgumentException("not an IP address: " + raw));
    }

    /** Parses one address; a comma list, blanks or anything else gives empty. */
    public static Optional<IpAddress> parse(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > 45) {
            return Optional.empty();
        }
        if (raw.indexOf(':') >= 0) {
            return parseV6(raw).map(canonical -> new IpAddress(canonical, Family.V6, raw));
        }
        return parseV4(raw) ? Optional.of(new IpAddress(raw, Family.V4, raw)) : Optional.empty();
    }

    /** The canonical text: what is stored and compared. */
    public String text() {
        return text;
    }

    /**
     * The text as it was parsed, {@code fd00::9} where {@link #text} is {@code fd00:0000:…:0009}: what a message
     * quotes, so that a caller finds the value it sent. Not compared: two spellings of one address are equal.
     */
    public String given() {
        return given;
    }

    public Family family() {
        return family;
    }

    public boolean isV4() {
        return family == Family.V4;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IpAddress ip && ip.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /**
     * A dotted quad of decimal octets, 0 to 255, without leading zeros, read in one pass: a by-IP
     * request parses two addresses, and splitting them into strings first was a measurable share of it.
     */
    private static boolean parseV4(String raw) {
        int octets = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= raw.length(); i++) {
            // the end closes the last octet as a dot would
            char c = i < raw.length() ? raw.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || ++octets > 4) {
                    return false;
                }
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return false; // a leading zero
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return octets == 4;
    }

    /** RFC 4291 text forms: full, "::"-compressed, and with an embedded IPv4 tail. */
    private static Optional<String> parseV6(String raw) {
        String text = raw.toLowerCase(Locale.ROOT);
        int[] groups = new int[8];
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return Optional.empty();
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        int[] headGroups = groupsOf(head, doubleColon < 0);
        int[] tailGroups = groupsOf(tail, true);
        if (headGroups == null || tailGroups == null) {
            return Optional.empty();
        }
        int total = headGroups.length + tailGroups.length;
        if ((doubleColon < 0 && total != 8) || (doubleColon >= 0 && total > 7)) {
            return Optional.empty();
        }
        System.arraycopy(headGroups, 0, groups, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, groups, 8 - tailGroups.length, tailGroups.length);
        StringBuilder canonical = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                canonical.append(':');
            }
            String hex = Integer.toHexString(groups[i]);
            canonical.append("0".repeat(4 - hex.length())).append(hex);
        }
        return Optional.of(canonical.toString());
    }

    /** Hex groups of one side of "::"; the last may be an IPv4 tail (two groups). Null when invalid. */
    private static int[] groupsOf(String side, boolean mayEndInV4) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int[] groups = new int[parts.length + 1];
        int count = 0;
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            if (last && mayEndInV4 && part.indexOf('.') >= 0) {
                if (!parseV4(part)) {
                    return null;
                }
                String[] octets = part.split("\\.");
                groups[count++] = Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]);
                groups[count++] = Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]);
                continue;
            }
            if (part.isEmpty() || part.length() > 4) {
                return null;
            }
            int value = 0;
            for (int c = 0; c < part.length(); c++) {
                int digit = hexDigit(part.charAt(c));
                if (digit < 0) {
                    return null;
                }
                value = value << 4 | digit;
            }
            groups[count++] = value;
        }
        int[] result = new int[count];
        System.arraycopy(groups, 0, result, 0, count);
        return result;
    }

    /** ASCII's hex digits only: {@link Character#digit} also reads fullwidth and other scripts' digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
            return (c | 0x20) - 'a' + 10;
        }
        return -1;
    }
}
