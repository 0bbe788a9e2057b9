package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.hostclone.domain.failure.Failure.UniqueRuleOverlaps.Overlap;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Overlap between unique rules, over random key sets drawn from a few attribute ids so that overlaps occur. */
class UniqueRuleOverlapProperties {

    @Test
    void subsetOneWayIsSupersetTheOtherAndSameIsSymmetric() {
        qt().forAll(keySets(), keySets()).checkAssert((left, right) -> {
            Optional<Overlap> forward = UniqueRuleDefinition.overlap(left, right);
            Optional<Overlap> backward = UniqueRuleDefinition.overlap(right, left);

            assertThat(backward).isEqualTo(forward.map(UniqueRuleOverlapProperties::mirrored));
        });
    }

    @Test
    void anOverlapIsFoundExactlyWhenOneSetContainsTheOther() {
        qt().forAll(keySets(), keySets()).checkAssert((existing, proposed) -> {
            boolean nested = existing.containsAll(proposed) || proposed.containsAll(existing);

            assertThat(UniqueRuleDefinition.overlap(existing, proposed).isPresent()).isEqualTo(nested);
        });
    }

    @Test
    void addingAKeyToAnExistingRuleGivesARuleThatTheExistingIsASubsetOf() {
        qt().forAll(keySets(), longs().between(1, 8)).checkAssert((existing, extra) -> {
            Set<Long> proposed = new HashSet<>(existing);
            proposed.add(extra);

            assertThat(UniqueRuleDefinition.overlap(existing, proposed))
                    .contains(existing.contains(extra) ? Overlap.SAME : Overlap.EXISTING_IS_SUBSET);
        });
    }

    /** One to five distinct keys among six. */
    private static Gen<Set<Long>> keySets() {
        return lists().of(longs().between(1, 6)).ofSizeBetween(1, 5).map(Set::copyOf);
    }

    private static Overlap mirrored(Overlap overlap) {
        return switch (overlap) {
            case SAME -> Overlap.SAME;
            case EXISTING_IS_SUBSET -> Overlap.EXISTING_IS_SUPERSET;
            case EXISTING_IS_SUPERSET -> Overlap.EXISTING_IS_SUBSET;
        };
    }
}
