package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.testkit.ApiClient;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import dev.hostclone.bootstrap.Configuration;
import dev.hostclone.bootstrap.HostCloneServer;
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

    /** A client acting as {@code user}, asking for English messages (the server's default is Chinese). */
    ApiClient client(String user) {
        return ApiClient.of("http://127.0.0.1:" + server.port(), server.http().routes()).as(APP, SECRET, user)
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

    ApiResponse cloneVia(Door door, ApiClient client, Map<String, Object> body) {
        return client.call(door, "clone_host_property", json(body));
    }

    static String json(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
