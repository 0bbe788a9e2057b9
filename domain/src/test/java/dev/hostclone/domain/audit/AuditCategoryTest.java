package dev.hostclone.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditCategoryTest {

    /** HostClone writes host records only: the host category finds them, and no other category does. */
    @Test
    void givenEachCategory_whenAskedItsAuditTypes_thenOnlyTheHostCategoryHoldsTheTypeHostCloneWrites() {
        assertThat(AuditCategory.HOST.auditTypes()).containsExactly(AuditRecord.HOST);
        assertThat(Arrays.stream(AuditCategory.values()).filter(category -> category != AuditCategory.HOST))
                .hasSize(3)
                .allSatisfy(category -> assertThat(category.auditTypes()).isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"host,HOST", "business,BUSINESS", "resource,RESOURCE", "other,OTHER"})
    void givenBlueKingsNameOfACategory_whenLookedUp_thenThatCategory(String wireName, AuditCategory expected) {
        assertThat(AuditCategory.named(wireName)).contains(expected);
        assertThat(expected.wireName()).isEqualTo(wireName);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hosts", "Host", "HOST", "", " host"})
    void givenAnotherName_whenLookedUp_thenNoCategory(String wireName) {
        assertThat(AuditCategory.named(wireName)).isEmpty();
    }
}
