package dev.hostclone.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.hostclone.adapter.http.auth.CommonParameters;
import dev.hostclone.adapter.http.error.HttpProblem;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.GraphLayout;

/**
 * The keys callers send are not kept once their document is read: Jackson's default factory kept each in a symbol
 * table shared by all its parses, 8 to 16 MB for these 2,000 keys, from callers never authenticated.
 */
class CallersKeysTest {

    private static final int KEYS = 2_000;
    /** What the parser may keep for all of them: its caches' growth, not the keys (8 MB and more when kept). */
    private static final long HELD_AT_MOST = 256 * 1024;

    private final JsonBodyParser parser = new JsonBodyParser(32, 5_000);

    @Test
    void givenCredentialsHeadersWithKeysNeverSeenBefore_whenRead_thenTheSharedMapperKeepsNone() {
        assertKeepsNoKey(Json.MAPPER, document -> CommonParameters.fromHeader(document));
    }

    @Test
    void givenBodiesWithKeysNeverSeenBefore_whenParsed_thenTheParserKeepsNone() {
        assertKeepsNoKey(parser, document -> parser.parse(utf8(document)));
    }

    @Test
    void givenEsbBodiesWithKeysNeverSeenBefore_whenCheckedForTheirCredentials_thenTheParserKeepsNone() {
        assertKeepsNoKey(parser, document -> parser.check(utf8(document), Set.of("bk_app_code")));
    }

    /** Jackson's exception for a full symbol table carries no location: none is made up for it. */
    @Test
    void givenAConstraintThisParserDoesNotSet_whenRefused_thenTheBodyIsToldUnreadableNotOverALimit() {
        StreamConstraintsException collided = new StreamConstraintsException("Spill-over slots in symbol table with"
                + " 1950 entries, hash area of 4096 slots is now full (all 512 slots -- suspect a DoS attack based on"
                + " hash collisions.");

        assertThat(parser.problemOf(collided, utf8("{}"))).isEqualTo(new HttpProblem.MalformedJson(0, 0));
    }

    @Test
    void givenAKeyOverTheStringLimit_whenRefused_thenTheStringLimitIsNamed() {
        StreamConstraintsException tooLong = new StreamConstraintsException(
                "Name length (5001) exceeds the maximum allowed (5000, from `StreamReadConstraints.getMaxNameLength()`)");

        assertThat(parser.problemOf(tooLong, utf8("{}")))
                .isEqualTo(new HttpProblem.JsonLimitExceeded(HttpProblem.JsonLimit.STRING_LENGTH, 5_000));
    }

    private static void assertKeepsNoKey(Object reader, Consumer<String> read) {
        read.accept("{\"bk_app_code\":\"warm\"}");
        long before = GraphLayout.parseInstance(reader).totalSize();
        for (int i = 0; i < KEYS; i++) {
            read.accept("{\"%08d%s\":\"v\"}".formatted(i, "k".repeat(4_000)));
        }

        assertThat(GraphLayout.parseInstance(reader).totalSize() - before).isLessThan(HELD_AT_MOST);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
