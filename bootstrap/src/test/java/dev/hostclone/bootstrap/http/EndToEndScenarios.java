package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.adapter.persistence.postgres.PgSettings;
import dev.hostclone.adapter.persistence.postgres.SilenceableLink;
import dev.hostclone.bootstrap.config.Configuration;
import dev.hostclone.bootstrap.HostCloneServer;
import dev.hostclone.bootstrap.config.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A real HostClone server (real store, real use cases) on a free port, and helpers to drive it
 * through a real HTTP client: every scenario creates its own business and hosts, so scenarios
 * never see each other's data. Subclasses choose the storage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndToEndScenarios {

    static final String APP = "e2e-app";
    static final String SECRET = "e2e-secret-7f3a";
    static final String ADMIN = "admin";
    static final String MAINTAINER = "alice";
    static final String STRANGER = "mallory";
    static final String OUTER_IP = "bk_host_outerip";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NEXT_IP = new AtomicInteger(1);

    HostCloneServer server;
    ApiClient admin;

    /** The configuration to start with; its apps and administrators must include the ones above. */
    abstract Configuration configuration();

    @BeforeAll
    void startServer() {
        server = HostCloneServer.start(configuration());
        admin = client(ADMIN);
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static Map<String, String> testApps() {
        return Map.of(APP, SECRET);
    }

    static Set<String> testAdministrators() {
        return Set.of(ADMIN);
    }

    /** The test apps and administrators on the in-memory store. */
    static Configuration inMemory() {
        return Configuration.inMemory(testApps(), testAdministrators());
    }

    /** The test apps and administrators on the PostgreSQL database at {@code url}. */
    static Configuration onPostgres(String url) {
        return inMemory().withStorage(Storage.POSTGRES, Path.of("unused"), url);
    }

    /**
     * As {@link #onPostgres}, on {@code database} reached through {@code link}, with one pool connection
     * per event loop (two loops) and {@code storeTimeout}.
     */
    static Configuration onPostgresThrough(SilenceableLink link, PgSettings database, Duration storeTimeout) {
        PgSettings linked = new PgSettings("127.0.0.1", link.port(), database.database(), database.user(),
                database.password(), 2, storeTimeout, database.listenForModelChanges(), database.tls());
        return onPostgres(linked.url()).withStoreTimeout(storeTimeout);
    }

    /** A client acting as {@code user}, asking for English messages (the server's default is Chinese). */
    ApiClient client(String user) {
        return clientOf(server, user);
    }

    /** A client of {@code target} acting as {@code user}, asking for English messages. */
    static ApiClient clientOf(HostCloneServer target, String user) {
        return ApiClient.of("http://127.0.0.1:" + target.port(), target.http().routes()).as(APP, SECRET, user)
                .withHeader("X-Bkcmdb-Language", "en");
    }

    /** A new business maintained by {@link #MAINTAINER}; returns its id. */
    long aBusiness() {
        ApiResponse created = admin.esb("create_business", json(Map.of(
                "bk_biz_name", "biz-" + UUID.randomUUID(), "bk_biz_maintainer", MAINTAINER)));
        assertThat(created.code()).as(created.toString()).isZero();
        return created.data().get("bk_biz_id").asLong();
    }

    /** A fresh inner IP no other scenario uses. */
    static String anIp() {
        int n = NEXT_IP.getAndIncrement();
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    /** Adds hosts to the business's idle pool; returns their ids in order. */
    @SafeVarargs
    final List<Long> hosts(long business, Map<String, Object>... hosts) {
        return hosts(business, List.of(hosts));
    }

    /** Adds hosts to the business's idle pool; returns their ids in order. */
    List<Long> hosts(long business, List<Map<String, Object>> hosts) {
        ApiResponse added = admin.esb("add_host_to_business_idle",
                json(Map.of("bk_biz_id", business, "bk_host_list", hosts)));
        assertThat(added.code()).as(added.toString()).isZero();
        List<Long> ids = new ArrayList<>();
        added.data().get("bk_host_ids").forEach(id -> ids.add(id.asLong()));
        return ids;
    }

    static Map<String, Object> host(String ip, Object... fields) {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("bk_host_innerip", ip);
        host.put("bk_cloud_id", 0);
        for (int i = 0; i < fields.length; i += 2) {
            host.put((String) fields[i], fields[i + 1]);
        }
        return host;
    }

    /** The host's properties as get_host_base_info shows them (through the v3 door). */
    Map<String, JsonNode> baseInfo(long hostId) {
        ApiResponse info = admin.v3("get_host_base_info", json(Map.of("bk_host_id", hostId)));
        assertThat(info.code()).as(info.toString()).isZero();
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        info.data().forEach(entry -> properties.put(entry.get("bk_property_id").asText(), entry.get("bk_property_value")));
        return properties;
    }

    /** How many audit records the store holds, of every business: a write to any host adds one. */
    long allAuditRecords() {
        return assertSucceeded(admin.v3("list_operation_audit", json(fields(
                "condition", fields("operation_time", fields("start", "1970-01-01 00:00:00")), "page", fields("limit", 1)))))
                .get("count").asLong();
    }

    ApiResponse cloneVia(Door door, ApiClient client, Map<String, Object> body) {
        return client.call(door, "clone_host_property", json(body));
    }

    /** Clones by id through {@code client}, which must succeed. */
    static void cloneById(ApiClient client, long business, long source, long destination) {
        assertSucceeded(client.esb("clone_host_property",
                json(fields("bk_biz_id", business, "bk_org_id", source, "bk_dst_id", destination))));
    }

    /** Sets properties of one host through batch_update_host, which must succeed. */
    void update(long hostId, Object... properties) {
        assertSucceeded(updateOne(admin, Door.V3, hostId, fields(properties)));
    }

    /** Calls batch_update_host through {@code door} for one host and these properties. */
    static ApiResponse updateOne(ApiClient client, Door door, long hostId, Map<String, Object> properties) {
        return client.call(door, "batch_update_host",
                json(fields("update", List.of(fields("bk_host_id", hostId, "properties", properties)))));
    }

    /** A singlechar host attribute's definition with a name of its own; {@code more} adds or replaces fields. */
    static Map<String, Object> singlechar(String propertyId, Object... more) {
        Map<String, Object> definition = fields("bk_obj_id", "host", "bk_property_id", propertyId,
                "bk_property_name", "name of " + propertyId, "bk_property_type", "singlechar");
        definition.putAll(fields(more));
        return definition;
    }

    /** Creates a global host attribute through {@code client}; returns the stored attribute. */
    static JsonNode createAttribute(ApiClient client, Map<String, Object> definition) {
        return assertSucceeded(client.esb("create_object_attribute", json(definition)));
    }

    /** A property id (or any name) no other scenario uses: {@code prefix_} and 12 hex digits. */
    static String aName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** The id of the deletable rule over {@code bk_host_outerip} alone, as {@code client} lists it. */
    static long outerIpRule(ApiClient client) {
        long outerIp = attributeIdOf(client, OUTER_IP);
        JsonNode rules = assertSucceeded(client.esb("search_object_unique", json(fields())));
        for (JsonNode rule : rules) {
            if (keysOf(rule).equals(List.of(outerIp))) {
                assertThat(rule.get("ispre").asBoolean()).isFalse();
                return rule.get("id").asLong();
            }
        }
        throw new AssertionError("no rule on " + OUTER_IP + " alone: " + rules);
    }

    /** The id of the host attribute {@code propertyId}, as {@code client} finds it. */
    static long attributeIdOf(ApiClient client, String propertyId) {
        return assertSucceeded(client.esb("search_object_attribute",
                json(fields("bk_obj_id", "host", "bk_property_id", propertyId)))).get(0).get("id").asLong();
    }

    /** The attribute ids of a unique rule as search_object_unique lists it. */
    static List<Long> keysOf(JsonNode rule) {
        List<Long> keys = new ArrayList<>();
        rule.get("keys").forEach(key -> keys.add(key.get("key_id").asLong()));
        return keys;
    }

    /** Checks a success envelope; returns its data. */
    static JsonNode assertSucceeded(ApiResponse response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.code()).as(response.toString()).isZero();
        assertThat(response.result()).isTrue();
        assertThat(response.message()).isEqualTo("success");
        return response.data();
    }

    /** Checks a business refusal: HTTP 200, this code and English message, no data. */
    static void assertRefusal(ApiResponse response, long code, String message) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.result()).as(response.toString()).isFalse();
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
        assertThat(response.message()).isEqualTo(message);
        assertThat(response.data().isNull()).isTrue();
    }

    static String json(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The fields as a JSON tree, to compare with a response's objects. */
    static JsonNode tree(Map<String, Object> fields) {
        return JSON.valueToTree(fields);
    }

    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
