package dev.hostclone.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.testing.HostModels;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostModelTest {

    private final HostModel model = HostModels.standard();

    @Test
    void givenANewAttribute_whenAddingIt_thenTheModelIsTheNextRevisionWithIt() {
        HostModel next = model.withAttribute(HostModels.attribute(90, "rack", AttributeType.SINGLECHAR, true));

        assertThat(next.revision()).isEqualTo(model.revision() + 1);
        assertThat(next.attributes()).hasSize(model.attributes().size() + 1);
        assertThat(next).isNotEqualTo(model);
    }

    @Test
    void givenANewUniqueRule_whenAddingIt_thenTheModelIsTheNextRevisionWithIt() {
        HostModel next = model.withUniqueRule(new UniqueRule(90, List.of(8L), false, false, HostModels.EPOCH));

        assertThat(next.revision()).isEqualTo(model.revision() + 1);
        assertThat(next.uniqueRules()).hasSize(model.uniqueRules().size() + 1);
    }

    @Test
    void givenAUniqueRule_whenRemovingIt_thenTheModelIsTheNextRevisionWithoutIt() {
        HostModel next = model.withoutUniqueRule(4);

        assertThat(next.revision()).isEqualTo(model.revision() + 1);
        assertThat(next.uniqueRules()).extracting(UniqueRule::id).containsExactly(1L, 2L, 3L);
    }
}
