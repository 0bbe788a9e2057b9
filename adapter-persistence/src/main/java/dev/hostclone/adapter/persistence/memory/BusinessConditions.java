package dev.hostclone.adapter.persistence.memory;

import dev.hostclone.domain.query.BusinessCondition;
import dev.hostclone.domain.query.BusinessCondition.ContainsText;
import dev.hostclone.domain.query.BusinessCondition.Equals;
import dev.hostclone.domain.query.BusinessCondition.IdIn;
import dev.hostclone.domain.query.BusinessCondition.ListsUser;
import java.util.Map;

/** A {@link BusinessCondition} on a business's properties ({@code bk_biz_id} among them), in memory. */
final class BusinessConditions {

    private BusinessConditions() {
    }

    static boolean matches(Map<String, Object> business, BusinessCondition condition) {
        return condition.terms().stream().allMatch(term -> holds(business, term));
    }

    private static boolean holds(Map<String, Object> business, BusinessCondition.Term term) {
        Object stored = business.get(term.field());
        if (term instanceof Equals equals) {
            // as PostgreSQL compares jsonb: numbers by value, a null condition matching an absent property
            return PropertyConditions.sameValue(stored, equals.value());
        }
        if (term instanceof ContainsText contains) {
            return contains.test(stored);
        }
        if (term instanceof ListsUser user) {
            return user.test(stored);
        }
        if (term instanceof IdIn ids) {
            return ids.test(stored);
        }
        throw new IllegalArgumentException("unknown term: " + term);
    }
}
