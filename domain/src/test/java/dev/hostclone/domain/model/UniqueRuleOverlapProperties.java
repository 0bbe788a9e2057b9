package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.failure.Failure.UniqueRuleOverlaps.Overlap;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Overlap between unique rules, over random key sets drawn from a few attribute ids so that overlaps occur. */
class UniqueRuleOverlapProperties {

    @Property
    void subsetOneWayIsSupersetTheOtherAndSameIsSymmetric(@ForAll("keySets") Set<Long> left,
                                                          @ForAll("keySets") Set<Long> right) {
        Optional<Overlap> forward = UniqueRuleDefinition.overlap(left, right);
        Optional<Overlap> backward = UniqueRuleDefinition.overlap(right, left);

        assertThat(backward).isEqualTo(forward.map(UniqueRuleOverlapProperties::mirrored));
    }

    @Property
    void anOverlapIsFoundExactlyWhenOneSetContainsTheOther(@ForAll("keySets") Set<Long> existing,
                                                           @ForAll("keySets") Set<Long> proposed) {
        boolean nested = existing.containsAll(proposed) || proposed.containsAll(existing);

        assertThat(UniqueRuleDefinition.overlap(existing, proposed).isPresent()).isEqualTo(nested);
    }

    @Property
    void addingAKeyToAnExistingRuleGivesARuleThatTheExistingIsASubsetOf(@ForAll("keySets") Set<Long> existing,
                                                                        @ForAll("extraKeys") long extra) {
        Set<Long> proposed = new HashSet<>(existing);
        proposed.add(extra);

        assertThat(UniqueRuleDefinition.overlap(existing, proposed))
                .contains(existing.contains(extra) ? Overlap.SAME : Overlap.EXISTING_IS_SUBSET);
    }

    @Provide
    Arbitrary<Set<Long>> keySets() {
        return Arbitraries.longs().between(1, 6).set().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Long> extraKeys() {
        return Arbitraries.longs().between(1, 8);
    }

    private static Overlap mirrored(Overlap overlap) {
        return switch (overlap) {
            case SAME -> Overlap.SAME;
            case EXISTING_IS_SUBSET -> Overlap.EXISTING_IS_SUPERSET;
            case EXISTING_IS_SUPERSET -> Overlap.EXISTING_IS_SUBSET;
        };
    }
}
