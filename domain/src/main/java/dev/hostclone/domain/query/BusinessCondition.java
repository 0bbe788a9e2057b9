package dev.hostclone.domain.query;

import dev.hostclone.domain.access.UserNames;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.creation.NewBusiness;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * search_business's {@code condition}, matched as BlueKing's topo server matches it
 * ({@code handleSpecialBusinessFieldSearchCond}): a business matches when every {@link Term} holds.
 * Each entry of the condition becomes terms by its value:
 * <ul>
 *   <li>a text on a user field of the business model ({@link NewBusiness#USER_FIELDS}): trimmed of
 *       leading and trailing commas and split at commas; each user named is a {@link ListsUser} (so
 *       several are all required); a text naming nobody is one {@link ListsUser} of the empty name;</li>
 *   <li>a text on any other field: {@link ContainsText}, found anywhere, ignoring case, taken literally;</li>
 *   <li>anything else (null, a number, a boolean, a list): {@link Equals}.</li>
 * </ul>
 * BlueKing's {@code {"$eq":N}} and {@code {"$in":[N,…]}} on {@code bk_biz_id} are {@link IdIn} terms.
 */
public record BusinessCondition(List<Term> terms) {

    /** No term: every business matches. */
    public static final BusinessCondition NONE = new BusinessCondition(List.of());

    public BusinessCondition {
        terms = List.copyOf(terms);
    }

    /** The terms of a condition's plain entries (texts, numbers, booleans, lists, nulls), in their order. */
    public static BusinessCondition of(Map<String, Object> entries) {
        List<Term> terms = new ArrayList<>();
        entries.forEach((field, value) -> {
            if (value instanceof String text && NewBusiness.USER_FIELDS.contains(field)) {
                users(text).forEach(user -> terms.add(new ListsUser(field, user)));
            } else if (value instanceof String text) {
                terms.add(new ContainsText(field, text));
            } else {
                terms.add(new Equals(field, value));
            }
        });
        return new BusinessCondition(terms);
    }

    /** This condition and {@code bk_biz_id} one of {@code ids}. */
    public BusinessCondition andIdIn(Collection<Long> ids) {
        List<Term> more = new ArrayList<>(terms);
        more.add(new IdIn(Set.copyOf(ids)));
        return new BusinessCondition(more);
    }

    /**
     * The users a text names: BlueKing trims the commas at either end and splits at the others. Empty
     * names between two commas name nobody and are skipped; a text naming nobody at all stands for the
     * empty name, which BlueKing's pattern finds in an empty list, so that it matches no more than it did.
     */
    static List<String> users(String text) {
        List<String> users = new ArrayList<>();
        for (String user : text.split(",")) {
            if (!user.isEmpty()) {
                users.add(user);
            }
        }
        return users.isEmpty() ? List.of("") : users;
    }

    /** One requirement on a business's properties (with {@code bk_biz_id} among them). */
    public sealed interface Term permits Equals, ContainsText, ListsUser, IdIn {

        String field();
    }

    /** The property equals {@code value} as the store compares values (numbers by value); null: null or absent. */
    public record Equals(String field, Object value) implements Term {

        public Equals {
            Objects.requireNonNull(field, "field");
        }
    }

    /**
     * The property is a text holding {@code text} anywhere, ignoring case: BlueKing's {@code $regex} with
     * option {@code i} on the value with every special character escaped, so {@code %}, {@code _},
     * {@code .} and {@code *} are themselves. Case is folded code point by code point ({@link TextFolding}).
     */
    public record ContainsText(String field, String text) implements Term {

        public ContainsText {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(text, "text");
        }

        public boolean test(Object stored) {
            return stored instanceof String value && TextFolding.contains(value, text);
        }
    }

    /**
     * The property is a comma list naming {@code user} exactly, in any place: BlueKing's
     * {@code (^u$)|(^u,)|(,u,)|(,u$)}, which for a name holding no comma is the list wrapped in commas
     * holding the name wrapped in commas. Case counts; {@code ali} is not {@code alice}. The user is composed
     * ({@link UserNames}), as the names of every stored list are, whichever form the condition sent.
     */
    public record ListsUser(String field, String user) implements Term {

        public ListsUser {
            Objects.requireNonNull(field, "field");
            user = UserNames.normalized(Objects.requireNonNull(user, "user"));
            if (user.contains(",")) {
                throw new IllegalArgumentException("a user name holds no comma: " + user);
            }
        }

        public boolean test(Object stored) {
            return stored instanceof String list && ("," + list + ",").contains("," + user + ",");
        }
    }

    /** {@code bk_biz_id} is one of {@code ids}; none: no business. */
    public record IdIn(Set<Long> ids) implements Term {

        public IdIn {
            ids = Set.copyOf(ids);
        }

        @Override
        public String field() {
            return Business.ID;
        }

        public boolean test(Object stored) {
            return stored instanceof Number id && ids.contains(id.longValue());
        }
    }
}
