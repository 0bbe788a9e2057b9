package dev.hostclone.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeds a running server through its public API, as an operator's import would: one business with
 * business custom fields, then {@code hosts} hosts in batches of 200 with values drawn from small
 * sets, so that a clone between two random hosts usually changes a few fields.
 */
final class Seeder {

    static final int BATCH = 200;
    static final List<String> CUSTOM_FIELDS = List.of("rack", "owner_team", "cost_center", "deploy_ring",
            "maintenance_window", "service_tier", "backup_policy", "patch_group");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OS = List.of("Debian", "Ubuntu", "CentOS", "Rocky", "TencentOS");
    private static final List<String> USERS = List.of("alice", "bob", "carol", "dave", "erin");

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String auth;

    Seeder(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.auth = ServerProcess.AUTHORIZATION;
    }

    /** Creates the business, its custom fields and the hosts; returns the seeded data set. */
    SeededHosts seed(int hosts) throws IOException, InterruptedException {
        long business = call("POST", "/api/v3/biz/0", Map.of("bk_biz_name", "bench-" + System.nanoTime(),
                "bk_biz_maintainer", ServerProcess.ADMIN)).get("bk_biz_id").asLong();
        for (String field : CUSTOM_FIELDS) {
            call("POST", "/api/v3/create/objectattr/biz/" + business, Map.of("bk_obj_id", "host",
                    "bk_property_id", field, "bk_property_name", field, "bk_property_type", "singlechar"));
        }
        SplittableRandom random = new SplittableRandom(42);
        List<Long> ids = new ArrayList<>(hosts);
        List<String> ips = new ArrayList<>(hosts);
        for (int first = 0; first < hosts; first += BATCH) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = first; i < Math.min(hosts, first + BATCH); i++) {
                String ip = ipOf(i);
                ips.add(ip);
                batch.add(host(ip, random));
            }
            call("POST", "/api/v3/hosts/add/business_idle", Map.of("bk_biz_id", business, "bk_host_list", batch))
                    .get("bk_host_ids").forEach(id -> ids.add(id.asLong()));
        }
        return new SeededHosts(business, ids, ips);
    }

    private static Map<String, Object> host(String ip, SplittableRandom random) {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("bk_host_innerip", ip);
        host.put("bk_cloud_id", 0);
        host.put("bk_host_name", "host-" + ip.replace('.', '-'));
        host.put("operator", pick(USERS, random));
        host.put("bk_bak_operator", pick(USERS, random));
        host.put("bk_os_name", pick(OS, random));
        host.put("bk_os_version", Integer.toString(8 + random.nextInt(5)));
        host.put("bk_cpu", 2 << random.nextInt(6));
        host.put("bk_mem", 4096 << random.nextInt(5));
        host.put("bk_disk", 100 << random.nextInt(4));
        host.put("bk_comment", "rack row " + random.nextInt(5));
        host.put("bk_sn", "SN" + random.nextInt(1_000_000));
        host.put("bk_asset_id", "ASSET-" + ip);
        for (String field : CUSTOM_FIELDS) {
            host.put(field, field + "-" + random.nextInt(4));
        }
        return host;
    }

    private static String pick(List<String> values, SplittableRandom random) {
        return values.get(random.nextInt(values.size()));
    }

    static String ipOf(int index) {
        int n = index + 1;
        return "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "." + (n & 255);
    }

    private JsonNode call(String method, String path, Map<String, Object> body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("X-Bkapi-Authorization", auth)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        JsonNode answer = JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body());
        if (answer.get("code").asInt() != 0) {
            throw new IllegalStateException(method + " " + path + " failed while seeding: " + answer);
        }
        return answer.get("data");
    }

    /** What was seeded: the business and, index for index, each host's id and inner IP. */
    record SeededHosts(long business, List<Long> ids, List<String> ips) {
    }
}
