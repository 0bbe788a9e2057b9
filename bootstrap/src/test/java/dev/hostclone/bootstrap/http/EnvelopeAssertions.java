package dev.hostclone.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hostclone.adapter.http.testkit.ApiResponse;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What every answer must be, whatever was asked (API.md §2): the envelope, never a 500, nothing of the implementation. */
final class EnvelopeAssertions {

    static final List<String> ENVELOPE_KEYS = List.of("result", "code", "message", "permission", "request_id", "data");
    /** The statuses API.md §2 allows for answers that are not internal faults, and the codec's refusals (URI or headers too long). */
    static final Set<Integer> STATUSES = Set.of(200, 400, 401, 404, 405, 413, 414, 431);

    /**
     * Traces of the implementation: exception and Java class names, stack frames, PostgreSQL's
     * error texts. Requests that fuzz never contain these words, so an echoed value cannot match.
     */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|Throwable|\\bat [\\w$.]+\\(|\\.java:\\d+|"
                    + "\\b(java|javax|jdk|sun|io\\.vertx|io\\.netty|com\\.fasterxml|com\\.google|dev\\.hostclone|org)\\.[a-z]|"
                    + "SQLSTATE|syntax error at|violates .* constraint|relation \"|ERROR: |PSQL");

    private EnvelopeAssertions() {
    }

    /** @param request a short description of what was sent, for the failure message */
    static void assertAnsweredInTheEnvelope(ApiResponse response, String request) {
        String context = request + "\n  -> " + response;
        assertThat(response.status()).as(context).isIn(STATUSES);
        assertThat(response.header("Content-Type")).as(context).startsWith("application/json");
        assertThat(response.envelope()).as(context).isNotNull();
        assertThat(response.envelopeKeys()).as(context).containsExactlyElementsOf(ENVELOPE_KEYS);
        assertThat(response.envelope().get("result").isBoolean()).as(context).isTrue();
        assertThat(response.envelope().get("code").isInt()).as(context).isTrue();
        assertThat(response.envelope().get("message").isTextual()).as(context).isTrue();
        assertThat(response.requestId()).as(context).isNotBlank();
        assertThat(response.result()).as(context).isEqualTo(response.code() == 0);
        if (!response.result()) {
            assertThat(response.data().isNull()).as(context).isTrue();
        }
        assertThat(LEAK.matcher(response.body()).find()).as("implementation leaked: " + context).isFalse();
    }
}
