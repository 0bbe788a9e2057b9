package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.floats;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Java's numbers are taken as the Long or Double that JSON of the same number decodes to, and one that
 * would lose something on the way is not taken at all.
 */
class JavaNumbersProperties {

    private static final BigInteger PAST_LONG = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);

    @Test
    void anIntShortOrByteIsTheWholeNumberItHolds() {
        qt().forAll(integers().all()).checkAssert(number -> {
            assertThat(JavaNumbers.whole(number)).contains((long) number);
            assertThat(JavaNumbers.whole((short) (int) number)).contains((long) (short) (int) number);
            assertThat(JavaNumbers.whole((byte) (int) number)).contains((long) (byte) (int) number);
        });
    }

    @Test
    void aBigIntegerOrBigDecimalWithinALongIsThatLongWhateverItsScale() {
        qt().forAll(longs().all(), integers().between(0, 3)).checkAssert((number, scale) -> {
            assertThat(JavaNumbers.whole(BigInteger.valueOf(number))).contains(number);
            assertThat(JavaNumbers.whole(BigDecimal.valueOf(number).setScale(scale))).contains(number);
        });
    }

    @Test
    void aBigDecimalWithAFractionOrPastALongIsNoWholeNumber() {
        qt().forAll(longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE - 1)).checkAssert(number -> {
            assertThat(JavaNumbers.whole(BigDecimal.valueOf(number).add(new BigDecimal("0.5")))).isEmpty();
            assertThat(JavaNumbers.whole(PAST_LONG.add(BigInteger.valueOf(Math.abs(number))))).isEmpty();
            assertThat(JavaNumbers.whole(PAST_LONG.add(BigInteger.valueOf(Math.abs(number))).negate().subtract(BigInteger.ONE)))
                    .isEmpty();
        });
    }

    /** JSON's 16.0 is 16, as BlueKing takes it: under 2^53 a double holds each whole number, and no other near it. */
    @Test
    void aDoubleOrFloatWhoseValueIsWholeUnderTwoToThe53IsThatWholeNumber() {
        long under = (1L << 53) - 1;
        qt().forAll(longs().between(-under, under)).checkAssert(number ->
                assertThat(JavaNumbers.whole((double) number)).contains(number));
        // a float holds every whole number up to 2^24
        qt().forAll(longs().between(-(1L << 24), 1L << 24)).checkAssert(number ->
                assertThat(JavaNumbers.whole((float) number)).contains(number));
    }

    @Test
    void aDoubleWithAFractionOfTwoToThe53OrMoreOrNotFiniteIsNoWholeNumber() {
        qt().forAll(longs().between(-1_000_000_000, 1_000_000_000), doubles().between(0.001, 0.999)).checkAssert(
                (number, fraction) -> assertThat(JavaNumbers.whole(number + fraction)).isEmpty());
        qt().forAll(longs().between(1L << 53, Long.MAX_VALUE)).checkAssert(number -> {
            assertThat(JavaNumbers.whole((double) number)).isEmpty();
            assertThat(JavaNumbers.whole(-(double) number)).isEmpty();
        });
        for (double notFinite : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThat(JavaNumbers.whole(notFinite)).isEmpty();
            assertThat(JavaNumbers.whole((float) notFinite)).isEmpty();
        }
    }

    @Test
    void aFiniteDoubleIsItselfAndSoIsItsBigDecimalExactOrByItsDigits() {
        qt().forAll(doubles().any()).assuming(Double::isFinite).checkAssert(number -> {
            assertThat(JavaNumbers.decimal(number)).contains(number);
            assertThat(JavaNumbers.decimal(new BigDecimal(number))).contains(number);
            assertThat(JavaNumbers.decimal(BigDecimal.valueOf(number))).contains(number);
        });
    }

    /** {@code 0.1f} is meant as 0.1, what JSON's 0.1 decodes to, not as the float's binary 0.100000001490116…. */
    @Test
    void aFiniteFloatIsTheDoubleOfItsDigits() {
        qt().forAll(floats().any()).assuming(Float::isFinite).checkAssert(number ->
                assertThat(JavaNumbers.decimal(number)).contains(Double.parseDouble(Float.toString(number))));
    }

    @Test
    void aBigDecimalNoDoubleHoldsNorPrintsBackIsNoDecimal() {
        qt().forAll(doubles().between(-1e6, 1e6)).checkAssert(number -> {
            // the double's exact value, and a digit further than any double goes
            BigDecimal finer = new BigDecimal(number).add(new BigDecimal("1e-400"));
            assertThat(JavaNumbers.decimal(finer)).isEmpty();
        });
        assertThat(JavaNumbers.decimal(BigDecimal.TEN.pow(400))).isEmpty();
        assertThat(JavaNumbers.decimal(new BigInteger("9007199254740993"))).isEmpty();
        assertThat(JavaNumbers.decimal(new BigInteger("9007199254740992"))).isEqualTo(Optional.of(9007199254740992.0));
    }

    @Test
    void anythingElseIsNeitherAWholeNumberNorADecimal() {
        for (Object other : new Object[] {"16", true, new java.util.concurrent.atomic.AtomicLong(16), 'x'}) {
            assertThat(JavaNumbers.whole(other)).as("%s", other).isEmpty();
            assertThat(JavaNumbers.decimal(other)).as("%s", other).isEmpty();
        }
    }
}
