package dev.hostclone.domain.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.domain.creation.NewBusiness;
import dev.hostclone.domain.query.BusinessCondition.ContainsText;
import dev.hostclone.domain.query.BusinessCondition.Equals;
import dev.hostclone.domain.query.BusinessCondition.IdIn;
import dev.hostclone.domain.query.BusinessCondition.ListsUser;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** search_business's condition, entry by entry, as BlueKing's topo server reads it. */
class BusinessConditionTest {

    @Test
    void givenEachKindOfValue_whenReadAsACondition_thenUsersAreListedOtherTextsContainedAndTheRestEqual() {
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("bk_biz_maintainer", "alice,bob");
        entries.put("bk_biz_name", "Gateway");
        entries.put("life_cycle", null);
        entries.put("bk_biz_id", 3L);
        entries.put("flag", true);

        assertThat(BusinessCondition.of(entries).terms()).containsExactly(
                new ListsUser("bk_biz_maintainer", "alice"), new ListsUser("bk_biz_maintainer", "bob"),
                new ContainsText("bk_biz_name", "Gateway"), new Equals("life_cycle", null), new Equals("bk_biz_id", 3L),
                new Equals("flag", true));
    }

    @Test
    void givenTheBusinessModel_whenAskedForItsUserFields_thenTheFiveObjuserFields() {
        assertThat(NewBusiness.USER_FIELDS).containsExactlyInAnyOrder(
                "bk_biz_maintainer", "bk_biz_productor", "bk_biz_developer", "bk_biz_tester", "operator");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bk_biz_productor", "bk_biz_developer", "bk_biz_tester", "operator"})
    void givenATextOnAnyUserField_whenReadAsACondition_thenItListsTheUser(String field) {
        assertThat(BusinessCondition.of(Map.of(field, "alice")).terms()).containsExactly(new ListsUser(field, "alice"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            ",alice,|alice",
            ",,alice,bob,,|alice;bob",
            "alice,,bob|alice;bob",
            "' alice'|' alice'"})
    void givenCommasAtTheEndsOrDoubled_whenReadAsUsers_thenOnlyTheNamesBetween(String text, String users) {
        assertThat(BusinessCondition.users(text)).containsExactly(users.split(";"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",", ",,,"})
    void givenATextNamingNobody_whenReadAsUsers_thenTheEmptyNameFoundOnlyInAnEmptyList(String text) {
        assertThat(BusinessCondition.users(text)).containsExactly("");
        ListsUser nobody = new ListsUser("bk_biz_tester", "");

        assertThat(nobody.test("")).isTrue();
        assertThat(nobody.test("alice")).isFalse();
        assertThat(nobody.test(null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "alice|true", "alice,bob|true", "bob,alice|true", "bob,alice,carol|true",
            "alicea|false", "malice|false", "bob,alice2|false", "Alice|false", "bob|false"})
    void givenAUser_whenTestingAList_thenOnlyThatExactNameInAnyPlace(String list, boolean listed) {
        assertThat(new ListsUser("bk_biz_maintainer", "alice").test(list)).isEqualTo(listed);
    }

    /** Stored lists hold names composed (NFC); a condition naming one with a combining accent is that user. */
    @Test
    void givenAUserWithACombiningAccent_whenReadAsACondition_thenTheComposedNameIsListedAndFound() {
        List<BusinessCondition.Term> terms = BusinessCondition.of(Map.of("bk_biz_maintainer", "jose\u0301")).terms();

        assertThat(terms).containsExactly(new ListsUser("bk_biz_maintainer", "jos\u00e9"));
        assertThat(((ListsUser) terms.get(0)).test("alice,jos\u00e9")).isTrue();
    }

    @Test
    void givenAPrefixOfAName_whenTestingAList_thenItIsNotListed() {
        assertThat(new ListsUser("bk_biz_maintainer", "ali").test("alice,bob")).isFalse();
    }

    @Test
    void givenSeveralUsers_whenMatching_thenEveryOneIsRequired() {
        List<BusinessCondition.Term> terms = BusinessCondition.of(Map.of("bk_biz_maintainer", "alice,bob")).terms();

        assertThat(terms).allMatch(term -> ((ListsUser) term).test("bob,carol,alice"));
        assertThat(terms).anyMatch(term -> !((ListsUser) term).test("alice,carol"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.c", "a*", "a?", "(x)", "[x]", "a+b", "^a$", "a\\d", "a|b", "%", "_"})
    void givenRegexCharactersInAUser_whenTestingAList_thenTheyAreThemselves(String user) {
        ListsUser listed = new ListsUser("operator", user);

        assertThat(listed.test("bob," + user)).isTrue();
        assertThat(listed.test("bob,abc")).isFalse();
    }

    @Test
    void givenAStoredValueThatIsNoText_whenTestingUsersOrTexts_thenNoMatch() {
        assertThat(new ListsUser("operator", "1").test(1L)).isFalse();
        assertThat(new ContainsText("tier", "1").test(1L)).isFalse();
        assertThat(new ContainsText("tier", "").test(null)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gateway|Pay-Gateway", "PAY|Pay-Gateway", "y-g|Pay-Gateway", "Pay-Gateway|Pay-Gateway", "''|Pay-Gateway",
            "äpfel|ÄPFEL-Zone", "σ|ΟΔΟΣ", "İ|İstanbul", "i|İstanbul", "is|İstanbul"})
    void givenATextAnywhereInAValue_whenTestingIgnoringCase_thenItMatches(String text, String value) {
        assertThat(new ContainsText("bk_biz_name", text).test(value)).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "%|Pay-Gateway", "_|Pay-Gateway", ".|Pay-Gateway", "*|Pay-Gateway", "Pay.Gateway|Pay-Gateway",
            "P%y|Pay-Gateway", "P_y|Pay-Gateway", "\\|Pay-Gateway", ".*|Pay-Gateway", "gateways|Pay-Gateway"})
    void givenLikeOrRegexCharacters_whenTestingIgnoringCase_thenTheyAreThemselvesAndMissAValueWithoutThem(String text,
                                                                                                        String value) {
        ContainsText contains = new ContainsText("bk_biz_name", text);

        assertThat(contains.test(value)).isFalse();
        assertThat(contains.test("x" + text.toUpperCase() + "x")).as("found as it is").isTrue();
    }

    @Test
    void givenIdsFromEqOrIn_whenAdded_thenAnIdTermOnBkBizIdAndTheOthersKept() {
        BusinessCondition condition = BusinessCondition.of(Map.of("life_cycle", 2L)).andIdIn(List.of(3L, 5L));

        assertThat(condition.terms()).containsExactly(new Equals("life_cycle", 2L), new IdIn(Set.of(3L, 5L)));
        IdIn ids = (IdIn) condition.terms().get(1);
        assertThat(ids.field()).isEqualTo("bk_biz_id");
        assertThat(ids.test(5L)).isTrue();
        assertThat(ids.test(4L)).isFalse();
        assertThat(new IdIn(Set.of()).test(5L)).as("an empty $in matches nothing").isFalse();
    }

    @Test
    void givenNoEntries_whenReadAsACondition_thenNoTerm() {
        assertThat(BusinessCondition.of(new HashMap<>()).terms()).isEmpty();
        assertThat(BusinessCondition.NONE.terms()).isEmpty();
    }
}
