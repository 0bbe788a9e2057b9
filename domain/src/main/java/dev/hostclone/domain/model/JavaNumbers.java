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

    private JavaNumbers() {
    }

    /**
     * {@code value} as a whole number: a {@code Long}, {@code Integer}, {@code Short} or {@code Byte}; a
     * {@code BigInteger} within a long's range; a {@code BigDecimal} whose value is whole and within it
     * ({@code 16} or {@code 16.0}). Never a {@code Double} or {@code Float}, whole or not: JSON's {@code 16.0}
     * is refused where a whole number goes, as BlueKing refuses it, and the two cannot be told apart here.
     */
    public static Optional<Long> whole(Object value) {
        if (value instanceof Long number) {
            return Optional.of(number);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
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
