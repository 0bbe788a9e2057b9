package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.Failure.UniqueRuleOverlaps.Overlap;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import dev.hostclone.domain.testing.HostModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class UniqueRuleDefinitionTest {

    /** The standard model (rules {1,7}, {11,7}, {13}, {2}) plus a custom field 40 of business 2. */
    private final HostModel model = HostModels.standard().withAttribute(HostModels.customField(40, "rack", 2));

    @Test
    void givenNewKeys_whenDefining_thenTheRuleIsUserCreatedAndBindsEveryHost() {
        UniqueRule rule = UniqueRuleDefinition.rule(List.of(8L, 9L), model, HostModels.EPOCH);

        assertThat(rule).isEqualTo(new UniqueRule(0, List.of(8L, 9L), false, false, HostModels.EPOCH));
    }

    @Test
    void givenNoKeys_whenDefining_thenKeysAreUnassigned() {
        assertRejected(List.of(), new Failure.MissingField("keys"));
    }

    @Test
    void givenRepeatedKey_whenDefining_thenKeysAreAnInvalidCombination() {
        assertRejected(List.of(8L, 8L), new Failure.InvalidCombination("keys"));
    }

    @Test
    void givenUnknownAttributeId_whenDefining_thenItDoesNotExist() {
        assertRejected(List.of(8L, 99L), new Failure.InvalidValue("keys", InvalidReason.DOES_NOT_EXIST, 99L));
    }

    @Test
    void givenBusinessCustomField_whenDefining_thenItIsNotAllowedAsAKey() {
        assertRejected(List.of(40L), new Failure.InvalidValue("keys", InvalidReason.NOT_ALLOWED, 40L));
    }

    @Test
    void givenForeignKeyAttribute_whenDefining_thenItIsNotAllowedAsAKey() {
        assertRejected(List.of(7L, 8L), new Failure.InvalidValue("keys", InvalidReason.NOT_ALLOWED, 7L));
    }

    @Test
    void givenTheSameKeysAsAnExistingRuleInAnotherOrder_whenDefining_thenTheSameRuleExists() {
        HostModel withPair = model.withUniqueRule(new UniqueRule(5, List.of(8L, 9L), false, false, HostModels.EPOCH));

        assertRejected(withPair, List.of(9L, 8L), new Failure.UniqueRuleOverlaps(5, Overlap.SAME));
    }

    @Test
    void givenKeysContainingAnExistingRule_whenDefining_thenTheExistingIsASubset() {
        assertRejected(List.of(2L, 8L), new Failure.UniqueRuleOverlaps(4, Overlap.EXISTING_IS_SUBSET));
    }

    @Test
    void givenKeysInsideAnExistingRule_whenDefining_thenTheExistingIsASuperset() {
        assertRejected(List.of(1L), new Failure.UniqueRuleOverlaps(1, Overlap.EXISTING_IS_SUPERSET));
    }

    @Test
    void givenKeyKinds_whenChecking_thenOnlyPropertyPasses() {
        UniqueRuleDefinition.requirePropertyKind("property");

        assertThatThrownBy(() -> UniqueRuleDefinition.requirePropertyKind("association"))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure())
                        .isEqualTo(new Failure.UniqueKeyKindInvalid("association")));
    }

    private void assertRejected(List<Long> keys, Failure expected) {
        assertRejected(model, keys, expected);
    }

    private static void assertRejected(HostModel model, List<Long> keys, Failure expected) {
        assertThatThrownBy(() -> UniqueRuleDefinition.rule(keys, model, HostModels.EPOCH))
                .isInstanceOfSatisfying(RejectedException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }
}
