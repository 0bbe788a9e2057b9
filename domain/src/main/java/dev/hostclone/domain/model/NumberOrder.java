package dev.hostclone.domain.model;

/**
 * The order of an attribute's values and bounds: two whole numbers exactly, as {@code long}s; otherwise
 * as {@code double}s. Past 2^53 a {@code double} no longer tells neighbouring whole numbers apart.
 */
final class NumberOrder {

    private NumberOrder() {
    }

    static int compare(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }
}
