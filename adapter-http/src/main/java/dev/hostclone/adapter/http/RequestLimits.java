package dev.hostclone.adapter.http;

/**
 * The largest request the server reads: body size in bytes (413 above it), JSON nesting depth and
 * length of one JSON string or key in UTF-16 units, as Jackson counts it (1199000 above them). BlueKing's bodies nest a few
 * levels and its longest strings hold 2000 characters, so the defaults leave ample room. Beside them, the bytes of
 * request bodies the server reads at once, over all its connections, with the trees built of them
 * ({@code bodyBudgetBytes}): one request more is answered 503 / 1199997, so that many clients sending large bodies
 * slowly cannot fill the heap, however many connections they hold. It is never below the body limit, so that one
 * body of any size accepted can be read; the tree built of it may still want more, and a budget near the limit
 * refuses a proven caller's large body 413 then.
 */
public record RequestLimits(long bodyBytes, int jsonNestingDepth, int stringLength, long bodyBudgetBytes) {

    public static final long DEFAULT_BODY_BYTES = 1024 * 1024;
    public static final int DEFAULT_JSON_NESTING_DEPTH = 32;
    public static final int DEFAULT_STRING_LENGTH = 65_536;
    public static final RequestLimits DEFAULT =
            new RequestLimits(DEFAULT_BODY_BYTES, DEFAULT_JSON_NESTING_DEPTH, DEFAULT_STRING_LENGTH);

    /**
     * The share of the heap the bodies read at once, and the trees built of them, may take: an eighth, 32 MiB of
     * {@code -Xmx256m}. A body's buffer may take up to twice its bytes as it grows, beside the hosts and the audit
     * records a memory store keeps (a quarter of the heap).
     */
    static final int HEAP_SHARE_DIVISOR = 8;

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
        if (bodyBudgetBytes < bodyBytes) {
            throw new IllegalArgumentException("bodyBudgetBytes must not be below the body limit (" + bodyBytes
                    + "): " + bodyBudgetBytes);
        }
    }

    /** These limits, with the bodies read at once taking at most an eighth of this JVM's heap. */
    public RequestLimits(long bodyBytes, int jsonNestingDepth, int stringLength) {
        this(bodyBytes, jsonNestingDepth, stringLength, heapShare(bodyBytes, Runtime.getRuntime().maxMemory()));
    }

    /** An eighth of {@code maxHeapBytes}, or {@code bodyBytes} where that is more. */
    static long heapShare(long bodyBytes, long maxHeapBytes) {
        return Math.max(bodyBytes, maxHeapBytes / HEAP_SHARE_DIVISOR);
    }

    /** These limits with a body limit of {@code limit}, and a budget raised to it where it was below. */
    public RequestLimits withBodyBytes(long limit) {
        return new RequestLimits(limit, jsonNestingDepth, stringLength, Math.max(bodyBudgetBytes, limit));
    }

    public RequestLimits withBodyBudgetBytes(long budget) {
        return new RequestLimits(bodyBytes, jsonNestingDepth, stringLength, budget);
    }
}
