package dev.hostclone.domain.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditQueryTest {

    /** Every record's user is its actor's, composed (NFC); a filter naming the user with a combining accent finds them. */
    @Test
    void givenAUserFilterWithACombiningAccent_whenMakingTheQuery_thenItFiltersByTheComposedName() {
        AuditQuery query = new AuditQuery(Instant.EPOCH, null, null, null, null, Set.of(), "jose\u0301",
                new PageRequest(0, 10, AuditQuery.ID, false));

        assertThat(query.user()).isEqualTo("jos\u00e9");
    }
}
