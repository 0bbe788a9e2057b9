package dev.hostclone.adapter.http;

/**
 * The largest request the server reads: body size in bytes (413 above it), JSON nesting depth and
 * length of one JSON string or key in UTF-16 units, as Jackson counts it (1199000 above them). BlueKing's bodies nest a few
 * levels and its longest strings hold 2000 characters, so the defaults leave ample room.
 */
public record RequestLimits(long bodyBytes, int jsonNestingDepth, int stringLength) {

    public static final long DEFAULT_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_JSON_NESTING_DEPTH = 32;
    public static final int DEFAULT_STRING_LENGTH = 65_536;
    public static final RequestLimits DEFAULT =
            new RequestLimits(DEFAULT_BODY_BYTES, DEFAULT_JSON_NESTING_DEPTH, DEFAULT_STRING_LENGTH);

    public RequestLimits {
        if (bodyBytes <= 0) {
            throw new IllegalArgumentException("bodyLimitBytes must be positive: " + bodyBytes);
        }
        if (jsonNestingDepth <= 0) {
            throw new IllegalArgumentException("jsonNestingDepth must be positive: " + jsonNestingDepth);
        }
        if (stringLength <= 0) {
            throw new IllegalArgumentException("stringLength must be positive: " + stringLength);
        }
    }

    public RequestLimits withBodyBytes(long limit) {
        return new RequestLimits(limit, jsonNestingDepth, stringLength);
    }
}
