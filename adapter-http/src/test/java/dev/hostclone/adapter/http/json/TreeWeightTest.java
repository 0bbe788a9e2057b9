package dev.hostclone.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.management.HotSpotDiagnosticMXBean;
import dev.hostclone.adapter.http.RequestLimits;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.GraphLayout;

/**
 * {@link TreeWeight} charges a body at least what its tree and the copy of its bytes take on this JVM, each object of
 * the tree counted by JOL, for the shapes that make the heaviest trees of their bytes and for random documents; and not
 * so much more, for the batches callers send, that the body budget refuses them for nothing (1.4 to 2.1 times what
 * they take, held under three). The sizes are HotSpot's defaults for heaps under 32 GiB, as {@link TreeWeight} says:
 * on a JVM set otherwise, these tests are skipped.
 */
class TreeWeightTest {

    /** About the bytes of each shape: large enough that a container's growth shows, small enough to walk quickly. */
    private static final int SHAPE_BYTES = 64 * 1024;

    private final JsonBodyParser parser = new JsonBodyParser(RequestLimits.DEFAULT_JSON_NESTING_DEPTH,
            RequestLimits.DEFAULT_STRING_LENGTH);

    @BeforeAll
    static void requireHotSpotsDefaultLayout() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        assumeThat(hotSpot).as("HotSpot").isNotNull();
        assumeThat(hotSpot.getVMOption("UseCompressedOops").getValue()).as("compressed references").isEqualTo("true");
        assumeThat(hotSpot.getVMOption("UseCompressedClassPointers").getValue()).as("compressed class pointers")
                .isEqualTo("true");
        assumeThat(hotSpot.getVMOption("ObjectAlignmentInBytes").getValue()).as("alignment").isEqualTo("8");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heavyShapes")
    void weighsAtLeastWhatTheTreeAndTheBodysCopyTake(String shape, byte[] body) {
        long takes = takes(body);

        assertThat(TreeWeight.of(body)).as("%s: %d bytes, tree and copy %d", shape, body.length, takes)
                .isGreaterThanOrEqualTo(takes);
    }

    @Test
    void weighsAtLeastWhatTheTreeAndTheBodysCopyTakeForRandomDocuments() {
        String[] words = {"k", "bk_host_innerip", "", "a,b:c", "{[", "\\\"", "\\\\", "é", "中", "\\u4e2d", "😀", "x".repeat(40)};
        String[] scalars = {"0", "7", "-12", "1234567890123", "12345678901234567890123", "0.5", "-1e10", "true", "false",
                "null"};
        qt().withExamples(2_000).forAll(lists().of(integers().between(0, 999)).ofSizeBetween(1, 200))
                .checkAssert(choices -> {
                    byte[] body = ("{\"d\":" + new JsonWriter(choices, words, scalars).value(0) + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    if (catchThrowable(() -> parser.parse(body)) != null) {
                        return; // a name twice in one object: refused, and no tree kept
                    }

                    assertThat(TreeWeight.of(body)).as(new String(body, StandardCharsets.UTF_8)).isGreaterThanOrEqualTo(takes(body));
                });
    }

    /** The batches the APIs take at their most, each weighed at under three times what it takes (2.1 at most now). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("batches")
    void weighsABatchOfHostsAtUnderThreeTimesWhatItTakes(String batch, byte[] body) {
        long takes = takes(body);

        assertThat(TreeWeight.of(body)).as("%s: %d bytes, tree and copy %d", batch, body.length, takes)
                .isLessThan(3 * takes);
    }

    @Test
    void weighsNothingInATextButItsBytes() {
        String text = "[{,:\\\"]},:[\\\\";
        byte[] brackets = ("{\"k\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] plain = ("{\"k\":\"" + "a".repeat(text.length()) + "\"}").getBytes(StandardCharsets.UTF_8);

        assertThat(TreeWeight.of(brackets)).isEqualTo(TreeWeight.of(plain));
    }

    /** What the tree built of {@code body} takes, each of its objects counted once, and the copy of its bytes. */
    private long takes(byte[] body) {
        ObjectNode tree = parser.parse(body).object();
        return GraphLayout.parseInstance(tree).totalSize() + body.length;
    }

    static Stream<Arguments> heavyShapes() {
        return Stream.of(
                shape("empty objects", "{}"),
                shape("empty arrays", "[]"),
                shape("arrays of one array", "[[[[[[[[1]]]]]]]]"),
                shape("objects of one member", "{\"a\":1}"),
                shape("objects of an object", "{\"a\":{\"b\":{\"c\":{}}}}"),
                shape("small integers", "1"),
                shape("integers", "1234567"),
                shape("longs", "1234567890123"),
                shape("big integers", "9".repeat(JsonBodyParser.MAX_NUMBER_LENGTH)),
                shape("floats", "0.5"),
                shape("nulls", "null"),
                shape("empty texts", "\"\""),
                shape("texts of one letter", "\"a\""),
                shape("texts past Latin-1", "\"中\""),
                shape("escaped texts", "\"\\u4e2d\""),
                shape("texts mostly ASCII but one character", "\"" + "a".repeat(100) + "中\""),
                shape("surrogate pairs", "\"😀\""),
                shape("texts of brackets", "\"{[,:]}\""),
                Arguments.of("an object of distinct names", members(i -> "\"k" + i + "\":1")),
                Arguments.of("an object of long distinct names", members(i -> "\"" + "n".repeat(60) + i + "\":{}")),
                Arguments.of("one long text", bytes("{\"k\":\"" + "é".repeat(RequestLimits.DEFAULT_STRING_LENGTH - 1) + "中\"}")));
    }

    static Stream<Arguments> batches() {
        StringBuilder hosts = new StringBuilder("{\"bk_biz_id\":2,\"bk_host_list\":[");
        for (int i = 0; i < 200; i++) {
            hosts.append(i == 0 ? "" : ",").append("{\"bk_host_innerip\":\"10.0.").append(i / 250).append('.')
                    .append(i % 250).append("\",\"bk_cloud_id\":0,\"bk_os_type\":\"1\",\"bk_cpu\":8,\"bk_mem\":16384");
            for (int k = 0; k < 40; k++) {
                hosts.append(",\"custom_").append(k).append("\":\"value of field ").append(k).append('"');
            }
            hosts.append('}');
        }
        StringBuilder updates = new StringBuilder("{\"update\":[");
        for (int i = 0; i < 500; i++) {
            updates.append(i == 0 ? "" : ",").append("{\"bk_host_id\":").append(1000 + i).append(",\"properties\":{"
                    + "\"bk_comment\":\"moved to rack 12\",\"operator\":\"alice\",\"bk_bak_operator\":\"bob\","
                    + "\"bk_sla\":\"1\",\"bk_cpu\":16,\"bk_mem\":32768,\"bk_disk\":512,\"bk_state\":\"running\"}}");
        }
        return Stream.of(
                Arguments.of("add_host_to_business_idle, 200 hosts of 45 fields", bytes(hosts.append("]}").toString())),
                Arguments.of("batch_update_host, 500 hosts of 8 fields", bytes(updates.append("]}").toString())),
                Arguments.of("clone_host_property", bytes(
                        "{\"bk_biz_id\":2,\"bk_org_ip\":\"10.0.3.17\",\"bk_dst_ip\":\"10.0.3.18\",\"bk_cloud_id\":0}")));
    }

    /** An array of {@code item} over and over, in an object, about {@link #SHAPE_BYTES} long. */
    private static Arguments shape(String name, String item) {
        StringBuilder body = new StringBuilder("{\"k\":[");
        for (int i = 0; body.length() < SHAPE_BYTES; i++) {
            body.append(i == 0 ? "" : ",").append(item);
        }
        return Arguments.of(name, bytes(body.append("]}").toString()));
    }

    private static byte[] members(java.util.function.IntFunction<String> member) {
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; body.length() < SHAPE_BYTES; i++) {
            body.append(i == 0 ? "" : ",").append(member.apply(i));
        }
        return bytes(body.append('}').toString());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
