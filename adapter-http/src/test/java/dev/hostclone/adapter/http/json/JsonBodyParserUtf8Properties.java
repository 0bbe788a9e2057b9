package dev.hostclone.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A body's text is refused exactly when the JDK's UTF-8 decoder, which follows RFC 3629, finds it not
 * well-formed, and at the byte where the decoder stops; otherwise it is read as the decoder reads it.
 * The texts are strung from the bytes at the edges of each range of Table 3-7, where a lenient decoder
 * goes wrong, and from whole characters at the edges of each length.
 */
class JsonBodyParserUtf8Properties {

    private static final byte[][] PIECES = pieces("41", "7F", "80", "8F", "90", "9F", "A0", "BF", "C0", "C1", "C2", "DF",
            "E0", "E1", "EC", "ED", "EE", "EF", "F0", "F1", "F3", "F4", "F5", "FF",
            "C280", "DFBF", "E0A080", "ED9FBF", "EE8080", "EFBFBF", "F0908080", "F48FBFBF", "E4B8BB", "F09F9880");
    private static final String BEFORE = "{\"bk_comment\":\"";

    private final JsonBodyParser parser = new JsonBodyParser(32, 10_000);

    @Test
    void aTextIsRefusedExactlyWhereTheJdksStrictDecoderStops() {
        qt().withExamples(20_000).forAll(lists().of(integers().between(0, PIECES.length - 1)).ofSizeBetween(0, 6))
                .checkAssert(indexes -> {
                    byte[] text = text(indexes);
                    byte[] body = body(text);
                    ByteBuffer in = ByteBuffer.wrap(text);
                    CharBuffer out = CharBuffer.allocate(text.length * 2);
                    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
                    CoderResult decoded = decoder.decode(in, out, true);

                    Throwable refused = catchThrowable(() -> parser.parseObject(body));

                    String shown = HexFormat.ofDelimiter(" ").formatHex(text);
                    if (decoded.isError()) {
                        assertThat(refused).as(shown).isInstanceOfSatisfying(HttpProblemException.class,
                                problem -> assertThat(problem.problem()).isEqualTo(
                                        new HttpProblem.MalformedJson(1, BEFORE.length() + in.position() + 1)));
                    } else {
                        assertThat(refused).as(shown).isNull();
                        assertThat(parser.parseObject(body).get("bk_comment").textValue()).as(shown)
                                .isEqualTo(out.flip().toString());
                    }
                });
    }

    private static byte[] text(List<Integer> indexes) {
        ByteBuffer text = ByteBuffer.allocate(indexes.size() * 4);
        indexes.forEach(index -> text.put(PIECES[index]));
        byte[] bytes = new byte[text.position()];
        text.flip().get(bytes);
        return bytes;
    }

    private static byte[] body(byte[] text) {
        byte[] before = BEFORE.getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[before.length + text.length + 2];
        System.arraycopy(before, 0, body, 0, before.length);
        System.arraycopy(text, 0, body, before.length, text.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    private static byte[][] pieces(String... hex) {
        byte[][] pieces = new byte[hex.length][];
        for (int i = 0; i < hex.length; i++) {
            pieces[i] = HexFormat.of().parseHex(hex[i]);
        }
        return pieces;
    }
}
