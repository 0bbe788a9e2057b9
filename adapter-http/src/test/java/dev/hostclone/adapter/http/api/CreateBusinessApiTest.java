package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.domain.business.Business;
import dev.hostclone.domain.business.BusinessId;
import dev.hostclone.domain.failure.Failure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateBusinessApiTest extends ServerTest {

    private static final String ESB_PATH = "/api/c/compapi/v2/cc/create_business/";
    @Test
    void givenEsbBodyWithFieldsUnderData_whenCreating_thenOnlyTheDataFieldsReachTheUseCase() {
        ApiResponse response = server.client().send("POST", ESB_PATH, "{\"bk_app_code\":\"cmdb-caller\","
                + "\"bk_app_secret\":\"s3cret-Value!\",\"bk_username\":\"admin\",\"bk_supplier_account\":\"0\","
                + "\"data\":{\"bk_biz_name\":\"mall\",\"bk_biz_maintainer\":\"alice,bob\",\"language\":\"1\"}}");

        assertThat(response.code()).isZero();
        assertThat(server.createBusiness.onlyCall().input().fields()).containsExactly(
                Map.entry("bk_biz_name", "mall"), Map.entry("bk_biz_maintainer", "alice,bob"), Map.entry("language", "1"));
    }

    @Test
    void givenV3FlatBody_whenCreating_thenTheFieldsReachTheUseCaseAndTheSupplierAccountStaysInThePath() {
        ApiResponse response = server.client().send("POST", "/api/v3/biz/0",
                "{\"bk_biz_name\":\"mall\",\"bk_biz_maintainer\":\"alice\",\"bk_supplier_account\":\"0\"}",
                Map.of("X-Bkapi-Authorization",
                        "{\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\",\"bk_username\":\"admin\"}"));

        assertThat(response.code()).isZero();
        assertThat(server.createBusiness.onlyCall().input().fields())
                .containsExactly(Map.entry("bk_biz_name", "mall"), Map.entry("bk_biz_maintainer", "alice"));
    }

    @Test
    void givenBothDoorsThroughTheClient_whenCreating_thenBothReachTheUseCaseWithTheSameFields() {
        String fields = "{\"bk_biz_name\":\"mall\",\"bk_biz_maintainer\":\"alice\"}";

        ApiResponse esb = server.client().esb("create_business", fields);
        ApiResponse v3 = server.client().v3("create_business", fields);

        assertThat(esb.code()).isZero();
        assertThat(v3.code()).isZero();
        assertThat(server.createBusiness.calls()).extracting(call -> call.input().fields())
                .containsExactly(Map.of("bk_biz_name", "mall", "bk_biz_maintainer", "alice"),
                        Map.of("bk_biz_name", "mall", "bk_biz_maintainer", "alice"));
    }

    @Test
    void givenStoredBusiness_whenAnswered_thenDataIsTheBusinessWithBkBizIdFirst() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("bk_biz_name", "mall");
        properties.put("bk_biz_maintainer", "alice");
        properties.put("bk_biz_id", 9L);
        properties.put("time_zone", "Asia/Shanghai");
        properties.put("default", 0L);
        server.createBusiness.succeedWith(new Business(BusinessId.of(9), properties));

        ApiResponse response = server.client().esb("create_business", "{\"bk_biz_name\":\"mall\",\"bk_biz_maintainer\":\"alice\"}");

        assertThat(response.data().toString()).isEqualTo("{\"bk_biz_id\":9,\"bk_biz_name\":\"mall\","
                + "\"bk_biz_maintainer\":\"alice\",\"time_zone\":\"Asia/Shanghai\",\"default\":0}");
    }

    @Test
    void givenEsbBodyWithoutData_whenCreating_then1199010NamingData() {
        ApiResponse response = inEnglish().send("POST", ESB_PATH,
                "{\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\",\"bk_username\":\"admin\","
                        + "\"bk_biz_name\":\"mall\"}");

        assertThat(response.code()).isEqualTo(1199010);
        assertThat(response.message()).isEqualTo("'data' unassigned");
        assertThat(server.createBusiness.calls()).isEmpty();
    }

    @Test
    void givenEsbDataThatIsNotAnObject_whenCreating_then1199000() {
        ApiResponse response = inEnglish().send("POST", ESB_PATH,
                "{\"bk_app_code\":\"cmdb-caller\",\"bk_app_secret\":\"s3cret-Value!\",\"bk_username\":\"admin\","
                        + "\"data\":[1]}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'data' must be an object");
        assertThat(server.createBusiness.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenNestedObjectAsAFieldValue_whenCreating_then1199000NamingTheNestedPath() {
        ApiResponse response = inEnglish()
                .esb("create_business", "{\"bk_biz_name\":{\"zh\":\"商城\"}}");

        assertThat(response.code()).isEqualTo(1199000);
        assertThat(response.message()).isEqualTo("Deserializing JSON data failed: field 'data.bk_biz_name' must be a string,"
                + " number, boolean, array or null");
        assertThat(server.createBusiness.calls()).as("the use case never called").isEmpty();
    }

    @Test
    void givenDuplicateName_whenCreating_thenTheUseCasesRefusalIsAnswered() {
        server.createBusiness.rejectWith(new Failure.Duplicated(List.of("bk_biz_name"), List.of("mall")));

        ApiResponse response = server.client().v3("create_business", "{\"bk_biz_name\":\"mall\",\"bk_biz_maintainer\":\"a\"}");

        assertThat(response.code()).isEqualTo(1199014);
        assertThat(response.message()).isEqualTo("存在重复的实例, 字段 [bk_biz_name] 重复: 值 ['mall']");
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(CreateBusinessApi.ROUTE.esbPath()).isEqualTo("/api/c/compapi/v2/cc/create_business/");
        assertThat(CreateBusinessApi.ROUTE.v3Path()).isEqualTo("/api/v3/biz/{bk_supplier_account}");
        assertThat(CreateBusinessApi.ROUTE.esbFieldsUnder()).isEqualTo("data");
    }
}
