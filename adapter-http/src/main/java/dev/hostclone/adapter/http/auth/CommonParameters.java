package dev.hostclone.adapter.http.auth;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hostclone.adapter.http.error.HttpProblem;
import dev.hostclone.adapter.http.error.HttpProblem.AuthProblem;
import dev.hostclone.adapter.http.error.HttpProblem.JsonType;
import dev.hostclone.adapter.http.error.HttpProblemException;
import dev.hostclone.adapter.http.json.Json;
import dev.hostclone.adapter.http.json.Utf8;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * BlueKing's common parameters (API.md §1): where each door carries them, and their removal so
 * they never reach an API as data.
 */
public final class CommonParameters {

    public static final String APP_CODE = "bk_app_code";
    public static final String APP_SECRET = "bk_app_secret";
    public static final String USERNAME = "bk_username";
    public static final String TOKEN = "bk_token";
    public static final String SUPPLIER_ACCOUNT = "bk_supplier_account";
    /** BlueKing's default supplier account, the only one HostClone serves; answers carry it. */
    public static final String DEFAULT_SUPPLIER_ACCOUNT = "0";
    /** The v3 door's credentials: a JSON object of the same names. */
    public static final String AUTHORIZATION_HEADER = "X-Bkapi-Authorization";

    public static final Set<String> NAMES = Set.of(APP_CODE, APP_SECRET, USERNAME, TOKEN, SUPPLIER_ACCOUNT);
    /**
     * The older names BlueKing's ESB reads a credential by, in its body or query string, where the {@code bk_} one is
     * absent or empty (its {@code RequestHandler.AUTHORIZATION_KEYS}, the app code by {@code get_first_not_empty_value}):
     * its first Python SDK sends them. Read on the ESB door alone, and never data there.
     */
    public static final Map<String, String> ESB_OLDER_NAMES = Map.of(APP_CODE, "app_code", APP_SECRET, "app_secret",
            USERNAME, "username");
    /** The common parameters of the ESB door: {@link #NAMES} and {@link #ESB_OLDER_NAMES}. */
    public static final Set<String> ESB_NAMES = withOlderNames(NAMES);

    private static final Set<String> CREDENTIALS = Set.of(APP_CODE, APP_SECRET, USERNAME, TOKEN);
    private static final Set<String> ESB_CREDENTIALS = withOlderNames(CREDENTIALS);
    /** A credential of the header given as a number, a boolean, an object or an array. */
    private static final Object NOT_A_TEXT = new Object();

    private CommonParameters() {
    }

    /** From an ESB JSON body; a credential that is not a JSON string is a wrong type (1199000). */
    public static Credentials fromBody(ObjectNode body) {
        return read(orOlderName(name -> {
            JsonNode value = body.get(name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                throw new HttpProblemException(new HttpProblem.WrongJsonType(name, JsonType.STRING));
            }
            return value.textValue();
        }));
    }

    /** From an ESB query string (GET APIs). */
    public static Credentials fromQuery(Map<String, String> query) {
        return read(orOlderName(query::get));
    }

    /** A credential by its {@code bk_} name, else, absent or empty, by the ESB's older one ({@link #ESB_OLDER_NAMES}). */
    private static Function<String, String> orOlderName(Function<String, String> source) {
        return name -> {
            String value = source.apply(name);
            String older = ESB_OLDER_NAMES.get(name);
            if ((value != null && !value.isEmpty()) || older == null) {
                return value;
            }
            String olderValue = source.apply(older);
            return olderValue != null ? olderValue : value;
        };
    }

    private static Set<String> withOlderNames(Set<String> names) {
        Set<String> all = new HashSet<>(names);
        all.addAll(ESB_OLDER_NAMES.values());
        return Set.copyOf(all);
    }

    /**
     * From the v3 header, which may come once: a second one, the client's beside a proxy's or two of the
     * client's, leaves who calls ambiguous (401), where the first one ran.
     */
    public static Credentials fromHeaders(List<String> headers) {
        return fromHeaders(headers, false);
    }

    /**
     * As {@link #fromHeaders(List)}, on the ESB door: the ESB's older names ({@link #ESB_OLDER_NAMES}) are read there
     * too where a {@code bk_} one is absent or empty, as the ESB reads its authorization wherever it came from.
     */
    public static Credentials fromEsbHeaders(List<String> headers) {
        return fromHeaders(headers, true);
    }

    private static Credentials fromHeaders(List<String> headers, boolean olderNames) {
        if (headers.size() > 1) {
            throw unauthenticated(AuthProblem.AUTHORIZATION_HEADER_REPEATED, null);
        }
        return fromHeader(headers.isEmpty() ? null : headers.get(0), olderNames);
    }

    /** From the v3 header; absent means no credentials, unreadable answers 401. */
    public static Credentials fromHeader(String header) {
        return fromHeader(header, false);
    }

    private static Credentials fromHeader(String header, boolean olderNames) {
        if (header == null || header.isBlank()) {
            return Credentials.NONE;
        }
        Map<String, Object> credentials = headerCredentials(asUtf8(header), olderNames ? ESB_CREDENTIALS : CREDENTIALS);
        Function<String, String> source = name -> {
            Object value = credentials.get(name);
            if (value == NOT_A_TEXT) {
                throw unauthenticated(AuthProblem.AUTHORIZATION_HEADER_INVALID, null);
            }
            return (String) value;
        };
        return read(olderNames ? orOlderName(source) : source);
    }

    /**
     * The header's credentials, read through without building the rest: every v3 request sends one, and its tree,
     * built to look up four names, was a request's third largest parse. Each credential is its text, or
     * {@link #NOT_A_TEXT}, refused in its turn as the tree's reading refused it (a NUL in a credential read before it
     * is named first); absent or null, none. A key given twice anywhere is named, as a body's is (which of the two
     * holds is not ours to guess); anything else unreadable, or no object at all, is invalid.
     */
    private static Map<String, Object> headerCredentials(String text, Set<String> names) {
        Map<String, Object> credentials = new HashMap<>(8);
        boolean oneObject;
        try (JsonParser header = Json.MAPPER.createParser(text)) {
            oneObject = header.nextToken() == JsonToken.START_OBJECT;
            if (oneObject) {
                while (header.nextToken() == JsonToken.FIELD_NAME) {
                    String name = header.currentName();
                    JsonToken value = header.nextToken();
                    if (names.contains(name) && value != JsonToken.VALUE_NULL) {
                        credentials.put(name, value == JsonToken.VALUE_STRING ? header.getText() : NOT_A_TEXT);
                    }
                    header.skipChildren();
                }
            } else {
                header.skipChildren();
            }
            // one value and nothing after it, as the mappers' FAIL_ON_TRAILING_TOKENS reads a document
            oneObject &= header.nextToken() == null;
        } catch (JsonProcessingException malformed) {
            String repeated = Json.duplicatedKey(malformed);
            if (repeated != null) {
                throw unauthenticated(AuthProblem.AUTHORIZATION_HEADER_KEY_REPEATED, repeated);
            }
            oneObject = false;
        } catch (IOException unreadable) {
            oneObject = false;
        }
        if (!oneObject) {
            throw unauthenticated(AuthProblem.AUTHORIZATION_HEADER_INVALID, null);
        }
        return credentials;
    }

    /**
     * The header's text read as UTF-8, as its JSON is written: the HTTP codec reads a header's bytes one
     * character each (ISO-8859-1), so a user name such as 张三 sent raw came as mojibake on this door and
     * right on the ESB door's body, and matched no administrator or maintainer. Bytes that are not
     * well-formed UTF-8 are refused, as in a body: decoded, an overlong {@code C0 AF} was read as {@code /}
     * and the rest as U+FFFD. A header of ASCII alone, the usual one (JSON escapes the rest), is returned
     * as it is, after the one scan that finds it so.
     */
    static String asUtf8(String header) {
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c > 0xFF) {
                return header; // not from the codec's bytes: nothing to read again
            }
            if (c > 0x7F) {
                byte[] bytes = header.getBytes(StandardCharsets.ISO_8859_1);
                if (!Utf8.isWellFormed(bytes)) {
                    throw unauthenticated(AuthProblem.AUTHORIZATION_HEADER_NOT_UTF8, null);
                }
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
        return header;
    }

    /**
     * Takes the common parameters {@code names} ({@link #NAMES}, or the ESB door's {@link #ESB_NAMES}) out of
     * {@code body}, read already, and returns it: the API's own fields. In place, as every request parses its own
     * body (a copy was a tenth of a clone's parse).
     */
    public static ObjectNode stripFrom(ObjectNode body, Set<String> names) {
        return body.remove(names);
    }

    private static Credentials read(Function<String, String> source) {
        return new Credentials(withoutNul(source, APP_CODE), withoutNul(source, APP_SECRET),
                withoutNul(source, USERNAME), withoutNul(source, TOKEN));
    }

    /**
     * No app or user has a NUL in its name, and PostgreSQL cannot even compare one: refused before any lookup,
     * naming the credential and never its value. Until 2026-12-06 it was refused as a wrong app or a missing user.
     * A lone surrogate in the user's name is repaired where every name is, by {@code UserNames}.
     */
    private static String withoutNul(Function<String, String> source, String name) {
        String value = source.apply(name);
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw unauthenticated(AuthProblem.CREDENTIAL_HOLDS_NUL, name);
        }
        return value;
    }

    private static HttpProblemException unauthenticated(AuthProblem reason, String name) {
        return new HttpProblemException(new HttpProblem.Unauthenticated(reason, name));
    }
}
