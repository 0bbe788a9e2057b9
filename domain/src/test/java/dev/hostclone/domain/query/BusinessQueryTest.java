package dev.hostclone.domain.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BusinessQueryTest {

    /** A maintainer an embedding application names in its own query, not only the actor's, is compared composed. */
    @Test
    void givenAMaintainerWithACombiningAccent_whenMakingTheQuery_thenItFiltersByTheComposedName() {
        BusinessQuery query = new BusinessQuery(BusinessCondition.NONE, "jose\u0301",
                new PageRequest(0, 10, BusinessQuery.SORTABLE.iterator().next(), false));

        assertThat(query.maintainer()).isEqualTo("jos\u00e9");
    }
}
