package dev.hostclone.domain.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The numbers an embedding application gives as Java writes them, in the two forms values are kept in and
 * JSON's decoding yields: {@code Long} for a whole number, {@code Double} for any other. A number that
 * would lose something on the way is not one of them, and is refused as a value of the wrong type.
 */
public final class JavaNumbers {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    /** 2^53: under it a double holds every whole number, and from it on no longer tells one from the next. */
    private static final double EXACT_WHOLE = 9_007_199_254_740_992.0;

    private JavaNumbers() {
    }

    /**
     * {@code value} as a whole number: a {@code Long}, {@code Integer}, {@code Short} or {@code Byte}; a
     * {@code BigInteger} within a long's range; a {@code BigDecimal} whose value is whole and within it
     * ({@code 16} or {@code 16.0}); a {@code Double} or {@code Float} whose value is whole and under 2^53 either
     * side of zero, where each whole number is one double and no other is near it (JSON's
     * {@code 9007199254740993.0} decodes to 2^53, and is refused). JSON's {@code 16.0} and
     * {@code 1e3} are 16 and 1000, as BlueKing takes them (its decoding reads every JSON number of an attribute's
     * value as Go's {@code float64}, and an {@code int} attribute checks that it is a number): a Python agent
     * computing {@code total / 1024} sends {@code 16384.0}, refused here until 2026-12-07. A fraction
     * ({@code 16.5}) is no whole number, where BlueKing truncates it to check its range and stores it whole.
     */
    public static Optional<Long> whole(Object value) {
        if (value instanceof Long number) {
            return Optional.of(number);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            return number == Math.rint(number) && Math.abs(number) < EXACT_WHOLE
                    ? Optional.of((long) number) : Optional.empty();
        }
        BigInteger integer;
        if (value instanceof BigInteger big) {
            integer = big;
        } else if (value instanceof BigDecimal decimal && isWhole(decimal)) {
            integer = decimal.toBigInteger();
        } else {
            return Optional.empty();
        }
        if (integer.compareTo(LONG_MIN) < 0 || integer.compareTo(LONG_MAX) > 0) {
            return Optional.empty();
        }
        return Optional.of(integer.longValue());
    }

    /**
     * {@code value}, not a {@link #whole} number, as a {@code Double}: a {@code Double} as it is; a
     * {@code Float} by its decimal digits ({@code 0.1f} is 0.1, as JSON's {@code 0.1}, not the float's
     * 0.100000001490116…); a {@code BigDecimal} or {@code BigInteger} that a double holds exactly, or whose
     * digits a double prints back ({@code new BigDecimal("0.1")}). Infinite and NaN values are left to the caller.
     */
    public static Optional<Double> decimal(Object value) {
        if (value instanceof Double number) {
            return Optional.of(number);
        }
        if (value instanceof Float number) {
            return Optional.of(Double.parseDouble(Float.toString(number)));
        }
        BigDecimal exact;
        if (value instanceof BigDecimal decimal) {
            exact = decimal;
        } else if (value instanceof BigInteger integer) {
            exact = new BigDecimal(integer);
        } else {
            return Optional.empty();
        }
        double number = exact.doubleValue();
        if (!Double.isFinite(number)) {
            return Optional.empty();
        }
        boolean kept = new BigDecimal(number).compareTo(exact) == 0 || BigDecimal.valueOf(number).compareTo(exact) == 0;
        return kept ? Optional.of(number) : Optional.empty();
    }

    private static boolean isWhole(BigDecimal decimal) {
        return decimal.signum() == 0 || decimal.stripTrailingZeros().scale() <= 0;
    }
}
