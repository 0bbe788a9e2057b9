package dev.hostclone.application.port.in;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** create_object_unique's and delete_object_unique's requests refuse a null id or a rule id no rule has. */
class UniqueRuleCommandsTest {

    @Test
    void givenKeyIds_whenMade_thenTheyAreKeptInTheOrderGivenAndTheCallersListIsNotFollowed() {
        List<Long> given = new ArrayList<>(List.of(8L, 2L));

        CreateObjectUniqueCommand command = new CreateObjectUniqueCommand(given);
        given.add(9L);

        assertThat(command.keyAttributeIds()).containsExactly(8L, 2L);
        assertThat(CreateObjectUniqueCommand.over().keyAttributeIds()).isEmpty(); // no keys: the use case's rule
    }

    @Test
    void givenANullListOrKeyId_whenMade_thenTheNullIsNamed() {
        assertThatNullPointerException().isThrownBy(() -> new CreateObjectUniqueCommand(null))
                .withMessage("keyAttributeIds");
        assertThatNullPointerException().isThrownBy(() -> new CreateObjectUniqueCommand(Arrays.asList(8L, null)))
                .withMessage("keyAttributeIds[1] is null");
        assertThatNullPointerException().isThrownBy(() -> CreateObjectUniqueCommand.over(8L, null))
                .withMessage("keyAttributeIds[1] is null");
    }

    @Test
    void givenARuleIdThatIsNotPositive_whenMadeToDelete_thenItIsRefusedAsAFault() {
        assertThat(new DeleteObjectUniqueCommand(4).ruleId()).isEqualTo(4);
        assertThatIllegalArgumentException().isThrownBy(() -> new DeleteObjectUniqueCommand(0))
                .withMessage("a unique rule's id is positive, not 0");
        assertThatIllegalArgumentException().isThrownBy(() -> new DeleteObjectUniqueCommand(-3))
                .withMessage("a unique rule's id is positive, not -3");
    }
}
