package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.api.Door;
import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many clones and batch updates at once on a few hosts of one business, through the real server.
 * Afterwards each host's audit trail, replayed from its create record, must meet every update
 * record's {@code pre_data} exactly (no write was lost or planned on a stale read) and end at the
 * host's current values; every successful call left exactly its records, a refused one none. The
 * calls are random with a seed printed at the start ({@code -Dhostclone.seed=N} repeats a run's
 * calls, not their interleaving); no assertion depends on timing.
 */
abstract class ConcurrentWritesScenarios extends EndToEndScenarios {

    private static final int HOSTS = 6;
    private static final int WORKERS = 16;
    private static final int CALLS_PER_WORKER = 40;
    private static final int AUDIT_PAGE = 200;

    /** Cloneable fields and the few values each takes, so that clones often find something, and sometimes nothing, to copy. */
    private static final Map<String, List<Object>> VALUES = Map.of(
            "operator", List.of("alice", "bob", "carol"),
            "bk_bak_operator", List.of("dave", "erin"),
            "bk_comment", List.of("web", "db", "cache"),
            "bk_sla", List.of("1", "2", "3"),
            "bk_os_name", List.of("Debian", "CentOS"),
            "bk_cpu", List.of(2, 4, 8));
    private static final List<String> FIELDS = VALUES.keySet().stream().sorted().toList();
    /** The stamps every write sets besides its update_fields; the times compared to the second, as operation_time has them. */
    private static final String UPDATED_BY = "bk_updated_by";
    private static final Set<String> WRITE_TIMES = Set.of("last_time", "bk_updated_at");

    private final long seed = Long.getLong("hostclone.seed", System.nanoTime());

    @Test
    void givenHostsOfOneBusiness_whenClonesAndBatchUpdatesOverlap_thenEveryAuditTrailReplaysToItsHost() {
        Fixture fixture = aFixture();

        List<Answer> answers = runConcurrently(random -> random.nextInt(3) == 0
                ? aBatchUpdate(fixture, random)
                : aClone(fixture, random, fixture.anyHost(random)));

        assertEveryWriteIsAccountedFor(fixture, answers);
    }

    @Test
    void givenFiveSources_whenAllCloneOntoOneDestinationAtOnce_thenNoUpdateIsLost() {
        Fixture fixture = aFixture();
        long destination = fixture.ids().get(0);

        List<Answer> answers = runConcurrently(random -> aClone(fixture, random, destination));

        assertThat(assertEveryWriteIsAccountedFor(fixture, answers)).as(seeded("clones that wrote")).isPositive();
    }

    // ---- the calls

    /**
     * A business with {@link #HOSTS} hosts; host {@code i} has value {@code i} (modulo their number)
     * of every field of {@link #VALUES}, so neighbours differ in every field.
     */
    private Fixture aFixture() {
        System.out.printf("%s: seed %d (-Dhostclone.seed=%d repeats its calls)%n", getClass().getSimpleName(), seed, seed);
        long business = aBusiness();
        List<String> ips = IntStream.range(0, HOSTS).mapToObj(i -> anIp()).toList();
        List<Long> ids = hosts(business, IntStream.range(0, HOSTS).mapToObj(i -> {
            Map<String, Object> host = host(ips.get(i));
            VALUES.forEach((field, values) -> host.put(field, values.get(i % values.size())));
            return host;
        }).toList());
        return new Fixture(business, ids, ips);
    }

    /** A clone onto {@code destination} from a random host (sometimes itself), by id or by IP, through a random door. */
    private static Call aClone(Fixture fixture, Random random, long destination) {
        long source = fixture.anyHost(random);
        Map<String, Object> body = random.nextBoolean()
                ? fields("bk_biz_id", fixture.business(), "bk_org_id", source, "bk_dst_id", destination)
                : fields("bk_biz_id", fixture.business(), "bk_org_ip", fixture.ipOf(source),
                        "bk_dst_ip", fixture.ipOf(destination), "bk_cloud_id", 0);
        return new Call("clone_host_property", aDoor(random), body, source, List.of(destination));
    }

    /** Random values for 1 to 3 random fields of each of 1 to 3 distinct random hosts. */
    private static Call aBatchUpdate(Fixture fixture, Random random) {
        List<Long> shuffled = new ArrayList<>(fixture.ids());
        Collections.shuffle(shuffled, random);
        List<Long> hosts = List.copyOf(shuffled.subList(0, 1 + random.nextInt(3)));
        List<Map<String, Object>> update = new ArrayList<>();
        for (long host : hosts) {
            Map<String, Object> properties = new LinkedHashMap<>();
            int count = 1 + random.nextInt(3);
            while (properties.size() < count) {
                String field = FIELDS.get(random.nextInt(FIELDS.size()));
                List<Object> values = VALUES.get(field);
                properties.put(field, values.get(random.nextInt(values.size())));
            }
            update.add(fields("bk_host_id", host, "properties", properties));
        }
        return new Call("batch_update_host", aDoor(random), fields("update", update), null, hosts);
    }

    private static Door aDoor(Random random) {
        Door[] doors = Door.values();
        return doors[random.nextInt(doors.length)];
    }

    /**
     * {@link #WORKERS} threads, released together, each making {@link #CALLS_PER_WORKER} calls one
     * after another from its own random sequence (worker {@code w} draws from {@code seed + w}), each
     * call with its own request id, which its audit records carry as {@code rid}.
     */
    private List<Answer> runConcurrently(Function<Random, Call> nextCall) {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Answer>>> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    Random random = new Random(seed + worker);
                    start.await();
                    List<Answer> answers = new ArrayList<>();
                    for (int n = 0; n < CALLS_PER_WORKER; n++) {
                        answers.add(send(nextCall.apply(random), "conc-" + seed + "-" + worker + "-" + n));
                    }
                    return answers;
                }));
            }
            start.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<List<Answer>> worker : workers) {
                answers.addAll(worker.get(2, TimeUnit.MINUTES));
            }
            return answers;
        } catch (Exception e) {
            throw new AssertionError(seeded("a worker failed"), e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Answer send(Call call, String requestId) {
        ApiResponse response = admin.withHeader("X-Request-ID", requestId).call(call.door(), call.api(), json(call.body()));
        return new Answer(call, requestId, response.code(), response.toString());
    }

    // ---- the checks

    /**
     * Every answer is a success; each host's trail replays to its current values; and the update records
     * are exactly the successful calls' writes. Returns how many host writes there were. No call gives up
     * (1199066): while the model stays put, a batch, and a clone whose first write went stale, is planned
     * on its hosts as the store holds them locked, and written on top of whatever moved them.
     */
    private long assertEveryWriteIsAccountedFor(Fixture fixture, List<Answer> answers) {
        assertThat(answers).as(seeded("answers other than success"))
                .filteredOn(answer -> answer.code() != 0)
                .extracting(Answer::response)
                .isEmpty();
        Map<Long, List<JsonNode>> trails = new LinkedHashMap<>();
        Map<Long, List<ObjectNode>> histories = new HashMap<>();
        for (long host : fixture.ids()) {
            List<JsonNode> trail = auditTrail(fixture.business(), host);
            List<ObjectNode> states = replay(host, trail);
            assertShownAs(host, states.get(states.size() - 1));
            trails.put(host, trail);
            histories.put(host, states);
        }
        long writes = assertUpdatesAreTheCallsWrites(answers, trails, histories);
        long records = trails.values().stream().mapToLong(List::size).sum();
        assertThat(records).as(seeded("audit records = creates + successful host writes")).isEqualTo(HOSTS + writes);
        System.out.printf("%s: %d calls, %d host writes%n", getClass().getSimpleName(), answers.size(), writes);
        return writes;
    }

    /**
     * The host's states, from its create record's {@code cur_data} through each update record in id
     * order: each record's {@code pre_data} must be exactly the state the write before it left.
     */
    private List<ObjectNode> replay(long host, List<JsonNode> trail) {
        assertThat(trail).as(seeded("trail of host " + host)).isNotEmpty();
        assertThat(trail.get(0).get("action").asText()).as(seeded("first record of host " + host)).isEqualTo("create");
        List<ObjectNode> states = new ArrayList<>();
        states.add(comparable(details(trail.get(0)).get("cur_data")));
        for (JsonNode record : trail.subList(1, trail.size())) {
            ObjectNode before = states.get(states.size() - 1);
            assertThat(record.get("action").asText()).isEqualTo("update");
            assertThat(comparable(details(record).get("pre_data")))
                    .as(seeded("pre_data of audit record " + record.get("id") + " of host " + host))
                    .isEqualTo(before);
            ObjectNode after = before.deepCopy();
            after.setAll((ObjectNode) details(record).get("update_fields"));
            after.put(UPDATED_BY, record.get("user").asText());
            WRITE_TIMES.forEach(time -> after.put(time, record.get("operation_time").asText()));
            states.add(after);
        }
        return states;
    }

    /** get_host_base_info shows every property as the replay ended. */
    private void assertShownAs(long host, ObjectNode replayed) {
        ObjectNode shown = comparable(JsonNodeFactory.instance.objectNode().setAll(baseInfo(host)));
        shown.fields().forEachRemaining(property -> assertThat(replayed.path(property.getKey()).isMissingNode()
                        ? NullNode.getInstance() : replayed.get(property.getKey()))
                .as(seeded("replayed '" + property.getKey() + "' of host " + host))
                .isEqualTo(property.getValue()));
    }

    /**
     * A successful batch left one record on each host it named; a successful clone at most one, on its
     * destination, copying a state its source had (nothing when there was nothing to copy); a refused
     * call none; and no record is left unexplained. Returns how many records the calls left.
     */
    private long assertUpdatesAreTheCallsWrites(List<Answer> answers, Map<Long, List<JsonNode>> trails,
                                                Map<Long, List<ObjectNode>> histories) {
        Map<String, List<JsonNode>> updatesByRequest = new HashMap<>();
        trails.values().forEach(trail -> trail.subList(1, trail.size()).forEach(record ->
                updatesByRequest.computeIfAbsent(record.get("rid").asText(), rid -> new ArrayList<>()).add(record)));
        long writes = 0;
        for (Answer answer : answers) {
            List<JsonNode> records = updatesByRequest.getOrDefault(answer.requestId(), List.of());
            List<Long> written = records.stream().map(record -> record.get("resource_id").asLong()).sorted().toList();
            String description = seeded("hosts written by " + answer.requestId() + ", answered " + answer.response());
            if (answer.code() != 0) {
                assertThat(written).as(description).isEmpty();
            } else if (answer.call().isClone()) {
                assertThat(written).as(description).isSubsetOf(answer.call().hosts()).hasSizeLessThanOrEqualTo(1);
                records.forEach(record -> assertCopiesOneStateOf(histories.get(answer.call().source()), record));
            } else {
                assertThat(written).as(description).isEqualTo(answer.call().hosts().stream().sorted().toList());
            }
            writes += written.size();
            updatesByRequest.remove(answer.requestId());
        }
        assertThat(updatesByRequest.keySet()).as(seeded("request ids of records no call explains")).isEmpty();
        return writes;
    }

    /** The clone's destination after it (pre_data plus update_fields) holds, in every field, one state of its source. */
    private void assertCopiesOneStateOf(List<ObjectNode> sourceStates, JsonNode record) {
        ObjectNode after = ((ObjectNode) details(record).get("pre_data")).deepCopy();
        after.setAll((ObjectNode) details(record).get("update_fields"));
        assertThat(sourceStates).as(seeded("a source state that audit record " + record.get("id") + " copies"))
                .anySatisfy(source -> FIELDS.forEach(field -> assertThat(after.get(field)).isEqualTo(source.get(field))));
    }

    /** Every audit record of the host, in id order, with its details. */
    private List<JsonNode> auditTrail(long business, long host) {
        List<Long> ids = new ArrayList<>();
        long count;
        do {
            ApiResponse page = admin.v3("list_operation_audit", json(fields(
                    "condition", fields("bk_biz_id", business, "resource_type", "host", "resource_id", host,
                            "operation_time", fields("start", "2000-01-01 00:00:00")),
                    "page", fields("start", ids.size(), "limit", AUDIT_PAGE, "sort", "id"))));
            assertThat(page.code()).as(page.toString()).isZero();
            count = page.data().get("count").asLong();
            page.data().get("info").forEach(record -> ids.add(record.get("id").asLong()));
        } while (ids.size() < count);
        List<JsonNode> records = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += AUDIT_PAGE) {
            ApiResponse found = admin.v3("find_audit_by_id",
                    json(fields("id", ids.subList(from, Math.min(ids.size(), from + AUDIT_PAGE)))));
            assertThat(found.code()).as(found.toString()).isZero();
            found.data().forEach(records::add);
        }
        records.sort(Comparator.comparingLong(record -> record.get("id").asLong()));
        return records;
    }

    private static JsonNode details(JsonNode record) {
        return record.at("/operation_detail/details");
    }

    /** The document with its write times cut to the second and written as operation_time is. */
    private static ObjectNode comparable(JsonNode document) {
        ObjectNode copy = ((ObjectNode) document).deepCopy();
        for (String time : WRITE_TIMES) {
            JsonNode value = copy.get(time);
            if (value != null && value.isTextual() && value.asText().length() >= 19) {
                copy.put(time, value.asText().substring(0, 19).replace('T', ' '));
            }
        }
        return copy;
    }

    private String seeded(String what) {
        return what + " (seed " + seed + ")";
    }

    private record Fixture(long business, List<Long> ids, List<String> ips) {

        long anyHost(Random random) {
            return ids.get(random.nextInt(ids.size()));
        }

        String ipOf(long host) {
            return ips.get(ids.indexOf(host));
        }
    }

    /** One call: a clone names its source and its destination in {@code hosts}, a batch the hosts it updates. */
    private record Call(String api, Door door, Map<String, Object> body, Long source, List<Long> hosts) {

        boolean isClone() {
            return source != null;
        }
    }

    private record Answer(Call call, String requestId, long code, String response) {
    }
}
