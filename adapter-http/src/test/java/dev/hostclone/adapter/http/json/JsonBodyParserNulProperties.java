package dev.hostclone.adapter.http.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.InvalidReason;
import dev.hostclone.domain.failure.RejectedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The parser looks for a NUL in a body's tree only when its bytes may hold one. Whatever the body,
 * it is refused for a NUL exactly when the tree Jackson makes of it holds one, in a text or a name,
 * however deep, unless a NUL is written in an overlong UTF-8 form, which Jackson decodes to one and the
 * parser refuses as UTF-8 that is not well-formed. The bodies mix NULs (written as JSON's escape, or as
 * either overlong form) with what resembles them: backslashes, {@code u} and zeros, other control
 * characters, and characters whose UTF-8 begins with the same byte as an overlong form.
 */
class JsonBodyParserNulProperties {

    private static final char NUL = 0;
    private static final char[] ALPHABET = {'a', 'u', '0', '\\', '"', NUL, 1, '\n', 0x0800, 0x0fff, 0x4e3b, 0xffc0};
    private static final byte[] ESCAPED_NUL = "\\u0000".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] NUL_FORMS = {ESCAPED_NUL, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80}};

    private final JsonBodyParser parser = new JsonBodyParser(32, 10_000);

    @Test
    void aBodyIsRefusedForANulExactlyWhenItsTreeHoldsOne() {
        qt().forAll(texts(), texts(), texts(), lists().of(integers().between(0, 2)).ofSize(24))
                .checkAssert((name, value, nested, forms) -> {
                    byte[] json = json(name, value, nested);
                    byte[] body = withNulsAs(forms, json);
                    boolean holdsNul = holdsNul(tree(body));

                    Throwable refused = catchThrowable(() -> parser.parseObject(body));

                    if (writesAnOverlongNul(forms, json)) {
                        assertThat(refused).as(new String(body, StandardCharsets.ISO_8859_1))
                                .isInstanceOfSatisfying(HttpProblemException.class,
                                        problem -> assertThat(problem.problem()).isInstanceOf(HttpProblem.MalformedJson.class));
                        return;
                    }
                    assertThat(refused instanceof RejectedException rejected
                            && rejected.failure() instanceof Failure.InvalidValue invalid
                            && invalid.reason() == InvalidReason.NOT_ALLOWED)
                            .as("%s refused for a NUL", new String(body, StandardCharsets.UTF_8))
                            .isEqualTo(holdsNul);
                    if (!holdsNul) {
                        assertThat(refused).isNull();
                    }
                });
    }

    private static Gen<String> texts() {
        return lists().of(integers().between(0, ALPHABET.length - 1)).ofSizeBetween(0, 6).map(indexes -> {
            StringBuilder text = new StringBuilder();
            indexes.forEach(index -> text.append(ALPHABET[index]));
            return text.toString();
        });
    }

    /** {@code {name: value, "n": [{name: nested}]}}, as Jackson writes it: a NUL as its escape. */
    private static byte[] json(String name, String value, String nested) {
        ObjectNode body = Json.MAPPER.createObjectNode().put(name, value);
        body.putArray("n".equals(name) ? "m" : "n").addObject().put(name, nested);
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    private static JsonNode tree(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Each escaped NUL written in one of its three forms, the i-th as {@code forms[i]} says. */
    private static byte[] withNulsAs(List<Integer> forms, byte[] json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int found = 0;
        for (int i = 0; i < json.length; i++) {
            if (isEscapedNulAt(json, i)) {
                out.writeBytes(NUL_FORMS[forms.get(found++ % forms.size())]);
                i += ESCAPED_NUL.length - 1;
            } else {
                out.write(json[i]);
            }
        }
        return out.toByteArray();
    }

    /** Whether {@link #withNulsAs} writes any of the escaped NULs of {@code json} in an overlong form. */
    private static boolean writesAnOverlongNul(List<Integer> forms, byte[] json) {
        int found = 0;
        for (int i = 0; i < json.length; i++) {
            if (isEscapedNulAt(json, i) && forms.get(found++ % forms.size()) != 0) {
                return true;
            }
        }
        return false;
    }

    /** An escape, not text: the backslash is not itself escaped, that is, an even run of backslashes precedes it. */
    private static boolean isEscapedNulAt(byte[] json, int at) {
        if (at + ESCAPED_NUL.length > json.length) {
            return false;
        }
        for (int k = 0; k < ESCAPED_NUL.length; k++) {
            if (json[at + k] != ESCAPED_NUL[k]) {
                return false;
            }
        }
        int backslashes = 0;
        while (at - backslashes - 1 >= 0 && json[at - backslashes - 1] == '\\') {
            backslashes++;
        }
        return backslashes % 2 == 0;
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsNul(element)) {
                    return true;
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().indexOf(NUL) >= 0 || holdsNul(field.getValue())) {
                return true;
            }
        }
        return false;
    }
}
