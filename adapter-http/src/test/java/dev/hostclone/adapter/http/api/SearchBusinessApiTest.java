package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.OrderedMap;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.query.BusinessCondition.ContainsText;
import dev.hostclone.domain.query.BusinessCondition.Equals;
import dev.hostclone.domain.query.BusinessCondition.IdIn;
import dev.hostclone.domain.query.BusinessCondition.ListsUser;
import dev.hostclone.domain.query.BusinessQuery;
import dev.hostclone.domain.query.Page;
import dev.hostclone.domain.query.PageRequest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class SearchBusinessApiTest extends ServerTest {

    private static final String API = "search_business";

    @BeforeEach
    void twoBusinessesOfTwelve() {
        server.searchBusiness.succeedWith(new Page<>(12, List.of(
                new Business(BusinessId.of(2), OrderedMap.of("bk_biz_name", "shop", "bk_biz_maintainer", "alice",
                        "life_cycle", "2", "default", 0L)),
                new Business(BusinessId.of(3), OrderedMap.of("bk_biz_name", "blog", "bk_biz_maintainer", "bob")))));
    }

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenConditionFieldsAndPage_whenSearchingThroughEitherDoor_thenTheQueryHoldsThemAndInfoIsProjected(Door door) {
        ApiResponse response = client().call(door, API, "{\"condition\":{\"bk_biz_maintainer\":\"alice\",\"bk_biz_id\":2},"
                + "\"fields\":[\"bk_biz_name\",\"bk_biz_id\"],\"page\":{\"start\":10,\"limit\":2,\"sort\":\"-bk_biz_name\"}}");

        assertData(response, "{\"count\":12,\"info\":[{\"bk_biz_id\":2,\"bk_biz_name\":\"shop\"},"
                + "{\"bk_biz_id\":3,\"bk_biz_name\":\"blog\"}]}");
        BusinessQuery query = server.searchBusiness.onlyCall().input();
        assertThat(query.condition().terms()).containsExactly(new ListsUser("bk_biz_maintainer", "alice"),
                new Equals("bk_biz_id", 2L));
        assertThat(query.maintainer()).isNull();
        assertThat(query.page()).isEqualTo(new PageRequest(10, 2, "bk_biz_name", true));
    }

    @Test
    void givenNoFieldsAndNoPage_whenSearching_thenEveryPropertyOfTheFirstTwentyByIdAscending() {
        ApiResponse response = client().esb(API, "{}");

        assertData(response, "{\"count\":12,\"info\":[{\"bk_biz_id\":2,\"bk_biz_name\":\"shop\",\"bk_biz_maintainer\":\"alice\","
                + "\"life_cycle\":\"2\",\"default\":0},{\"bk_biz_id\":3,\"bk_biz_name\":\"blog\",\"bk_biz_maintainer\":\"bob\"}]}");
        BusinessQuery query = server.searchBusiness.onlyCall().input();
        assertThat(query.condition().terms()).isEmpty();
        assertThat(query.page()).isEqualTo(new PageRequest(0, 20, "bk_biz_id", false));
    }

    /**
     * BlueKing's ESB serves a component by GET too, passing the query string's parameters on: scripts search
     * businesses so, their credentials in the query string. Until 2026-12-08 they heard 405.
     */
    @Test
    void givenAnEsbGetWithCredentialsAlone_whenSearching_thenTheSearchOfEveryBusiness() {
        ApiResponse response = client().send("GET", "/api/c/compapi/v2/cc/search_business/"
                + "?bk_app_code=cmdb-caller&bk_app_secret=s3cret-Value%21&bk_username=admin&bk_supplier_account=0", null);

        assertThat(response.code()).as(response.body()).isZero();
        BusinessQuery query = server.searchBusiness.onlyCall().input();
        assertThat(query.condition().terms()).isEmpty();
        assertThat(query.page()).isEqualTo(new PageRequest(0, 20, "bk_biz_id", false));
    }

    /** A GET's parameters are texts, as BlueKing's ESB passes them on, and a field that must be an object says so. */
    @Test
    void givenAnEsbGetWithAConditionInTheQueryString_whenSearching_then1199000NamingItAndNoSearch() {
        ApiResponse response = inEnglish().send("GET", "/api/c/compapi/v2/cc/search_business"
                + "?bk_app_code=cmdb-caller&bk_app_secret=s3cret-Value%21&bk_username=admin&condition=x", null);

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'condition' must be an object");
        assertThat(server.searchBusiness.calls()).isEmpty();
    }

    @Test
    void givenEmptyFieldsAndZeroLimit_whenSearching_thenEveryPropertyAndTheDefaultLimit() {
        ApiResponse response = client().v3(API, "{\"fields\":[],\"page\":{\"limit\":0,\"sort\":\"\"}}");

        assertThat(response.data().get("info").get(0).has("bk_biz_maintainer")).isTrue();
        assertThat(server.searchBusiness.onlyCall().input().page()).isEqualTo(new PageRequest(0, 20, "bk_biz_id", false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"condition\":[]}|'condition' must be an object",
            "{\"condition\":{\"bk_biz_id\":\"2\"}}|'condition.bk_biz_id' must be an integer",
            "{\"condition\":{\"bk_biz_name\":2}}|'condition.bk_biz_name' must be a string",
            "{\"fields\":\"bk_biz_name\"}|'fields' must be an array",
            "{\"fields\":[\"bk_biz_name\",1]}|'fields[1]' must be a string",
            "{\"page\":[]}|'page' must be an object",
            "{\"page\":{\"limit\":\"10\"}}|'page.limit' must be an integer",
            "{\"page\":{\"start\":1.5}}|'page.start' must be an integer",
            "{\"page\":{\"sort\":1}}|'page.sort' must be a string"})
    void givenFieldOfTheWrongJsonType_whenSearching_then1199000NamingIt(String body, String expected) {
        ApiResponse response = inEnglish().esb(API, body);

        assertRefused(response, 1199000, "Deserializing JSON data failed: field " + expected);
        assertThat(server.searchBusiness.calls()).isEmpty();
    }

    @Test
    void givenLimitOver200_whenSearching_then1199059InEitherLanguage() {
        String body = "{\"page\":{\"limit\":201}}";

        assertRefused(inEnglish().esb(API, body), 1199059, "page limit is exceeded. suggestion 200");
        assertRefused(client().v3(API, body), 1199059, "分页大小超出限制, 建议不超过 200");
        assertThat(server.searchBusiness.calls()).isEmpty();
    }

    /** The sort is named first, as it was when PageRules checked both. */
    @Test
    void givenSortByAFieldThatIsNotSortableAndLimitOver200_whenSearching_then1199006NamingSort() {
        ApiResponse response = inEnglish().esb(API, "{\"page\":{\"limit\":201,\"sort\":\"bk_biz_maintainer\"}}");

        assertRefused(response, 1199006,
                "'sort' data parameter verification does not pass: 'bk_biz_maintainer' is not an allowed value");
        assertThat(server.searchBusiness.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"limit\":-1}|'limit' data parameter verification does not pass: -1 is not an allowed value",
            "{\"start\":-5}|'start' data parameter verification does not pass: -5 is not an allowed value",
            "{\"start\":3000000000}|'start' data parameter verification does not pass: 3000000000 is not an allowed value",
            "{\"sort\":\"bk_biz_maintainer\"}|'sort' data parameter verification does not pass: 'bk_biz_maintainer' is not an allowed value",
            "{\"sort\":\"bk_biz_id,-bk_biz_name\"}|'sort' data parameter verification does not pass: 'bk_biz_id,-bk_biz_name' is not an allowed value"})
    void givenPageOutOfItsRules_whenSearching_then1199006NamingTheField(String page, String expected) {
        ApiResponse response = inEnglish().esb(API, "{\"page\":" + page + "}");

        assertRefused(response, 1199006, expected);
    }

    @Test
    void givenIdOperatorsAndAName_whenSearching_thenTheQueryListsTheIdsOfEachAndFindsTheName() {
        client().esb(API, "{\"condition\":{\"bk_biz_id\":{\"$in\":[2,3],\"$eq\":3},\"bk_biz_name\":\"Shop\"}}");

        assertThat(server.searchBusiness.onlyCall().input().condition().terms()).containsExactly(
                new ContainsText("bk_biz_name", "Shop"), new IdIn(Set.of(2L, 3L)), new IdIn(Set.of(3L)));
    }

    /** BlueKing answers params invalid for an id that is no integer, naming bk_biz_id. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"$eq\":\"2\"}|'condition.bk_biz_id.$eq' data parameter verification does not pass: '2' does not fit the attribute's type or option",
            "{\"$eq\":2.5}|'condition.bk_biz_id.$eq' data parameter verification does not pass: 2.5 does not fit the attribute's type or option",
            "{\"$eq\":null}|'condition.bk_biz_id.$eq' data parameter verification does not pass: the value does not fit the attribute's type or option",
            "{\"$eq\":9223372036854775808}|'condition.bk_biz_id.$eq' data parameter verification does not pass: 9223372036854775808 does not fit the attribute's type or option",
            "{\"$in\":[2,\"x\"]}|'condition.bk_biz_id.$in[1]' data parameter verification does not pass: 'x' does not fit the attribute's type or option",
            "{\"$in\":[true]}|'condition.bk_biz_id.$in[0]' data parameter verification does not pass: true does not fit the attribute's type or option",
            "{\"$in\":2}|'condition.bk_biz_id.$in' data parameter verification does not pass: 2 does not fit the attribute's type or option"})
    void givenAnIdOperatorHoldingNoInteger_whenSearching_then1199006NamingItAndNoSearch(String operators, String expected) {
        ApiResponse response = inEnglish().esb(API, "{\"condition\":{\"bk_biz_id\":" + operators + "}}");

        assertRefused(response, 1199006, expected);
        assertThat(server.searchBusiness.calls()).isEmpty();
    }

    /** Not served, and refused rather than ignored: ignored, they answered with every business. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "\"biz_property_filter\":{\"condition\":\"AND\",\"rules\":[{\"field\":\"bk_biz_id\",\"operator\":\"equal\",\"value\":1}]}|biz_property_filter",
            "\"time_condition\":{\"oper\":\"and\",\"rules\":[{\"field\":\"create_time\",\"start\":\"2000-01-01 00:00:00\",\"end\":\"2000-01-02 00:00:00\"}]}|time_condition",
            "\"condition\":{\"bk_biz_id\":{\"$gt\":1}}|condition.bk_biz_id.$gt",
            "\"condition\":{\"bk_biz_id\":{\"$eq\":1,\"$nin\":[2]}}|condition.bk_biz_id.$nin",
            "\"condition\":{\"bk_biz_id\":{}}|condition.bk_biz_id",
            "\"condition\":{\"bk_biz_maintainer\":{\"$in\":[\"a\"]}}|condition.bk_biz_maintainer.$in",
            "\"condition\":{\"bk_biz_name\":{\"$regex\":\"shop\",\"$options\":\"i\"}}|condition.bk_biz_name.$regex",
            "\"condition\":{\"life_cycle\":{}}|condition.life_cycle"})
    void givenAFilterOrOperatorNotServed_whenSearching_then1199006NamingItAndNoSearch(String body, String name) {
        ApiResponse response = inEnglish().esb(API, "{" + body + "}");

        assertRefused(response, 1199006, "'" + name + "' data parameter verification does not pass:"
                + " HostClone does not serve this condition");
        assertThat(server.searchBusiness.calls()).isEmpty();
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(SearchBusinessApi.ROUTE.v3Method().name()).isEqualTo("POST");
        assertThat(SearchBusinessApi.ROUTE.v3Path()).isEqualTo("/api/v3/biz/search/{bk_supplier_account}");
        assertThat(SearchBusinessApi.ROUTE.esbPath()).isEqualTo("/api/c/compapi/v2/cc/search_business/");
    }
}
