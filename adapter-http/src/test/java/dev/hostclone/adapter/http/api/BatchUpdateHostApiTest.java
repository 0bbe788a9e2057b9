package dev.hostclone.adapter.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.ServerTest;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.http.testkit.OrderedMap;
import dev.hostclone.application.port.in.HostPropertiesUpdate;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.host.HostId;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class BatchUpdateHostApiTest extends ServerTest {

    private static final String API = "batch_update_host";

    @ParameterizedTest
    @EnumSource(Door.class)
    void givenTwoEntries_whenUpdatingThroughEitherDoor_thenTheUseCaseGetsThemInOrderAndDataIsNull(Door door) {
        ApiResponse response = client().call(door, API, "{\"update\":["
                + "{\"bk_host_id\":46,\"properties\":{\"bk_host_name\":\"web-1\",\"bk_mem\":4096,\"bk_comment\":null}},"
                + "{\"bk_host_id\":47,\"properties\":{\"operator\":\"alice\",\"tags\":[\"a\",\"b\"]}}]}");

        assertData(response, "null");
        assertThat(server.batchUpdateHost.onlyCall().input().updates()).containsExactly(
                new HostPropertiesUpdate(HostId.of(46), OrderedMap.of("bk_host_name", "web-1", "bk_mem", 4096L, "bk_comment", null)),
                new HostPropertiesUpdate(HostId.of(47), Map.of("operator", "alice", "tags", List.of("a", "b"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|'update' unassigned",
            "{\"update\":[]}|'update' unassigned",
            "{\"update\":[{\"bk_host_id\":4,\"properties\":{}}]}|'update[0].properties' unassigned"})
    void givenNoEntryOrAnEntryWithoutProperties_whenUpdating_thenTheCommandRefusesItBeforeTheUseCase(String body,
                                                                                                     String message) {
        ApiResponse response = inEnglish().esb(API, body);

        assertRefused(response, 1199010, message);
        assertThat(server.batchUpdateHost.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"update\":{}}|'update' must be an array",
            "{\"update\":[{\"bk_host_id\":1,\"properties\":{}},7]}|'update[1]' must be an object",
            "{\"update\":[{\"bk_host_id\":\"1\",\"properties\":{}}]}|'update[0].bk_host_id' must be an integer",
            "{\"update\":[{\"bk_host_id\":1.0,\"properties\":{}}]}|'update[0].bk_host_id' must be an integer",
            "{\"update\":[{\"bk_host_id\":1,\"properties\":[]}]}|'update[0].properties' must be an object",
            "{\"update\":[{\"bk_host_id\":1,\"properties\":{\"bk_comment\":{\"x\":1}}}]}|'update[0].properties.bk_comment' must be a string, number, boolean, array or null"})
    void givenFieldOfTheWrongJsonType_whenUpdating_then1199000NamingIt(String body, String expected) {
        ApiResponse response = inEnglish().v3(API, body);

        assertRefused(response, 1199000, "Deserializing JSON data failed: field " + expected);
        assertThat(server.batchUpdateHost.calls()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"properties\":{}}|1199010|'update[0].bk_host_id' unassigned",
            "{\"bk_host_id\":0,\"properties\":{}}|1199010|'update[0].bk_host_id' unassigned",
            "{\"bk_host_id\":-4,\"properties\":{}}|1199009|'update[0].bk_host_id' parameters must be integral",
            "{\"bk_host_id\":4}|1199010|'update[0].properties' unassigned"})
    void givenEntryWithoutHostOrProperties_whenUpdating_thenRefusedNamingTheEntryField(String entry, long code, String message) {
        ApiResponse response = inEnglish().esb(API, "{\"update\":[" + entry + "]}");

        assertRefused(response, code, message);
        assertThat(server.batchUpdateHost.calls()).isEmpty();
    }

    @Test
    void givenMoreThan500Entries_whenUpdating_then1199035BeforeTheUseCase() {
        String entries = updatesOfHosts(501);

        assertRefused(inEnglish().esb(API, entries), 1199035, "update exceed the limit 500");
        assertRefused(client().esb(API, entries), 1199035, "update 超出限制 500");
        assertThat(server.batchUpdateHost.calls()).isEmpty();
    }

    /** BlueKing counts the entries before it reads any of them. */
    @Test
    void givenMoreThan500EntriesOneWithoutItsHost_whenUpdating_then1199035NotTheEntrysOwnRefusal() {
        String entries = updatesOfHosts(501).replace("{\"bk_host_id\":501,", "{");

        assertRefused(inEnglish().esb(API, entries), 1199035, "update exceed the limit 500");
        assertThat(server.batchUpdateHost.calls()).isEmpty();
    }

    @Test
    void givenExactly500Entries_whenUpdating_thenTheUseCaseGetsThemAll() {
        String entries = updatesOfHosts(500);

        assertData(client().esb(API, entries), "null");
        assertThat(server.batchUpdateHost.onlyCall().input().updates()).hasSize(500);
    }

    @Test
    void givenCloudAreaInTheProperties_whenTheUseCaseRefuses_thenItsAnswerReachesTheCaller() {
        server.batchUpdateHost.rejectWith(new Failure.Forbidden("bk_cloud_id", InvalidReason.NOT_WRITABLE, null));

        ApiResponse response = inEnglish().v3(API, "{\"update\":[{\"bk_host_id\":4,\"properties\":{\"bk_cloud_id\":2}}]}");

        assertRefused(response, 1199083, "field 'bk_cloud_id' may not be changed");
    }

    private static String updatesOfHosts(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(id -> "{\"bk_host_id\":" + id + ",\"properties\":{\"bk_comment\":\"x\"}}")
                .collect(Collectors.joining(",", "{\"update\":[", "]}"));
    }

    @Test
    void givenTheRoute_whenRead_thenItMatchesApiMd() {
        assertThat(BatchUpdateHostApi.ROUTE.esbMethod().name()).isEqualTo("POST");
        assertThat(BatchUpdateHostApi.ROUTE.v3Method().name()).isEqualTo("PUT");
        assertThat(BatchUpdateHostApi.ROUTE.v3Path()).isEqualTo("/api/v3/hosts/property/batch");
    }
}
