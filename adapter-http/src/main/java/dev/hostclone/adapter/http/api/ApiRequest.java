package dev.hostclone.adapter.http.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hostclone.adapter.http.i18n.Language;
import dev.hostclone.adapter.http.json.JsonFields;
import dev.hostclone.domain.failure.Failure;
import dev.hostclone.domain.failure.RejectedException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One API call as an {@link ApiEndpoint} sees it: the JSON body's fields (common parameters
 * removed, ESB nesting undone), the path and query parameters as text, the door it came through,
 * and the language of the answer.
 */
public record ApiRequest(Door door, JsonFields body, Map<String, String> params, Language language) {

    private static final Pattern INTEGER = Pattern.compile("^-?[0-9]{1,19}$");

    public ApiRequest {
        Objects.requireNonNull(door, "door");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(language, "language");
        params = Map.copyOf(params);
    }

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    /**
     * The integer {@code name}: from the path or query string as text (not an integer: 1199009),
     * else from the body as a strict JSON integer; null when absent.
     */
    public Long integer(String name) {
        String text = params.get(name);
        if (text == null) {
            return body.optionalLong(name);
        }
        return integerOf(text, name);
    }

    /**
     * As {@link #integer}, but a body's text of an integer is taken too, as BlueKing's ESB form reads a GET API's
     * field sent in a POST body ({@code "bk_host_id":"2"}, Django's {@code IntegerField}).
     */
    public Long integerOrItsText(String name) {
        JsonNode sent = params.containsKey(name) ? null : body.optionalNode(name);
        if (sent != null && sent.isTextual()) {
            return integerOf(sent.textValue(), name);
        }
        return integer(name);
    }

    private static Long integerOf(String text, String name) {
        String trimmed = text.trim();
        if (!INTEGER.matcher(trimmed).matches()) {
            throw RejectedException.because(new Failure.NotAnInteger(name));
        }
        try {
            return Long.parseLong(trimmed);
        } catch (NumberFormatException overflow) {
            throw RejectedException.because(new Failure.NotAnInteger(name));
        }
    }
}
